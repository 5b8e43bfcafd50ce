// Scoring the corners of a map frame by what an element put there would cover.
#include "core/print/page_placement.hpp"

#include <algorithm>

namespace ca::print {

model::Extent page_box(double x, double y, double width, double height) {
    model::Extent e;
    e.add({x, y});
    e.add({x + width, y + height});
    return e;
}

double covered_cost(const model::Extent& box, const MapContent& content) {
    double cost = 0;
    for (const auto& label : content.labels) cost += boxes_overlap(box, label) ? 10 : 0;
    for (const auto& p : content.features) cost += p.x >= box.min_x && p.x <= box.max_x && p.y >= box.min_y && p.y <= box.max_y;
    return cost;
}

std::optional<Spot> best_corner(const model::Extent& frame, double w, double h, double pad, const MapContent& content,
                                const std::vector<model::Extent>& taken) {
    if (w + 2 * pad > frame.width() || h + 2 * pad > frame.height()) return std::nullopt;
    const double left = frame.min_x + pad, right = frame.max_x - pad - w, top = frame.min_y + pad, bottom = frame.max_y - pad - h;
    const model::Vec2 corners[] = {{left, bottom}, {right, bottom}, {left, top}, {right, top}};
    std::optional<Spot> best;
    for (const auto& c : corners) {
        const model::Extent box = page_box(c.x, c.y, w, h);
        if (std::any_of(taken.begin(), taken.end(), [&](const model::Extent& t) { return boxes_overlap(box, t); })) continue;
        const double cost = covered_cost(box, content);
        if (!best || cost < best->cost) best = Spot{box, cost};
    }
    return best;
}

}  // namespace ca::print
