// Editing in the viewer: edits applied as new versions of the project and recorded for undo,
// Ctrl+S saving every edited layer into its own file, and what happens when a file changed on disk.
#pragma once

#include <string>
#include <vector>

#include "app/refresh_job.hpp"
#include "core/workspace/feature_edits.hpp"
#include "ui/viewer_state.hpp"

namespace ca::app {

// The edit, undo, redo, save and reload the panels asked for. A failure (an edit that no longer
// fits, a file that cannot be written) is a message; a save meeting files changed on disk sets
// Editing::changed_on_disk for the viewer to ask. Returns Refresh::Data when the layers changed.
Refresh apply_editing(ui::ViewerState& state, const ui::Actions& actions);

// One edit: applied to a new version of the layers (see edit_project) and recorded in the history;
// undo and redo of the last. Each returns what must be recomputed: Refresh::Sites while only sites
// changed (Editing::site_changes says which), Refresh::Data when another layer did.
Refresh apply_user_edit(ui::ViewerState& state, model::Edit edit);
Refresh undo_edit(ui::ViewerState& state);
Refresh redo_edit(ui::ViewerState& state);

// Ctrl+S: every edited layer into its file (see workspace::save_edits); the edit history starts
// afresh. Throws ca::Error when nothing could be saved (a file changed on disk unless
// `overwrite_changed`, a format that cannot be written, a failed write). Returns a line per file.
std::vector<std::string> save_edited_layers(ui::ViewerState& state, bool overwrite_changed);

// "Save as GeoPackage…": every layer as shown, edits included, with the project, into one file at
// `path` (see workspace::save_as_geopackage). Returns the line for the messages; throws ca::Error.
std::string save_as_geopackage(const ui::ViewerState& state, const std::string& path);

// "Import a project sheet…": reads the sheet at `path` (its first sheet, as project rows) into the
// dialog's state, which then previews it; throws ca::Error (also shown in the dialog).
void read_import_sheet(const ui::ViewerState& state, const std::string& path);

// The layers whose files changed on disk read again; their unsaved edits are dropped.
void reload_changed_layers(ui::ViewerState& state);

// The edit that assigns a site to a village of Statistics::villages (a Problems tab candidate): a
// row with a point gets a point inside the village; a row without one gets the village's township
// and name written.
model::Edit assign_to_village(const ui::ViewerState& state, std::size_t layer, std::size_t feature, std::size_t village);

// The Problems tab's "pick on the map": the site placed where the click fell (`point_m`, working
// CRS) — its point moved there, or, for a table without lon/lat columns, the clicked village's
// names written into it. Throws ca::Error when the click fell in no village for such a table.
model::Edit place_at(const ui::ViewerState& state, ui::FeatureRef site, model::Vec2 point_m);

// Whether any layer holds edits not yet saved: the title bar's mark, the question on closing.
bool has_unsaved_edits(const ui::ViewerState& state);

// Values for a site added at `point_m` (working CRS): township and village from the village under
// it when the layer has those fields and `values` does not set them.
workspace::FieldValues with_place_names(const ui::ViewerState& state, std::size_t layer, model::Vec2 point_m, workspace::FieldValues values);

// The feature of `layer` whose id is `fid` (the row number of a table), by position; nothing
// when there is none.
std::optional<std::size_t> feature_with_id(const model::Layer& layer, std::int64_t fid);

}  // namespace ca::app
