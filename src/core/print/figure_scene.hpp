// The scene a map figure draws, built for its page: one rule for `export` and the viewer's export
// dialog, so a figure lists in its legend only what falls on the page, wherever it is made.
#pragma once

#include "core/analysis/statistics.hpp"
#include "core/model/project.hpp"
#include "core/print/page.hpp"
#include "core/scene/build.hpp"

namespace ca::print {

// Builds the scene of `figure`'s page: only lines, works and sites within the ground a frame on
// `page` can show around figure.extent_m (the villages' extent when unset) are drawn; the legend
// lists those in the frame itself (draw_page decides, once the frame is placed); points figure.dem
// at the project's DEM, shaded under the map when style.terrain shows it. Sets
// figure.legend_heading from the choropleth (metric, unit, classification and the classes the
// legend holds); no heading without one. `stats` is needed for a choropleth; `shared` carries what
// the caller keeps (LISA classes, dissolved townships); its page extent is replaced.
scene::Scene build_figure_scene(const model::Project& project, const scene::MapStyle& style, const analysis::Statistics* stats, Figure& figure,
                                scene::BuildOptions shared = {}, const PageSize& page = {});

// The ground a map frame on `page` can show when fitted to `extent_m`: the frame is wider or
// taller than the extent, and narrower again when the legend takes a column beside it.
model::Extent frame_ground(const model::Extent& extent_m, const PageSize& page, const Figure& figure);

}  // namespace ca::print
