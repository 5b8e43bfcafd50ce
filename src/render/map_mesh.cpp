// Building vertex arrays from a Scene: triangulated fills, extruded strokes, marker points.
#include "render/map_mesh.hpp"

#include <cmath>
#include <variant>

#include "core/analysis/triangulate.hpp"

namespace ca::render {
namespace {

// Two triangles per segment, each corner pushed along the segment's normal in the shader.
void extrude(const model::Geometry& g, model::Vec2 origin, const scene::Stroke& s, std::vector<LineVertex>& out) {
    const bool closed = g.type == model::GeometryType::Polygon;
    const float dash_on = s.dash_px.size() >= 2 ? s.dash_px[0] : 0;
    const float dash_off = s.dash_px.size() >= 2 ? s.dash_px[1] : 0;
    for (std::size_t r = 0; r < g.ring_count(); ++r) {
        const auto ring = g.ring(r);
        double distance = 0;
        const std::size_t n = ring.size();
        const std::size_t segments = closed ? n : (n == 0 ? 0 : n - 1);
        for (std::size_t i = 0; i < segments; ++i) {
            const model::Vec2 a = ring[i], b = ring[(i + 1) % n];
            const double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
            if (len == 0) continue;
            const float nx = static_cast<float>(-dy / len), ny = static_cast<float>(dx / len);
            auto v = [&](model::Vec2 p, float side, float along, double d) {
                out.push_back({static_cast<float>(p.x - origin.x), static_cast<float>(p.y - origin.y), nx, ny, s.color.r,
                               s.color.g, s.color.b, s.color.a, s.width_px, static_cast<float>(d), dash_on, dash_off, side, along});
            };
            v(a, -1, -1, distance), v(a, 1, -1, distance), v(b, 1, 1, distance + len);
            v(a, -1, -1, distance), v(b, 1, 1, distance + len), v(b, -1, 1, distance + len);
            distance += len;
        }
    }
}

// Drops vertices closer than `min_m` to the last one kept, keeping each ring's ends; polygon rings
// that would fall under four points are dropped (they are smaller than a pixel).
model::Geometry thinned(const model::Geometry& g, double min_m) {
    model::Geometry out;
    out.type = g.type;
    std::vector<model::Vec2> kept;
    for (std::size_t p = 0; p < g.part_count(); ++p) {
        out.begin_part();
        for (auto r = g.part_first_ring(p); r < g.part_last_ring(p); ++r) {
            const auto ring = g.ring(r);
            kept.clear();
            for (std::size_t i = 0; i < ring.size(); ++i) {
                const bool last = i + 1 == ring.size();
                if (kept.empty() || last || std::hypot(ring[i].x - kept.back().x, ring[i].y - kept.back().y) >= min_m) kept.push_back(ring[i]);
            }
            if (g.type == model::GeometryType::Polygon && kept.size() < 4) continue;
            out.add_ring(kept);
        }
    }
    return out;
}

}  // namespace

MeshLevel build_level(const scene::Scene& scene, model::Vec2 origin_m, double thin_m) {
    MeshLevel level;
    std::size_t markers = 0;
    const analysis::GeosContext geos;
    auto extend_batch = [&level](Batch::Kind kind, std::size_t first, std::size_t end) {
        if (end == first) return;
        auto& batches = level.batches;
        if (!batches.empty() && batches.back().kind == kind && static_cast<std::size_t>(batches.back().first + batches.back().count) == first) {
            batches.back().count = static_cast<std::int32_t>(end - static_cast<std::size_t>(batches.back().first));
            return;
        }
        batches.push_back({kind, static_cast<std::int32_t>(first), static_cast<std::int32_t>(end - first)});
    };
    for (const auto& item : scene.items) {
        if (const auto* fill = std::get_if<scene::Fill>(&item)) {
            const std::size_t first = level.fills.size();
            const model::Geometry shape = thin_m > 0 ? thinned(fill->shape_m, thin_m) : fill->shape_m;
            for (const auto& p : analysis::triangulate(geos, shape))
                level.fills.push_back({static_cast<float>(p.x - origin_m.x), static_cast<float>(p.y - origin_m.y), fill->color.r,
                                       fill->color.g, fill->color.b, fill->color.a});
            extend_batch(Batch::Kind::Fill, first, level.fills.size());
        } else if (const auto* stroke = std::get_if<scene::Stroke>(&item)) {
            const std::size_t first = level.strokes.size();
            extrude(thin_m > 0 ? thinned(stroke->shape_m, thin_m) : stroke->shape_m, origin_m, *stroke, level.strokes);
            extend_batch(Batch::Kind::Stroke, first, level.strokes.size());
        } else if (std::holds_alternative<scene::Marker>(item)) {
            extend_batch(Batch::Kind::Marker, markers, markers + 1);
            ++markers;
        }
    }
    return level;
}

MapMesh build_mesh(std::shared_ptr<const scene::Scene> scene) {
    MapMesh mesh;
    mesh.origin_m = scene->extent_m.empty() ? model::Vec2{} : scene->extent_m.centre();
    // About a pixel when the whole data fills a 1,000-pixel view.
    mesh.overview_m = std::max(scene->extent_m.width(), scene->extent_m.height()) / 1000.0;
    for (const auto& item : scene->items)
        if (const auto* marker = std::get_if<scene::Marker>(&item)) {
            const auto& c = marker->color;
            mesh.markers.push_back({static_cast<float>(marker->position_m.x - mesh.origin_m.x),
                                    static_cast<float>(marker->position_m.y - mesh.origin_m.y), c.r, c.g, c.b, c.a, marker->size_px,
                                    static_cast<float>(static_cast<int>(marker->shape))});
        }
    mesh.overview = build_level(*scene, mesh.origin_m, mesh.overview_m);
    mesh.scene = std::move(scene);
    return mesh;
}

}  // namespace ca::render
