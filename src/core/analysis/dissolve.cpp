// Dissolving villages into townships with GEOS coverage union, falling back to unary union.
#include "core/analysis/dissolve.hpp"

#include <unordered_map>

#include "core/analysis/geos_context.hpp"
#include "core/analysis/name_matching.hpp"
#include "core/analysis/parallel.hpp"
#include "core/model/error.hpp"

namespace ca::analysis {

namespace {

// The union of polygons that tile an area.
model::Geometry dissolve(const GeosContext& geos, const std::vector<const model::Geometry*>& parts_lonlat) {
    const GEOSContextHandle_t ctx = geos.handle();
    std::vector<GEOSGeometry*> parts;
    for (const auto* shape : parts_lonlat)
        if (Geom g = geos.to_geos(*shape)) parts.push_back(g.release());
    Geom all = geos.own(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
    // Villages tile their township without overlaps: a coverage union, which only drops the
    // shared edges, is many times faster than a full overlay. Where borders do not match
    // exactly it can fail or leave slivers, so a full union is the fallback.
    Geom merged = geos.own(GEOSCoverageUnion_r(ctx, all.get()));
    if (!merged || GEOSisValid_r(ctx, merged.get()) != 1) merged = geos.checked(GEOSUnaryUnion_r(ctx, all.get()), "dissolve");
    return geos.from_geos(merged.get());
}

}  // namespace

std::vector<model::Geometry> township_shapes(const model::Project& project, const Statistics& stats) {
    std::unordered_map<std::string, const model::Geometry*> given;
    for (const auto* layer : project.layers_with(model::Role::Townships))
        for (const auto& f : layer->features) given[township_key(model::to_text(layer->value(f, model::Meaning::Township)))] = &f.geometry;

    std::vector<const model::Geometry*> villages;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) villages.push_back(&f.geometry);

    // Townships the layer lacks are dissolved from their villages, together.
    std::vector<model::Geometry> shapes(stats.townships.size());
    std::vector<std::size_t> dissolved;  // indices into stats.townships
    std::unordered_map<std::string, std::size_t> group_of_township;
    for (std::size_t t = 0; t < stats.townships.size(); ++t) {
        if (auto it = given.find(township_key(stats.townships[t].township)); it != given.end()) {
            shapes[t] = *it->second;
            continue;
        }
        group_of_township[stats.townships[t].township] = dissolved.size();
        dissolved.push_back(t);
    }
    std::vector<const model::Geometry*> parts;
    std::vector<std::size_t> group_of;
    for (std::size_t i = 0; i < stats.villages.size() && i < villages.size(); ++i)
        if (auto it = group_of_township.find(stats.villages[i].township); it != group_of_township.end()) {
            parts.push_back(villages[i]);
            group_of.push_back(it->second);
        }
    auto merged = dissolve_groups(parts, group_of, dissolved.size());
    for (std::size_t g = 0; g < dissolved.size(); ++g) shapes[dissolved[g]] = std::move(merged[g]);
    return shapes;
}

std::vector<model::Geometry> dissolve_groups(const std::vector<const model::Geometry*>& shapes, const std::vector<std::size_t>& group_of,
                                             std::size_t groups) {
    std::vector<std::vector<const model::Geometry*>> members(groups);
    for (std::size_t i = 0; i < shapes.size() && i < group_of.size(); ++i) members[group_of[i]].push_back(shapes[i]);
    std::vector<model::Geometry> result(groups);
    parallel_for(groups, [&](std::size_t begin, std::size_t end, std::size_t) {
        const GeosContext geos;  // one per thread
        for (std::size_t g = begin; g < end; ++g)
            if (!members[g].empty()) result[g] = dissolve(geos, members[g]);
    }, 4);
    return result;
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
