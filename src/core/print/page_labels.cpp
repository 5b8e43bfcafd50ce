// Label placement on printed maps, and the map content page elements are scored against.
#include "core/print/page_labels.hpp"

#include <algorithm>
#include <cmath>

namespace ca::print::detail {
namespace {

// Markers, and the centre and a few outline points of each area, on the page: what an element
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
        }
    }
    return points;
}

}  // namespace

// Labels placed highest priority first; a label cut by the frame, on another label or on one of
// `obstacles` (legend, inset, scale bar, north arrow) is left out rather than drawn under them.
std::vector<PlacedLabel> layout_labels(const Writer& writer, const scene::Scene& scene, const scene::Viewport& v, double x0, double y0,
                                       double mm, const std::vector<model::Extent>& obstacles) {
    std::vector<const scene::Label*> order;
    // Village names only where villages are at least ~15 mm across on paper.
    std::size_t villages = 0;
    for (const auto& l : scene.labels) villages += l.priority == 1;
    const double village_mm = villages ? std::sqrt(scene.extent_m.width() * scene.extent_m.height() / villages) / v.m_per_px / mm : 0;
    for (const auto& l : scene.labels)
        if (l.priority == 0 || village_mm > 15) order.push_back(&l);
    std::stable_sort(order.begin(), order.end(), [](const scene::Label* a, const scene::Label* b) { return a->priority < b->priority; });
    const model::Extent frame = page_box(x0, y0, v.width_px, v.height_px);
    std::vector<PlacedLabel> placed;
    for (const auto* l : order) {
        const double size = l->size_px * kMmPerScreenPixel * mm;
        const double w = writer.width(l->text, size, l->priority == 0);
        const auto p = v.to_px(l->anchor_m);
        const double x = x0 + p.x - w / 2, baseline = y0 + p.y + size * 0.35;
        const model::Extent box = page_box(x - size * 0.15, baseline - size, w + size * 0.3, size * 1.3);
        if (box.min_x < frame.min_x || box.min_y < frame.min_y || box.max_x > frame.max_x || box.max_y > frame.max_y) continue;
        auto hits = [&](const model::Extent& b) { return boxes_overlap(b, box); };
        if (std::any_of(obstacles.begin(), obstacles.end(), hits)) continue;
        if (std::any_of(placed.begin(), placed.end(), [&](const PlacedLabel& o) { return hits(o.box); })) continue;
        placed.push_back({l, x, baseline, size, box});
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
