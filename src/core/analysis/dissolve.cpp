// Dissolving villages into townships with GEOS coverage union, falling back to unary union.
#include "core/analysis/dissolve.hpp"

#include <unordered_map>

#include "core/analysis/geos_context.hpp"
#include "core/analysis/name_matching.hpp"

namespace ca::analysis {

std::vector<model::Geometry> township_shapes(const model::Project& project, const Statistics& stats) {
    GeosContext geos;
    const GEOSContextHandle_t ctx = geos.handle();
    std::unordered_map<std::string, const model::Geometry*> given;
    for (const auto* layer : project.layers_with(model::Role::Townships))
        for (const auto& f : layer->features) given[township_key(model::to_text(layer->value(f, model::Meaning::Township)))] = &f.geometry;

    std::vector<const model::Geometry*> villages;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) villages.push_back(&f.geometry);

    std::vector<model::Geometry> shapes;
    for (const auto& township : stats.townships) {
        if (auto it = given.find(township_key(township.township)); it != given.end()) {
            shapes.push_back(*it->second);
            continue;
        }
        std::vector<GEOSGeometry*> parts;
        for (std::size_t i = 0; i < stats.villages.size(); ++i)
            if (stats.villages[i].township == township.township)
                if (Geom g = geos.to_geos(*villages[i])) parts.push_back(g.release());
        Geom all = geos.own(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
        // Villages tile their township without overlaps: a coverage union, which only drops the
        // shared edges, is many times faster than a full overlay. Where borders do not match
        // exactly it can fail or leave slivers, so a full union is the fallback.
        Geom merged = geos.own(GEOSCoverageUnion_r(ctx, all.get()));
        if (!merged || GEOSisValid_r(ctx, merged.get()) != 1) merged = geos.checked(GEOSUnaryUnion_r(ctx, all.get()), "dissolve");
        shapes.push_back(geos.from_geos(merged.get()));
    }
    return shapes;
}

model::Extent township_extent(const model::Project& project, const Statistics& stats, const std::string& township) {
    const std::string key = township_key(township);
    model::Extent extent;
    std::size_t i = 0;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) {
            if (township_key(stats.villages[i++].township) != key) continue;
            model::Geometry g = f.geometry;
            project.working->forward(g.coords);
            extent.merge(g.extent());
        }
    return extent;
}

}  // namespace ca::analysis
