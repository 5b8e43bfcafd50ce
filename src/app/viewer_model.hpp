// Changing the viewer's state: new data, new style, actions from panels and scripts.
#pragma once

#include <set>
#include <string>

#include "app/refresh_job.hpp"
#include "ui/viewer_state.hpp"

namespace ca::app {

// Applies what panels asked for. Returns what must be recomputed (see Refresher): the scene after
// a style change, statistics too after the project filter changed, everything after layers moved,
// were removed or changed role (through edit_project: also while a refresh runs).
Refresh apply(ui::ViewerState& state, const ui::Actions& actions);
// Writes the township table as the viewer shows it (project filter applied): .xlsx, .csv or
// .gpkg. Throws ca::Error naming the file when it cannot.
void save_statistics(const ui::ViewerState& state, const std::string& path);
// One step of the year play: the next year's projects, or all of them after the last (play ends).
Refresh advance_year_play(ui::ViewerState& state);
// The whole extent in the canvas, with a margin.
void fit(ui::ViewerState& state);
void zoom_to(ui::ViewerState& state, const model::Extent& extent_m);
// The village under a ground point (working CRS), found through the village lookup's index: the one
// the mouse hovers. Nothing when outside every village, or before the villages are counted.
std::optional<std::size_t> village_at(const ui::ViewerState& state, model::Vec2 point_m);
// Villages whose label point lies in the box (working CRS): the ones a person sees inside it.
std::set<std::size_t> villages_in(const ui::ViewerState& state, const model::Extent& box_m);
// Picks a feature: outlined on the map and zoomed to when it has a place; a village is selected
// too. One without a place (a table row) is shown in the attribute table, scrolled to it.
void go_to_feature(ui::ViewerState& state, ui::FeatureRef feature);
// A click on a problem (see ui::problem_at): goes to the feature or row it names, if loaded.
void go_to_problem(ui::ViewerState& state, std::size_t problem);
// Index of the village with this name (and township, when given); nothing when none matches.
std::optional<std::size_t> find_village(const ui::ViewerState& state, const std::string& name, const std::string& township = {});

}  // namespace ca::app
