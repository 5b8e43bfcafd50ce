// What importing a project sheet would do, row by row, for the dialog and for scripts: the column
// mapping, each row's values in the list's fields and units, its village (or why none), the row of
// the list it repeats; and the edit appending the rows taken.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ui/viewer_state.hpp"

namespace ca::ui {

struct ImportRow {
    std::size_t feature = 0;      // into the sheet's features
    std::int64_t row = 0;         // the row number the user sees
    std::string name, township, village;  // as written, or as fixed in place
    std::optional<std::size_t> village_index;  // into Statistics::villages, when the names find one
    Text reason = Text::NoVillageName;  // why not, when not
    std::optional<std::size_t> duplicate_of;   // the list's feature it repeats
    bool taken = false;           // appended: ticked and no duplicate
    workspace::NewRow values;
};

struct ImportPreview {
    workspace::ColumnMapping mapping;
    std::vector<ImportRow> rows;
    std::vector<std::string> problems;  // values the list's fields cannot take, one line each
};

// The villages a row that names none most likely means (the Problems tab's and the import's
// candidates), indexed once per version of the layers and statistics.
const analysis::VillageCandidateIndex& candidate_index(const ViewerState& state);
// Its answer for a row, remembered until the layers or statistics change (panels ask every frame).
const std::vector<analysis::VillageCandidate>& candidates_for(const ViewerState& state, const analysis::CandidateQuery& row, std::size_t max_count);

// The preview of the sheet in state.editing.importing into its target layer; throws ca::Error when
// the mapping cannot be made (a choice naming no field or column).
ImportPreview preview_import(const ViewerState& state);
// The edit appending the taken rows; throws ca::Error when there are none.
model::Edit import_edit(const ViewerState& state, const ImportPreview& preview);

}  // namespace ca::ui
