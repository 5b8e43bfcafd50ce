// Contiguity from geometry: STRtree candidates by expanded envelope, then an exact distance test.
#include "core/analysis/spatial_weights.hpp"

#include <algorithm>

namespace ca::analysis {

std::vector<std::vector<std::size_t>> queen_neighbours(const GeosContext& geos, const std::vector<const model::Geometry*>& polygons,
                                                       double tolerance) {
    const GEOSContextHandle_t ctx = geos.handle();
    std::vector<Geom> shapes;
    std::vector<Geom> boxes;  // envelopes grown by the tolerance, for the tree
    GEOSSTRtree* tree = GEOSSTRtree_create_r(ctx, 10);
    for (std::size_t i = 0; i < polygons.size(); ++i) {
        shapes.push_back(geos.to_geos(*polygons[i]));
        const model::Extent e = polygons[i]->extent();
        boxes.push_back(geos.own(GEOSGeom_createRectangle_r(ctx, e.min_x - tolerance, e.min_y - tolerance, e.max_x + tolerance,
                                                            e.max_y + tolerance)));
        GEOSSTRtree_insert_r(ctx, tree, boxes.back().get(), reinterpret_cast<void*>(i));
    }
    std::vector<std::vector<std::size_t>> neighbours(polygons.size());
    for (std::size_t i = 0; i < polygons.size(); ++i) {
        if (!shapes[i]) continue;
        std::vector<std::size_t> candidates;
        GEOSSTRtree_query_r(
            ctx, tree, boxes[i].get(),
            [](void* item, void* user) { static_cast<std::vector<std::size_t>*>(user)->push_back(reinterpret_cast<std::size_t>(item)); },
            &candidates);
        for (std::size_t j : candidates) {
            if (j <= i || !shapes[j]) continue;  // each pair once
            double distance = 0;
            if (GEOSDistance_r(ctx, shapes[i].get(), shapes[j].get(), &distance) == 1 && distance <= tolerance) {
                neighbours[i].push_back(j);
                neighbours[j].push_back(i);
            }
        }
    }
    GEOSSTRtree_destroy_r(ctx, tree);
    for (auto& n : neighbours) std::sort(n.begin(), n.end());
    return neighbours;
}

}  // namespace ca::analysis
