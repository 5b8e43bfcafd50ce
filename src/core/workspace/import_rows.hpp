// Appending a new project sheet to the project list an office keeps: which column of the sheet
// fills which field of the list, each row's values in the list's own units, the rows the list
// holds already, and the one edit that appends the rest (saved with save_edits).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model/edit_history.hpp"
#include "core/model/project.hpp"
#include "core/workspace/feature_edits.hpp"

namespace ca::workspace {

// One field of the list filled from one column of the sheet.
struct ColumnLink {
    std::size_t field = 0;   // into the list's (target) fields
    std::size_t column = 0;  // into the sheet's (incoming) fields
    bool given = false;      // by the user (--map), not by the meaning or name they share
    bool whole_numbers = false;  // the list's field is an integer column (io::integer_fields); set by the caller
};

struct ColumnMapping {
    std::vector<ColumnLink> links;       // in the list's field order
    std::vector<std::size_t> unplaced;   // sheet columns with no field in the list: not imported
    bool point_from_columns = false;     // the sheet's lon/lat columns become the rows' points
};

// "FIELD=COLUMN": FIELD a field of the list or a meaning ("funds_yuan"), COLUMN a column of the sheet.
struct MapChoice {
    std::string field, column;
};
// Reads FIELD=COLUMN; throws ca::Error when there is no '='.
MapChoice parse_map_choice(const std::string& text);

// Each meaning the sheet has goes to the list's field of that meaning; a column no meaning names
// goes to the list's field of the same name (case and full-width forms aside) when that field has
// no meaning either; `choices` override both. The sheet's lon/lat columns are the points of a
// list with geometry (and fill its lon/lat fields when it has them too). Throws ca::Error for a
// choice naming a field or column that does not exist.
ColumnMapping map_columns(const model::Layer& sheet, const model::Layer& list, const std::vector<MapChoice>& choices);

// One row of the sheet in the list's fields. Money goes into the unit of the list's funds field
// (a row "125000元" is 12.5 in a 万元 field, 125000 in a yuan one), other numbers as typed_value
// reads them; a value the field cannot take is left empty and said in `problems` ("受益户数: ...").
// Throws ca::Error (naming the field) for a fraction bound for a field of whole numbers: the
// file would cut it, and money must not change on the way.
FieldValues list_values(const model::Layer& sheet, const model::Feature& row, const model::Layer& list, const ColumnMapping& mapping,
                        std::vector<std::string>& problems);

// The rows of the list by project name, township and village (normalized, village and township
// keys folded as placing folds them) and year: a new row with the same name and places is a
// duplicate, unless both have a year and the years differ.
class ExistingRows {
public:
    explicit ExistingRows(const model::Layer& list);
    // Whether the list can tell duplicates at all: it has a project name field.
    bool usable() const { return m_name >= 0; }
    // The index into list.features of a row these values repeat, if any.
    std::optional<std::size_t> duplicate_of(const FieldValues& values) const;

private:
    struct Key {
        std::string text;
        std::optional<double> year;
    };
    Key key_of(const std::vector<const model::Value*>& cells) const;

    int m_name = -1, m_township = -1, m_village = -1, m_year = -1;
    std::unordered_map<std::string, std::vector<std::pair<std::optional<double>, std::size_t>>> m_rows;
};

// A row to append: its values, and its own point when it has one (CGCS2000 lon/lat).
struct NewRow {
    FieldValues values;
    std::optional<model::Vec2> lon_lat;
};

// One edit appending `rows` at the end of layer `layer`, in order, each with its own new id. A
// row with a point is added as add_point_edit adds one; a row without is added without geometry
// (placed by its village's name when counted).
model::Edit append_rows_edit(const model::Project& project, std::size_t layer, const std::vector<NewRow>& rows);

}  // namespace ca::workspace
