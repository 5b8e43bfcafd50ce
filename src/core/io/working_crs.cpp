// PROJ-backed implementation of model::Projection.
#include "core/io/working_crs.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <vector>
#include <string>

#include <proj.h>

#include "core/model/error.hpp"

namespace ca::io {
namespace {

class ProjProjection final : public model::Projection {
public:
    explicit ProjProjection(const std::string& target) {
        m_ctx = proj_context_create();
        PJ* raw = proj_create_crs_to_crs(m_ctx, "EPSG:4490", target.c_str(), nullptr);
        if (!raw) {
            proj_context_destroy(m_ctx);
            throw Error("cannot build a projection to " + target + " (PROJ database missing?)");
        }
        // Lon/lat in, easting/northing out, whatever the CRS definitions say about axis order.
        m_pj = proj_normalize_for_visualization(m_ctx, raw);
        proj_destroy(raw);
        PJ* crs = proj_create(m_ctx, target.c_str());
        m_name = crs ? proj_get_name(crs) : target;
        if (crs) {
            const char* code = proj_get_id_code(crs, 0);
            m_epsg = code ? std::atoi(code) : 0;
            proj_destroy(crs);
        }
    }
    ~ProjProjection() override {
        for (const Handle& h : m_spare) {
            proj_destroy(h.pj);  // before its context
            proj_context_destroy(h.ctx);
        }
        proj_destroy(m_pj);
        proj_context_destroy(m_ctx);
    }

    void forward(std::span<model::Vec2> points) const override { transform(points, PJ_FWD); }
    void inverse(std::span<model::Vec2> points) const override { transform(points, PJ_INV); }
    std::string name() const override { return m_name; }
    int epsg() const override { return m_epsg; }

private:
    // A PROJ object serves one thread at a time; the viewer projects on its UI thread and workers
    // at once. Each call borrows a handle of its own (cloned on first need) and gives it back.
    struct Handle {
        PJ_CONTEXT* ctx;
        PJ* pj;
    };
    Handle borrow() const {
        const std::lock_guard lock(m_mutex);
        if (!m_spare.empty()) {
            const Handle h = m_spare.back();
            m_spare.pop_back();
            return h;
        }
        PJ_CONTEXT* ctx = proj_context_create();
        return {ctx, proj_clone(ctx, m_pj)};
    }
    void give_back(Handle h) const {
        const std::lock_guard lock(m_mutex);
        m_spare.push_back(h);
    }

    void transform(std::span<model::Vec2> points, PJ_DIRECTION direction) const {
        if (points.empty()) return;
        const Handle h = borrow();
        proj_trans_generic(h.pj, direction, &points[0].x, sizeof(model::Vec2), points.size(), &points[0].y,
                           sizeof(model::Vec2), points.size(), nullptr, 0, 0, nullptr, 0, 0);
        give_back(h);
    }

    PJ_CONTEXT* m_ctx = nullptr;
    PJ* m_pj = nullptr;  // the original, only cloned from
    mutable std::mutex m_mutex;
    mutable std::vector<Handle> m_spare;
    std::string m_name;
    int m_epsg = 0;
};

}  // namespace

std::shared_ptr<const model::Projection> make_projection(const std::string& target_crs) {
    return std::make_shared<ProjProjection>(target_crs);
}

std::shared_ptr<const model::Projection> choose_working_crs(const model::Extent& lonlat) {
    // Clamped: a stray coordinate must not overflow the zone arithmetic (loading leaves such
    // features out, but the projection must not depend on that).
    const double lon = lonlat.empty() || !std::isfinite(lonlat.centre().x) ? 105.0 : std::clamp(lonlat.centre().x, -180.0, 180.0);
    const double lat = lonlat.empty() || !std::isfinite(lonlat.centre().y) ? 35.0 : std::clamp(lonlat.centre().y, -90.0, 90.0);
    const int central_meridian = 3 * static_cast<int>(std::lround(lon / 3.0));
    if (central_meridian >= 75 && central_meridian <= 135 && lat > 0)
        return make_projection("EPSG:" + std::to_string(4534 + (central_meridian - 75) / 3));
    const int utm_zone = std::clamp(static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1, 1, 60);
    return make_projection("EPSG:" + std::to_string((lat >= 0 ? 32600 : 32700) + utm_zone));
}

}  // namespace ca::io
