// Feature geometry held flat: one coordinate array, ring and part boundaries as end offsets.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace ca::model {

struct Vec2 {
    double x = 0;  // longitude in degrees, or easting in metres in a projected CRS
    double y = 0;  // latitude in degrees, or northing in metres
    friend bool operator==(const Vec2&, const Vec2&) = default;
};

struct Extent {
    double min_x = 0, min_y = 0, max_x = -1, max_y = -1;  // empty while max < min

    bool empty() const { return max_x < min_x || max_y < min_y; }
    void add(Vec2 p);
    void merge(const Extent& other);
    Vec2 centre() const { return {(min_x + max_x) / 2, (min_y + max_y) / 2}; }
    double width() const { return empty() ? 0 : max_x - min_x; }
    double height() const { return empty() ? 0 : max_y - min_y; }
};

enum class GeometryType { None, Point, Line, Polygon };

const char* to_string(GeometryType type);

// Parts of one feature. A polygon part is its rings (outer first, then holes); a line part has
// one ring, the line itself; a point part has one ring of one coordinate. Flat storage keeps a
// million sites to three small allocations each instead of nested vectors.
struct Geometry {
    GeometryType type = GeometryType::None;
    std::vector<Vec2> coords;
    std::vector<std::uint32_t> ring_ends;  // one past the last coordinate of each ring
    std::vector<std::uint32_t> part_ends;  // one past the last ring of each part

    bool empty() const { return coords.empty(); }
    std::size_t part_count() const { return part_ends.size(); }
    std::size_t ring_count() const { return ring_ends.size(); }
    // Rings [first, last) of part i.
    std::uint32_t part_first_ring(std::size_t part) const { return part == 0 ? 0 : part_ends[part - 1]; }
    std::uint32_t part_last_ring(std::size_t part) const { return part_ends[part]; }
    std::span<const Vec2> ring(std::size_t r) const;
    std::span<Vec2> ring(std::size_t r);

    // Builders: begin a part, then add its rings.
    void begin_part() { part_ends.push_back(static_cast<std::uint32_t>(ring_ends.size())); }
    void add_ring(std::span<const Vec2> points);
    Extent extent() const;

    static Geometry point(Vec2 p);
};

// Drops vertices closer than `min_distance` (in the geometry's units) to the last one kept, keeping
// each ring's ends; polygon rings that would fall under four points are dropped (they are smaller
// than the distance). For overviews, where a pixel covers that much ground.
Geometry thinned(const Geometry& g, double min_distance);

}  // namespace ca::model
