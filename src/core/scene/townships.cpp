// Township outlines dissolved from villages, and the villages' extent.
#include "core/scene/townships.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <span>
#include <unordered_map>

#include "core/analysis/dissolve.hpp"
#include "core/analysis/name_matching.hpp"
#include "core/model/text.hpp"

namespace ca::scene {
namespace {

// A lon/lat extent's outline in the working CRS: corners and edge midpoints, since a projected
// edge of a lon/lat box bulges.
model::Extent projected_extent(const model::Project& project, const model::Extent& lonlat) {
    model::Extent e;
    if (lonlat.empty()) return e;
    const model::Vec2 c = lonlat.centre();
    std::vector<model::Vec2> points = {{lonlat.min_x, lonlat.min_y}, {lonlat.max_x, lonlat.min_y}, {lonlat.min_x, lonlat.max_y},
                                       {lonlat.max_x, lonlat.max_y}, {c.x, lonlat.min_y},          {c.x, lonlat.max_y},
                                       {lonlat.min_x, c.y},          {lonlat.max_x, c.y}};
    project.working->forward(points);
    for (const auto& p : points) e.add(p);
    return e;
}

double ring_area_m2(std::span<const model::Vec2> ring) {
    double twice = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) twice += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
    return std::abs(twice) / 2;
}

double ring_length_m(std::span<const model::Vec2> ring) {
    double length = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) length += std::hypot(ring[i + 1].x - ring[i].x, ring[i + 1].y - ring[i].y);
    return length;
}

// Villages digitised by hand leave thin gaps between neighbours; their union keeps each gap as a
// hole, which a township border would trace as a stray dark line through the township. A hole
// that is long and thin (isoperimetric quotient under 0.1) or tiny (under 0.1 % of its part) is
// such a gap and is dropped; an enclave of another township, village-shaped, stays.
model::Geometry without_gaps(const model::Geometry& shape_m) {
    model::Geometry kept;
    kept.type = shape_m.type;
    for (std::size_t part = 0; part < shape_m.part_count(); ++part) {
        const std::uint32_t first = shape_m.part_first_ring(part);
        const double outer_m2 = ring_area_m2(shape_m.ring(first));
        kept.begin_part();
        kept.add_ring(shape_m.ring(first));
        for (std::uint32_t r = first + 1; r < shape_m.part_last_ring(part); ++r) {
            const auto hole = shape_m.ring(r);
            const double area = ring_area_m2(hole), length = ring_length_m(hole);
            const bool thin = length > 0 && 4 * std::numbers::pi * area / (length * length) < 0.1;
            if (!thin && area >= 0.001 * outer_m2) kept.add_ring(hole);
        }
    }
    return kept;
}

}  // namespace

std::vector<TownshipOutline> dissolved_townships(const model::Project& project) {
    std::vector<TownshipOutline> outlines;
    std::unordered_map<std::string, std::size_t> group_of_key;
    std::vector<const model::Geometry*> shapes;
    std::vector<std::size_t> group_of;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) {
            if (f.geometry.type != model::GeometryType::Polygon) continue;
            const std::string name = model::to_text(layer->value(f, model::Meaning::Township));
            const std::string key = analysis::township_key(name);
            if (key.empty()) continue;
            auto [it, added] = group_of_key.emplace(key, outlines.size());
            if (added) outlines.push_back({name, {}});
            shapes.push_back(&f.geometry);
            group_of.push_back(it->second);
        }
    auto merged = analysis::dissolve_groups(shapes, group_of, outlines.size());
    for (std::size_t g = 0; g < outlines.size(); ++g) {
        project.working->forward(merged[g].coords);
        outlines[g].shape_m = without_gaps(merged[g]);
    }
    return outlines;
}

model::Extent data_extent_m(const model::Project& project) {
    if (!project.working) return {};
    model::Extent lonlat;
    for (const auto* layer : project.layers_with(model::Role::Villages)) lonlat.merge(layer->extent());
    if (lonlat.empty()) return projected_extent(project, project.extent());
    model::Extent e = projected_extent(project, lonlat);
    const double margin_m = 0.02 * std::max(e.width(), e.height());
    e.add({e.min_x - margin_m, e.min_y - margin_m});
    e.add({e.max_x + margin_m, e.max_y + margin_m});
    return e;
}

bool overlaps(const model::Extent& a, const model::Extent& b) {
    return !a.empty() && !b.empty() && a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y;
}

bool contains(const model::Extent& e, model::Vec2 p) { return !e.empty() && p.x >= e.min_x && p.x <= e.max_x && p.y >= e.min_y && p.y <= e.max_y; }

}  // namespace ca::scene
