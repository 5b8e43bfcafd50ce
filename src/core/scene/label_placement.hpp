// Which of a scene's labels a view shows, and where: one rule for the viewer's screen and the
// printed page, each measuring its own text.
#pragma once

#include <functional>
#include <vector>

#include "core/scene/scene.hpp"

namespace ca::scene {

// How a view places labels; lengths in the view's units (screen pixels, page points or pixels).
struct LabelRules {
    double village_names_from = 0;  // village names only when villages are at least this big across
    bool whole_in_view = true;      // print: a label cut by the frame is left out; screen: shown while any of it is in view
};

struct PlacedLabel {
    const Label* label;
    model::Extent box;  // in view units from the view's top-left corner, y down; centred on the label's anchor
};

// Whether two boxes overlap; touching does not count.
bool boxes_overlap(const model::Extent& a, const model::Extent& b);

// The width and height of a label's box (text and halo) in view units.
using LabelSize = std::function<model::Vec2(const Label&)>;

// Labels placed highest priority first (townships, then villages), each box centred on its
// anchor; one that would overlap a placed label or any of `obstacles`, or leave the view (see
// LabelRules), is left out rather than drawn under them.
std::vector<PlacedLabel> place_labels(const Scene& scene, const Viewport& view, const LabelSize& size, const LabelRules& rules,
                                      const std::vector<model::Extent>& obstacles = {});

}  // namespace ca::scene
