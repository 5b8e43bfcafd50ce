// Flat geometry storage: builders, ring access, extents.
#include "core/model/geometry.hpp"

#include <cmath>

#include <algorithm>

namespace ca::model {

void Extent::add(Vec2 p) {
    if (empty()) {
        min_x = max_x = p.x;
        min_y = max_y = p.y;
        return;
    }
    min_x = std::min(min_x, p.x);
    max_x = std::max(max_x, p.x);
    min_y = std::min(min_y, p.y);
    max_y = std::max(max_y, p.y);
}

void Extent::merge(const Extent& other) {
    if (other.empty()) return;
    add(Vec2{other.min_x, other.min_y});
    add(Vec2{other.max_x, other.max_y});
}

const char* to_string(GeometryType type) {
    switch (type) {
        case GeometryType::None: return "none";
        case GeometryType::Point: return "point";
        case GeometryType::Line: return "line";
        case GeometryType::Polygon: return "polygon";
    }
    return "none";
}

std::span<const Vec2> Geometry::ring(std::size_t r) const {
    const std::uint32_t first = r == 0 ? 0 : ring_ends[r - 1];
    return {coords.data() + first, ring_ends[r] - first};
}

std::span<Vec2> Geometry::ring(std::size_t r) {
    const std::uint32_t first = r == 0 ? 0 : ring_ends[r - 1];
    return {coords.data() + first, ring_ends[r] - first};
}

void Geometry::add_ring(std::span<const Vec2> points) {
    coords.insert(coords.end(), points.begin(), points.end());
    ring_ends.push_back(static_cast<std::uint32_t>(coords.size()));
    part_ends.back() = static_cast<std::uint32_t>(ring_ends.size());
}

Extent Geometry::extent() const {
    Extent e;
    for (const Vec2& p : coords) e.add(p);
    return e;
}

Geometry Geometry::point(Vec2 p) {
    Geometry g;
    g.type = GeometryType::Point;
    g.begin_part();
    g.add_ring(std::span<const Vec2>(&p, 1));
    return g;
}

Geometry thinned(const Geometry& g, double min_distance) {
    Geometry out;
    out.type = g.type;
    std::vector<Vec2> kept;
    for (std::size_t p = 0; p < g.part_count(); ++p) {
        out.begin_part();
        for (auto r = g.part_first_ring(p); r < g.part_last_ring(p); ++r) {
            const auto ring = g.ring(r);
            kept.clear();
            for (std::size_t i = 0; i < ring.size(); ++i) {
                const bool last = i + 1 == ring.size();
                if (kept.empty() || last || std::hypot(ring[i].x - kept.back().x, ring[i].y - kept.back().y) >= min_distance) kept.push_back(ring[i]);
            }
            if (g.type == GeometryType::Polygon && kept.size() < 4) continue;
            out.add_ring(kept);
        }
    }
    return out;
}


}  // namespace ca::model
