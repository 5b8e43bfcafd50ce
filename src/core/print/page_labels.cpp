// Label placement on printed maps, and the map content page elements are scored against.
#include "core/print/page_labels.hpp"

#include <algorithm>
#include <cmath>

#include "core/scene/label_placement.hpp"

namespace ca::print::detail {
namespace {

// Points every 1/kAlong of each ring's length, for an outline that matters along all of it.
template <typename Add>
void add_along(const model::Geometry& shape, const Add& add) {
    constexpr int kAlong = 48;
    for (std::size_t r = 0; r < shape.ring_count(); ++r) {
        const auto ring = shape.ring(r);
        const std::size_t n = ring.size();  // closed whether or not the ring repeats its first point
        double length = 0;
        for (std::size_t i = 1; i <= n; ++i) length += std::hypot(ring[i % n].x - ring[i - 1].x, ring[i % n].y - ring[i - 1].y);
        if (length <= 0) continue;
        double next = 0, at = 0;
        for (std::size_t i = 1; i <= n; ++i) {
            const model::Vec2 a = ring[i - 1], b = ring[i % n];
            const double segment = std::hypot(b.x - a.x, b.y - a.y);
            for (; segment > 0 && next <= at + segment; next += length / kAlong) {
                const double t = (next - at) / segment;
                add({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)});
            }
            at += segment;
        }
    }
}

// Markers, the centre and a few outline points of each area, and the outlines of uncovered poor
// villages, on the page: what an element
// should not cover (an outline point catches a village whose centre lies just outside).
std::vector<model::Vec2> feature_points(const scene::Scene& scene, const scene::Viewport& v, double x0, double y0) {
    constexpr std::size_t kOutlinePoints = 8;
    std::vector<model::Vec2> points;
    auto add = [&](model::Vec2 at) {
        const auto p = v.to_px(at);
        if (p.x >= 0 && p.y >= 0 && p.x <= v.width_px && p.y <= v.height_px) points.push_back({x0 + p.x, y0 + p.y});
    };
    for (const auto& item : scene.items) {
        if (const auto* m = std::get_if<scene::Marker>(&item)) {
            add(m->position_m);
        } else if (const auto* f = std::get_if<scene::Fill>(&item)) {
            add(f->shape_m.extent().centre());
            const auto& coords = f->shape_m.coords;
            const std::size_t step = std::max<std::size_t>(1, coords.size() / kOutlinePoints);
            for (std::size_t i = 0; i < coords.size(); i += step) add(coords[i]);
        } else if (const auto* s = std::get_if<scene::Stroke>(&item); s && s->outline_of && s->legend >= 0) {
            // An outline the legend explains (an uncovered poor village): the whole of it counts.
            add_along(scene.shape_of(*s), add);
        }
    }
    return points;
}

}  // namespace

// Labels by the shared rule (scene::place_labels): village names once villages are 15 mm across
// on paper; a label cut by the frame, on another or on one of `obstacles` (legend, inset, scale
// bar, north arrow) is left out rather than drawn under them.
std::vector<PlacedLabel> layout_labels(const Writer& writer, const scene::Scene& scene, const scene::Viewport& v, double x0, double y0,
                                       double mm, const std::vector<model::Extent>& obstacles) {
    auto text_size = [&](const scene::Label& l) { return l.size_px * kMmPerScreenPixel * mm; };
    // The box holds the text and a halo of 0.15 of the text size round it.
    const scene::LabelSize box_size = [&](const scene::Label& l) {
        const double size = text_size(l);
        return model::Vec2{writer.width(l.text, size, l.priority == 0) + size * 0.3, size * 1.3};
    };
    std::vector<model::Extent> in_frame;  // the obstacles from page to frame units
    for (const auto& o : obstacles) in_frame.push_back(page_box(o.min_x - x0, o.min_y - y0, o.width(), o.height()));
    std::vector<PlacedLabel> placed;
    for (const auto& p : scene::place_labels(scene, v, box_size, {15 * mm, true}, in_frame)) {
        const double size = text_size(*p.label);
        const model::Extent box = page_box(p.box.min_x + x0, p.box.min_y + y0, p.box.width(), p.box.height());
        placed.push_back({p.label, box.min_x + size * 0.15, box.min_y + size, size, box});
    }
    return placed;
}

void draw_labels(cairo_t* cr, const Writer& writer, const std::vector<PlacedLabel>& labels) {
    for (const auto& p : labels) {
        // A white halo under the text keeps names readable on any fill.
        cairo_save(cr);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.75);
        cairo_rectangle(cr, p.box.min_x, p.box.min_y, p.box.width(), p.box.height());
        cairo_fill(cr);
        cairo_restore(cr);
        writer.text(p.label->text, p.x, p.baseline, p.size, p.label->color, p.label->priority == 0);
    }
}

MapContent map_content(const Writer& writer, const scene::Scene& scene, const scene::Viewport& v, double x0, double y0, double mm) {
    MapContent content;
    for (const auto& l : layout_labels(writer, scene, v, x0, y0, mm, {})) content.labels.push_back(l.box);
    content.features = feature_points(scene, v, x0, y0);
    return content;
}

}  // namespace ca::print::detail
