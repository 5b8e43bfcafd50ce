// The scene a map figure draws, built for its page: one rule for `export` and the viewer's export
// dialog, so a figure lists in its legend only what falls on the page, wherever it is made.
#pragma once

#include "core/analysis/statistics.hpp"
#include "core/model/project.hpp"
#include "core/print/page.hpp"
#include "core/scene/build.hpp"

namespace ca::print {

// Builds the scene of `figure`'s page: only lines, works and sites within figure.extent_m (the
// villages' extent when unset) are drawn and listed in the legend. Sets figure.legend_heading
// from the choropleth (metric, unit, classification and the classes the legend holds); no
// heading without one. `stats` is needed for a choropleth; `shared` carries what the caller
// keeps (LISA classes, dissolved townships); its page extent is replaced.
scene::Scene build_figure_scene(const model::Project& project, const scene::MapStyle& style, const analysis::Statistics* stats, Figure& figure,
                                scene::BuildOptions shared = {});

}  // namespace ca::print
