// One prepared GEOS collection per kind of feature, for nearest distances.
#include "core/analysis/nearest_features.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/model/text.hpp"

namespace ca::analysis {

KeepFeature lines_of_kinds(std::initializer_list<const char*> kinds) {
    std::vector<std::string> wanted(kinds.begin(), kinds.end());
    return [wanted](const model::Layer& layer, const model::Feature& f) {
        const std::string kind = model::canonical_kind(model::to_text(layer.value(f, model::Meaning::Kind)));
        return std::find(wanted.begin(), wanted.end(), kind) != wanted.end();
    };
}

model::Geometry projected(const model::Project& project, const model::Geometry& lonlat) {
    model::Geometry m = lonlat;
    project.working->forward(m.coords);
    return m;
}

NearestFeatures::NearestFeatures(const GeosContext& geos, const model::Project& project, model::Role role, const KeepFeature& keep)
    : m_geos(geos), m_all(geos.own(nullptr)) {
    std::vector<GEOSGeometry*> parts;
    for (const auto* layer : project.layers_with(role))
        for (const auto& f : layer->features)
            if (!f.geometry.empty() && keep(*layer, f))
                if (Geom g = geos.to_geos(projected(project, f.geometry))) parts.push_back(g.release());
    if (parts.empty()) return;
    m_all = geos.own(GEOSGeom_createCollection_r(geos.handle(), GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
    if (m_all) m_prepared = GEOSPrepare_r(geos.handle(), m_all.get());
}

NearestFeatures::~NearestFeatures() {
    if (m_prepared) GEOSPreparedGeom_destroy_r(m_geos.handle(), m_prepared);
}

std::optional<double> NearestFeatures::distance_m(const GEOSGeometry* to) const {
    double d = 0;
    if (m_prepared && GEOSPreparedDistance_r(m_geos.handle(), m_prepared, to, &d) == 1) return d;
    return std::nullopt;
}

}  // namespace ca::analysis
