// The one label rule of screen and page: township names before village names, none on another,
// on an obstacle or (on paper) cut by the frame, village names only when villages are big enough.
#include <doctest/doctest.h>

#include "core/scene/label_placement.hpp"

using namespace ca;

namespace {

// A 1000 x 1000 m scene seen at 1 m per unit in a 1000 x 1000 view: anchors are view units.
scene::Scene scene_with(std::vector<scene::Label> labels) {
    scene::Scene s;
    s.extent_m.add({0, 0});
    s.extent_m.add({1000, 1000});
    s.labels = std::move(labels);
    return s;
}

scene::Viewport view() { return {{500, 500}, 1.0, 1000, 1000}; }

// Every label's box is 100 x 20.
const scene::LabelSize kSize = [](const scene::Label&) { return model::Vec2{100, 20}; };

std::vector<std::string> texts(const std::vector<scene::PlacedLabel>& placed) {
    std::vector<std::string> out;
    for (const auto& p : placed) out.push_back(p.label->text);
    return out;
}

}  // namespace

TEST_CASE("labels: a township name wins over a village name it would overlap, wherever the village comes in the list") {
    // Anchors 50 units apart: their 100-wide boxes overlap. The village is listed first.
    const auto s = scene_with({{"甲村", {500, 500}, 13, 1}, {"甲镇", {550, 500}, 13, 0}, {"乙村", {500, 800}, 13, 1}});
    const auto placed = scene::place_labels(s, view(), kSize, {0, true});
    CHECK(texts(placed) == std::vector<std::string>{"甲镇", "乙村"});
    // Each box is centred on its anchor (y up in metres, down in the view).
    CHECK(placed[0].box.min_x == doctest::Approx(500));
    CHECK(placed[0].box.max_x == doctest::Approx(600));
    CHECK(placed[0].box.min_y == doctest::Approx(490));
}

TEST_CASE("labels: one under an obstacle is left out; on paper one cut by the frame too, on screen it stays") {
    const auto s = scene_with({{"甲镇", {100, 900}, 13, 0}, {"乙镇", {20, 500}, 13, 0}});
    model::Extent legend;
    legend.add({0, 0});
    legend.add({200, 150});  // top-left corner of the view, over 甲镇 (view y 100)
    CHECK(texts(scene::place_labels(s, view(), kSize, {0, true}, {legend})).empty());
    CHECK(texts(scene::place_labels(s, view(), kSize, {0, false}, {legend})) == std::vector<std::string>{"乙镇"});
}

TEST_CASE("labels: village names only once villages are as big as the rule asks") {
    // Four villages on 1000 x 1000 m: 500 m each, 500 view units.
    const auto s = scene_with({{"甲村", {250, 250}, 13, 1}, {"乙村", {750, 250}, 13, 1}, {"丙村", {250, 750}, 13, 1}, {"丁村", {750, 750}, 13, 1}});
    CHECK(scene::place_labels(s, view(), kSize, {400, true}).size() == 4);
    CHECK(scene::place_labels(s, view(), kSize, {600, true}).empty());
}
