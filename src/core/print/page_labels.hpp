// Labels on a printed map: placed highest priority first, never cut by the frame, never on one
// another or under the page's elements; and what the map shows, for placing those elements.
#pragma once

#include <vector>

#include "core/print/page_placement.hpp"
#include "core/print/page_writer.hpp"

namespace ca::print::detail {

// A label as it would be drawn: its text, baseline start and size, and its box with the halo.
struct PlacedLabel {
    const scene::Label* label;
    double x, baseline, size;
    model::Extent box;
};

// The labels drawn on a map frame at (x0, y0); one on any of `obstacles` is left out.
std::vector<PlacedLabel> layout_labels(const Writer& writer, const scene::Scene& scene, const scene::Viewport& v, double x0, double y0,
                                       double mm, const std::vector<model::Extent>& obstacles);
void draw_labels(cairo_t* cr, const Writer& writer, const std::vector<PlacedLabel>& labels);

// The labels as they would fall with nothing over the map, and the features' positions.
MapContent map_content(const Writer& writer, const scene::Scene& scene, const scene::Viewport& v, double x0, double y0, double mm);

}  // namespace ca::print::detail
