// The editing lines of viewer scripts:
//   edit-layer INDEX|off   (the Edit toggle; edits go to this layer, else to the first sites layer)
//   edit add-site LON LAT [FIELD=VALUE...]   (as a click in Edit mode and the form; township and village
//                                             from the village under the point unless given)
//   edit move ID LON LAT | edit move-vertex ID VERTEX LON LAT | edit delete ID[,ID...]
//   edit set ID[,ID...] FIELD VALUE...   (FIELD by name or meaning: status, funds_yuan...; the value as typed)
//   edit assign ID VILLAGE [TOWNSHIP]   (as a Problems tab candidate: names written, or the point moved inside)
//   edit pick ID   (as the Problems tab's "pick on the map": the next click, e.g. a script's click, places it)
//   undo | redo | save [overwrite] | reload   (Ctrl+Z, Ctrl+Y, Ctrl+S; reload: files changed on disk read again)
//   import-sheet FILE | import-map FIELD=COLUMN | import-fix ROW TOWNSHIP VILLAGE | import-skip ROW | import-append
//                         (the import dialog: read, choose a field's column, type names in place, untick, Append)
//   save-as FILE.gpkg   (every layer, edits included, with the project, into one GeoPackage)
// ID is the row number a table shows, or a feature's id.
#pragma once

#include <string>
#include <vector>

#include "app/refresh_job.hpp"
#include "core/model/edit_history.hpp"
#include "ui/viewer_state.hpp"

namespace ca::app {

// Runs one of the lines above (words[0] is its command); returns what must be recomputed. Throws
// ca::Error saying why it cannot.
Refresh run_edit_line(ui::ViewerState& state, const std::vector<std::string>& words);

}  // namespace ca::app
