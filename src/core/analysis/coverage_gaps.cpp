// Distances from uncovered poor villages to the nearest site and water line, through prepared GEOS geometries.
#include "core/analysis/coverage_gaps.hpp"

#include <algorithm>
#include <functional>

#include "core/analysis/geos_context.hpp"
#include "core/model/text.hpp"

namespace ca::analysis {
namespace {

model::Geometry projected(const model::Project& project, const model::Geometry& g) {
    model::Geometry m = g;
    project.working->forward(m.coords);
    return m;
}

using Keep = std::function<bool(const model::Layer&, const model::Feature&)>;

// The features of a role that `keep` lets through, as one prepared GEOS collection.
class Prepared {
public:
    Prepared(const GeosContext& geos, const model::Project& project, model::Role role, const Keep& keep) : m_geos(geos), m_all(geos.own(nullptr)) {
        std::vector<GEOSGeometry*> parts;
        for (const auto* layer : project.layers_with(role))
            for (const auto& f : layer->features)
                if (!f.geometry.empty() && keep(*layer, f))
                    if (Geom g = geos.to_geos(projected(project, f.geometry))) parts.push_back(g.release());
        if (parts.empty()) return;
        m_all = geos.own(GEOSGeom_createCollection_r(geos.handle(), GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
        if (m_all) m_prepared = GEOSPrepare_r(geos.handle(), m_all.get());
    }
    Prepared(const Prepared&) = delete;
    Prepared& operator=(const Prepared&) = delete;
    ~Prepared() {
        if (m_prepared) GEOSPreparedGeom_destroy_r(m_geos.handle(), m_prepared);
    }
    std::optional<double> distance_m(const GEOSGeometry* to) const {
        double d = 0;
        if (m_prepared && GEOSPreparedDistance_r(m_geos.handle(), m_prepared, to, &d) == 1) return d;
        return std::nullopt;
    }

private:
    const GeosContext& m_geos;
    Geom m_all;
    const GEOSPreparedGeometry* m_prepared = nullptr;
};

Keep line_kinds(std::initializer_list<const char*> kinds) {
    std::vector<std::string> wanted(kinds.begin(), kinds.end());
    return [wanted](const model::Layer& layer, const model::Feature& f) {
        const std::string kind = model::canonical_kind(model::to_text(layer.value(f, model::Meaning::Kind)));
        return std::find(wanted.begin(), wanted.end(), kind) != wanted.end();
    };
}

std::optional<double> nearer(const std::optional<double>& a, const std::optional<double>& b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

}  // namespace

std::vector<CoverageGap> coverage_gaps(const model::Project& project, const Statistics& stats) {
    GeosContext geos;
    const StatsOptions& options = stats.options;
    const Prepared sites(geos, project, model::Role::Sites,
                         [&options](const model::Layer& layer, const model::Feature& f) { return site_covers(options, layer, f); });
    const Prepared pipelines(geos, project, model::Role::Lines, line_kinds({"pipeline"}));
    const Prepared ditches(geos, project, model::Role::Lines, line_kinds({"ditch", "u_trough"}));

    std::vector<const model::Feature*> village_features;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) village_features.push_back(&f);

    std::vector<CoverageGap> gaps;
    for (std::size_t i = 0; i < stats.villages.size(); ++i) {
        const auto& row = stats.villages[i];
        if (row.poor_villages == 0 || row.covered_poor_villages > 0) continue;
        const Geom village = geos.to_geos(projected(project, village_features[i]->geometry));
        CoverageGap gap{i, sites.distance_m(village.get()), pipelines.distance_m(village.get()), ditches.distance_m(village.get()), {}};
        gap.nearest_water_line_m = nearer(gap.nearest_pipeline_m, gap.nearest_ditch_m);
        gaps.push_back(gap);
    }
    return gaps;
}

}  // namespace ca::analysis
