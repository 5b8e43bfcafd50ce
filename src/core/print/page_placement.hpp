// Where a page element (legend, inset locator, scale bar) covers the least of the map: each corner
// of the map frame is scored by the labels and features it would cover.
#pragma once

#include <optional>
#include <vector>

#include "core/model/geometry.hpp"
#include "core/scene/label_placement.hpp"

namespace ca::print {

// Boxes on the page: min = top-left, max = bottom-right, in page units.
model::Extent page_box(double x, double y, double width, double height);
using scene::boxes_overlap;

// What the map shows, on the page: label boxes and feature positions (markers, area centres).
struct MapContent {
    std::vector<model::Extent> labels;
    std::vector<model::Vec2> features;
};

struct Spot {
    model::Extent box;
    double cost = 0;  // 0: covers nothing; a label weighs as ten features
};

// The corner of `frame` (inset by `pad`) where a w x h element covers least, in the order
// bottom-left, bottom-right, top-left, top-right on ties; corners overlapping `taken` or too big
// for the frame are skipped. Nothing when no corner can hold it.
std::optional<Spot> best_corner(const model::Extent& frame, double w, double h, double pad, const MapContent& content,
                                const std::vector<model::Extent>& taken);

double covered_cost(const model::Extent& box, const MapContent& content);

}  // namespace ca::print
