// Distances from uncovered poor villages to the nearest site and water line, through prepared GEOS geometries.
#include "core/analysis/coverage_gaps.hpp"

#include "core/analysis/geos_context.hpp"
#include "core/model/text.hpp"

namespace ca::analysis {
namespace {

model::Geometry projected(const model::Project& project, const model::Geometry& g) {
    model::Geometry m = g;
    project.working->forward(m.coords);
    return m;
}

// All features of the given role (lines: only ditches and pipelines) as one GEOS collection.
Geom collect(const GeosContext& geos, const model::Project& project, model::Role role) {
    std::vector<GEOSGeometry*> parts;
    for (const auto* layer : project.layers_with(role))
        for (const auto& f : layer->features) {
            if (f.geometry.empty()) continue;
            if (role == model::Role::Lines) {
                const std::string kind = model::canonical_kind(model::to_text(layer->value(f, model::Meaning::Kind)));
                if (kind != "ditch" && kind != "pipeline" && kind != "u_trough") continue;
            }
            if (Geom g = geos.to_geos(projected(project, f.geometry))) parts.push_back(g.release());
        }
    if (parts.empty()) return geos.own(nullptr);
    return geos.own(GEOSGeom_createCollection_r(geos.handle(), GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
}

}  // namespace

std::vector<CoverageGap> coverage_gaps(const model::Project& project, const Statistics& stats) {
    GeosContext geos;
    const GEOSContextHandle_t ctx = geos.handle();
    const Geom sites = collect(geos, project, model::Role::Sites);
    const Geom water = collect(geos, project, model::Role::Lines);
    const GEOSPreparedGeometry* sites_prepared = sites ? GEOSPrepare_r(ctx, sites.get()) : nullptr;
    const GEOSPreparedGeometry* water_prepared = water ? GEOSPrepare_r(ctx, water.get()) : nullptr;

    std::vector<const model::Feature*> village_features;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) village_features.push_back(&f);

    std::vector<CoverageGap> gaps;
    for (std::size_t i = 0; i < stats.villages.size(); ++i) {
        const auto& row = stats.villages[i];
        if (row.poor_villages == 0 || row.sites > 0) continue;
        CoverageGap gap{i, std::nullopt, std::nullopt};
        const Geom village = geos.to_geos(projected(project, village_features[i]->geometry));
        double d = 0;
        if (sites_prepared && GEOSPreparedDistance_r(ctx, sites_prepared, village.get(), &d) == 1) gap.nearest_site_m = d;
        if (water_prepared && GEOSPreparedDistance_r(ctx, water_prepared, village.get(), &d) == 1) gap.nearest_water_line_m = d;
        gaps.push_back(gap);
    }
    if (sites_prepared) GEOSPreparedGeom_destroy_r(ctx, sites_prepared);
    if (water_prepared) GEOSPreparedGeom_destroy_r(ctx, water_prepared);
    return gaps;
}

}  // namespace ca::analysis
