// Greedy label placement: by priority, each label where its anchor is, or not at all.
#include "core/scene/label_placement.hpp"

#include <algorithm>
#include <cmath>

namespace ca::scene {
namespace {

// How big a village is in the view: the side of the average village's square.
double village_size(const Scene& scene, const Viewport& view) {
    std::size_t villages = 0;
    for (const auto& l : scene.labels) villages += l.priority == 1;
    if (villages == 0) return 0;
    return std::sqrt(scene.extent_m.width() * scene.extent_m.height() / static_cast<double>(villages)) / view.m_per_px;
}

}  // namespace

bool boxes_overlap(const model::Extent& a, const model::Extent& b) {
    return a.min_x < b.max_x && b.min_x < a.max_x && a.min_y < b.max_y && b.min_y < a.max_y;
}

std::vector<PlacedLabel> place_labels(const Scene& scene, const Viewport& view, const LabelSize& size, const LabelRules& rules,
                                      const std::vector<model::Extent>& obstacles) {
    const bool village_names = village_size(scene, view) >= rules.village_names_from;
    // Anchors far outside the view are left out before sorting and measuring: a province zoomed in
    // has 130,000 names and shows a few dozen. 300 units is more than half any label's width.
    constexpr double kReach = 300;
    std::vector<const Label*> order;
    for (const auto& l : scene.labels) {
        if (l.priority != 0 && !village_names) continue;
        const model::Vec2 p = view.to_px(l.anchor_m);
        if (p.x >= -kReach && p.y >= -kReach && p.x <= view.width_px + kReach && p.y <= view.height_px + kReach) order.push_back(&l);
    }
    std::stable_sort(order.begin(), order.end(), [](const Label* a, const Label* b) { return a->priority < b->priority; });
    std::vector<PlacedLabel> placed;
    for (const auto* l : order) {
        const model::Vec2 p = view.to_px(l->anchor_m), s = size(*l);
        model::Extent box;
        box.add({p.x - s.x / 2, p.y - s.y / 2});
        box.add({p.x + s.x / 2, p.y + s.y / 2});
        const bool inside = box.min_x >= 0 && box.min_y >= 0 && box.max_x <= view.width_px && box.max_y <= view.height_px;
        const bool touching = box.max_x >= 0 && box.max_y >= 0 && box.min_x <= view.width_px && box.min_y <= view.height_px;
        if (rules.whole_in_view ? !inside : !touching) continue;
        auto hits = [&](const model::Extent& other) { return boxes_overlap(other, box); };
        if (std::any_of(obstacles.begin(), obstacles.end(), hits)) continue;
        if (std::any_of(placed.begin(), placed.end(), [&](const PlacedLabel& o) { return hits(o.box); })) continue;
        placed.push_back({l, box});
    }
    return placed;
}

}  // namespace ca::scene
