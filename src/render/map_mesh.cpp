// Building vertex arrays from a Scene: triangulated fills, extruded strokes, marker points.
#include "render/map_mesh.hpp"

#include <cmath>
#include <variant>

#include "core/analysis/triangulate.hpp"

namespace ca::render {
namespace {

// The segments of every ring or line, with their distance along it for dashes.
void extrude(const model::Geometry& g, model::Vec2 origin, const scene::Stroke& s, std::vector<LineSegment>& out) {
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
            out.push_back({static_cast<float>(a.x - origin.x), static_cast<float>(a.y - origin.y), static_cast<float>(b.x - origin.x),
                           static_cast<float>(b.y - origin.y), s.color.r, s.color.g, s.color.b, s.color.a, s.width_px,
                           static_cast<float>(distance), dash_on, dash_off});
            distance += len;
        }
    }
}


void extend_batch(std::vector<Batch>& batches, Batch::Kind kind, std::size_t first, std::size_t end) {
    if (end == first) return;
    if (!batches.empty() && batches.back().kind == kind && static_cast<std::size_t>(batches.back().first + batches.back().count) == first) {
        batches.back().count = static_cast<std::int32_t>(end - static_cast<std::size_t>(batches.back().first));
        return;
    }
    batches.push_back({kind, static_cast<std::int32_t>(first), static_cast<std::int32_t>(end - first)});
}

// Items [begin, end) of the scene; marker batches count from `first_marker`.
MeshLevel build_slice(const scene::Scene& scene, std::size_t begin, std::size_t end, std::size_t first_marker, model::Vec2 origin_m,
                      double thin_m) {
    MeshLevel level;
    std::size_t markers = first_marker;
    const analysis::GeosContext geos;
    for (std::size_t i = begin; i < end; ++i) {
        const auto& item = scene.items[i];
        if (const auto* fill = std::get_if<scene::Fill>(&item)) {
            const std::size_t first = level.fills.size();
            const model::Geometry shape = thin_m > 0 ? model::thinned(fill->shape_m, thin_m) : fill->shape_m;
            for (const auto& p : analysis::triangulate(geos, shape))
                level.fills.push_back({static_cast<float>(p.x - origin_m.x), static_cast<float>(p.y - origin_m.y), fill->color.r,
                                       fill->color.g, fill->color.b, fill->color.a});
            extend_batch(level.batches, Batch::Kind::Fill, first, level.fills.size());
        } else if (const auto* stroke = std::get_if<scene::Stroke>(&item)) {
            const std::size_t first = level.strokes.size();
            const model::Geometry& shape = scene.shape_of(*stroke);
            extrude(thin_m > 0 ? model::thinned(shape, thin_m) : shape, origin_m, *stroke, level.strokes);
            extend_batch(level.batches, stroke->outline_of ? Batch::Kind::Outline : Batch::Kind::Stroke, first, level.strokes.size());
        } else {
            extend_batch(level.batches, Batch::Kind::Marker, markers, markers + 1);
            ++markers;
        }
    }
    return level;
}

}  // namespace

MeshLevel build_level(const scene::Scene& scene, model::Vec2 origin_m, double thin_m) {
    // One thread: built in parallel slices it was slower here, the joins costing more memory
    // traffic than the triangles saved.
    return build_slice(scene, 0, scene.items.size(), 0, origin_m, thin_m);
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
                                    static_cast<float>(static_cast<int>(marker->shape) + (marker->hollow ? 4 : 0))});
        }
    std::size_t outlines = 0;
    for (const auto& item : scene->items)
        if (const auto* stroke = std::get_if<scene::Stroke>(&item)) outlines += stroke->outline_of.has_value();
    if (outlines > 0) mesh.outline_spacing_m = std::sqrt(scene->extent_m.width() * scene->extent_m.height() / static_cast<double>(outlines));
    mesh.overview = build_level(*scene, mesh.origin_m, mesh.overview_m);
    mesh.scene = std::move(scene);
    return mesh;
}

}  // namespace ca::render
