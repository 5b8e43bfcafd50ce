// Triangulation: ear clipping for rings without holes (most village parts), GEOS's constrained
// Delaunay triangulation for parts with holes and whatever ear clipping cannot take.
#include "core/analysis/triangulate.hpp"

#include <algorithm>

namespace ca::analysis {
namespace {

double cross(model::Vec2 o, model::Vec2 a, model::Vec2 b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

// Rings longer than this go to GEOS: ear clipping is quadratic.
constexpr std::size_t kEarClipMaxVertices = 1500;

// Ear clipping of one simple ring. Appends the triangles and returns true, or returns false (and
// appends nothing) when the ring is not simple enough to clip, e.g. it crosses itself.
bool ear_clip(std::span<const model::Vec2> ring, std::vector<model::Vec2>& out) {
    std::vector<model::Vec2> v(ring.begin(), ring.end());
    if (v.size() > 1 && v.front().x == v.back().x && v.front().y == v.back().y) v.pop_back();
    v.erase(std::unique(v.begin(), v.end(), [](model::Vec2 a, model::Vec2 b) { return a.x == b.x && a.y == b.y; }), v.end());
    if (v.size() < 3) return true;  // no area
    double area = 0;
    for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) area += (v[j].x - v[i].x) * (v[j].y + v[i].y);
    if (area < 0) std::reverse(v.begin(), v.end());  // counter-clockwise from here on
    const std::size_t n = v.size();
    std::vector<std::size_t> prev(n), next(n);
    for (std::size_t i = 0; i < n; ++i) prev[i] = (i + n - 1) % n, next[i] = (i + 1) % n;
    auto is_ear = [&](std::size_t i) {
        const model::Vec2 a = v[prev[i]], b = v[i], c = v[next[i]];
        if (cross(a, b, c) <= 0) return false;  // reflex or flat
        for (std::size_t k = next[next[i]]; k != prev[i]; k = next[k]) {
            const model::Vec2 p = v[k];
            if ((p.x == a.x && p.y == a.y) || (p.x == b.x && p.y == b.y) || (p.x == c.x && p.y == c.y)) continue;
            if (cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0) return false;
        }
        return true;
    };
    const std::size_t first_out = out.size();
    std::size_t remaining = n, i = 0, tried = 0;
    while (remaining > 3) {
        if (cross(v[prev[i]], v[i], v[next[i]]) == 0) {  // a flat vertex adds no area: drop it
            next[prev[i]] = next[i], prev[next[i]] = prev[i];
            --remaining, tried = 0, i = next[i];
            continue;
        }
        if (is_ear(i)) {
            out.insert(out.end(), {v[prev[i]], v[i], v[next[i]]});
            next[prev[i]] = next[i], prev[next[i]] = prev[i];
            --remaining, tried = 0, i = next[i];
            continue;
        }
        i = next[i];
        if (++tried > remaining) {  // a full turn without an ear: not a simple ring
            out.resize(first_out);
            return false;
        }
    }
    if (cross(v[prev[i]], v[i], v[next[i]]) != 0) out.insert(out.end(), {v[prev[i]], v[i], v[next[i]]});
    return true;
}

std::vector<model::Vec2> triangulate_with_geos(const GeosContext& geos, const model::Geometry& polygon) {
    std::vector<model::Vec2> triangles;
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

}  // namespace

std::vector<model::Vec2> triangulate(const GeosContext& geos, const model::Geometry& polygon) {
    std::vector<model::Vec2> triangles;
    if (polygon.type != model::GeometryType::Polygon || polygon.empty()) return triangles;
    for (std::size_t part = 0; part < polygon.part_count(); ++part) {
        const auto first = polygon.part_first_ring(part), last = polygon.part_last_ring(part);
        const auto outer = polygon.ring(first);
        if (last - first == 1 && outer.size() <= kEarClipMaxVertices && ear_clip(outer, triangles)) continue;
        model::Geometry one;
        one.type = model::GeometryType::Polygon;
        one.begin_part();
        for (auto r = first; r < last; ++r) one.add_ring(polygon.ring(r));
        const auto more = triangulate_with_geos(geos, one);
        triangles.insert(triangles.end(), more.begin(), more.end());
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
