// The viewer's panels: each draws from state and records requests in Actions.
#pragma once

#include <string>

#include "ui/viewer_state.hpp"

struct ImDrawList;

namespace ca::ui {

inline constexpr int kSidePanelWidthPx = 290;
inline constexpr int kInfoPanelWidthPx = 400;
inline constexpr int kStatusBarHeightPx = 26;

// Left: search, layers, colouring, project filter, legend.
void draw_side_panel(const ViewerState& state, Actions& actions);
// Right: tabs for township statistics, poorest areas, the selected village, attribute tables.
void draw_info_panel(const ViewerState& state, Actions& actions);
// The right panel's attribute table: a layer's rows, filtered and sorted; in Edit mode its cells
// are typed into (double-click) and picked rows set at once.
void draw_attribute_table(const ViewerState& state, Actions& actions);
// The right panel's Problems tab: its label, "Problems (12)" counting errors and warnings (with a
// stable ImGui id), and its list: grouped by kind, filtered by severity, a click goes to the place.
std::string problems_tab_label(const ViewerState& state);
void draw_problems_tab(const ViewerState& state, Actions& actions);
// Bottom: cursor position, scale, CRSs.
void draw_status_bar(const ViewerState& state);
// The export dialog, when open: settings and a preview of the page (drawn by the app).
void draw_export_dialog(const ViewerState& state, Actions& actions);
// "Open data…": folders and readable files, typed path; picks a file to add to the map.
void draw_open_dialog(const ViewerState& state, Actions& actions);
// The password a database asked for (ViewerState::database_asking_password), masked.
void draw_password_prompt(const ViewerState& state, Actions& actions);
// While files are read (`reading`) or the first map is built: the stage, seconds so far, and a
// Cancel button (true when pressed).
bool draw_loading(bool reading, double seconds, Language language);
// While statistics (`analysing`) or a new map are computed: a note over the map, which stays usable.
void draw_busy(bool analysing, float progress, const ViewerState& state);
// While the export dialog's file is written: which file, how far, and Cancel (true when pressed).
bool draw_exporting(const std::string& path, float progress, const ViewerState& state);
// Over the map in Edit mode: the layer, undo, redo, save, stop, and what the mouse does.
void draw_edit_bar(const ViewerState& state, Actions& actions);
// The new feature's form, open after a click on the map in a point layer's Edit mode.
void draw_feature_form(const ViewerState& state, Actions& actions);
// "Import a project sheet…", when open: the sheet's rows previewed, fixed, appended as one edit.
void draw_import_dialog(const ViewerState& state, Actions& actions);
// The questions saving and closing may ask: files changed on disk since read, unsaved edits.
void draw_save_questions(const ViewerState& state, Actions& actions);
// The values `field` of `layer` already holds, offered for type, status, batch, kind and township
// (empty for other fields); gathered once per version of the layer.
const std::vector<std::string>& value_list(EditInputs& inputs, const model::Layer& layer, std::size_t field);
// A typed value for `field` of `layer`, with the values the layer already holds offered beside it.
void value_input(EditInputs& inputs, const model::Layer& layer, std::size_t field, std::string& text, float width);
// On the map: highlighted villages and labels that do not overlap, in screen space.
void draw_map_overlay(const ViewerState& state, ImDrawList* draw);

}  // namespace ca::ui
