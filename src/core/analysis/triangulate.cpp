// Triangulation through GEOSConstrainedDelaunayTriangulation.
#include "core/analysis/triangulate.hpp"

#include <algorithm>

namespace ca::analysis {

std::vector<model::Vec2> triangulate(const GeosContext& geos, const model::Geometry& polygon) {
    std::vector<model::Vec2> triangles;
    if (polygon.type != model::GeometryType::Polygon || polygon.empty()) return triangles;
    const GEOSContextHandle_t ctx = geos.handle();
    Geom g = geos.to_geos(polygon);
    if (!g) return triangles;
    Geom tris = geos.own(GEOSConstrainedDelaunayTriangulation_r(ctx, g.get()));
    if (!tris) return triangles;
    const int n = GEOSGetNumGeometries_r(ctx, tris.get());
    triangles.reserve(static_cast<std::size_t>(n) * 3);
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* ring = GEOSGetExteriorRing_r(ctx, GEOSGetGeometryN_r(ctx, tris.get(), i));
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
        for (unsigned k = 0; k < 3; ++k) {
            model::Vec2 p;
            GEOSCoordSeq_getXY_r(ctx, seq, k, &p.x, &p.y);
            triangles.push_back(p);
        }
    }
    return triangles;
}

model::Vec2 point_inside(const GeosContext& geos, const model::Geometry& geometry) {
    Geom g = geos.to_geos(geometry);
    Geom p = geos.checked(GEOSPointOnSurface_r(geos.handle(), g.get()), "point-on-surface");
    model::Vec2 result;
    GEOSGeomGetX_r(geos.handle(), p.get(), &result.x);
    GEOSGeomGetY_r(geos.handle(), p.get(), &result.y);
    return result;
}

model::Vec2 label_point(const model::Geometry& polygon) {
    const model::Extent e = polygon.extent();
    // Slightly off the exact centre so the line rarely runs through a vertex.
    const double y = e.min_y + (e.max_y - e.min_y) * 0.5000137;
    std::vector<double> crossings;
    for (std::size_t r = 0; r < polygon.ring_count(); ++r) {
        const auto ring = polygon.ring(r);
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
            const model::Vec2 a = ring[i], b = ring[i + 1];
            if ((a.y > y) != (b.y > y)) crossings.push_back(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
        }
    }
    std::sort(crossings.begin(), crossings.end());
    double best = -1, best_x = e.centre().x;
    for (std::size_t i = 0; i + 1 < crossings.size(); i += 2)  // even-odd: inside between pairs
        if (crossings[i + 1] - crossings[i] > best) best = crossings[i + 1] - crossings[i], best_x = (crossings[i] + crossings[i + 1]) / 2;
    return {best_x, y};
}

}  // namespace ca::analysis
