// Changing the viewer's state: new data, new style, actions from panels and scripts.
#pragma once

#include <set>
#include <string>

#include "ui/viewer_state.hpp"

namespace ca::app {

// After the project's layers change: statistics, village lookup and scene anew.
void refresh_data(ui::ViewerState& state);
// After the style changes: the scene anew (the caller uploads it).
void refresh_scene(ui::ViewerState& state);
// Applies what panels asked for. Returns true when the scene must be uploaded again.
bool apply(ui::ViewerState& state, const ui::Actions& actions);
// The whole extent in the canvas, with a margin.
void fit(ui::ViewerState& state);
void zoom_to(ui::ViewerState& state, const model::Extent& extent_m);
// Villages whose label point lies in the box (working CRS): the ones a person sees inside it.
std::set<std::size_t> villages_in(const ui::ViewerState& state, const model::Extent& box_m);
// Index of the village with this name (and township, when given); nothing when none matches.
std::optional<std::size_t> find_village(const ui::ViewerState& state, const std::string& name, const std::string& township = {});

}  // namespace ca::app
