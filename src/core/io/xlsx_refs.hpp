// Cell references of a sheet whose rows are deleted and inserted: where each row goes, and the
// references in formulas and in ref/sqref attributes rewritten to follow, as Excel does.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ca::io {

struct CellRef {
    std::int64_t row = 0;  // Excel's row number, from 1
    int col = 0;           // from 0 = A
    bool abs_row = false, abs_col = false;
};

// "B3" → {3, 1}; "$AA$10" → {10, 26, true, true}; nullopt for anything else.
std::optional<CellRef> parse_cell_ref(std::string_view text);
std::string column_name(int col);  // 0 → "A", 26 → "AA"
std::string cell_ref_text(const CellRef& ref);

// A rectangle of cells after the edit, for telling which formulas read edited cells.
struct Area {
    std::int64_t first_row = 0, last_row = 0;
    int first_col = 0, last_col = 0;
    bool holds(std::int64_t row, int col) const { return row >= first_row && row <= last_row && col >= first_col && col <= last_col; }
};

// Where rows go: `deleted` rows go and the rows below move up; `added` new rows go just above
// row `insert_before` (0: below `last_row`, the sheet's last), moving it and the rows below down.
class RowMap {
public:
    RowMap(std::set<std::int64_t> deleted, std::int64_t insert_before, std::int64_t added, std::int64_t last_row);

    std::optional<std::int64_t> row(std::int64_t old_row) const;  // nullopt: the row is deleted
    // The rows [first, last] after the edit: deleted rows leave it; with `extend`, a range that
    // ends on the last kept row above the insertion takes the added rows (a 合计's SUM(E7:E12)
    // goes on summing the whole column). nullopt when every row of it is deleted.
    std::optional<std::pair<std::int64_t, std::int64_t>> rows(std::int64_t first, std::int64_t last, bool extend) const;
    std::int64_t first_added_row() const { return m_first_added; }  // the new number of the first added row
    std::int64_t added() const { return m_added; }
    bool moves_rows() const { return !m_deleted.empty() || (m_added > 0 && m_insert_old <= m_last_row); }

private:
    std::int64_t deleted_above(std::int64_t old_row) const;
    std::set<std::int64_t> m_deleted;
    std::int64_t m_insert_old;  // the old row the added rows go above
    std::int64_t m_added;
    std::int64_t m_last_row;
    bool m_extends;  // added rows go above a row, not at the end
    std::int64_t m_first_added;
};

// A reference found in a formula: the sheet named before it ("" for none; unquoted), its first
// cell and, for a range, its last.
struct FormulaRef {
    std::string sheet;
    CellRef first;
    std::optional<CellRef> last;
};

// Calls `rewrite` on each cell or range reference of `formula` (outside string literals, not
// function names such as LOG10); where it returns text, that text replaces the reference (with
// its sheet prefix). Returns the formula so rewritten.
std::string rewrite_formula_refs(std::string_view formula, const std::function<std::optional<std::string>(const FormulaRef&)>& rewrite);

// The formula with its references to `sheet` (and those without a sheet when `own_sheet`)
// moved by `map`; references to deleted cells become #REF!, as Excel writes them. Areas read in
// that sheet after the edit go to *areas.
std::string map_formula(std::string_view formula, const RowMap& map, const std::string& sheet, bool own_sheet,
                        std::vector<Area>* areas = nullptr);

// A shared formula's text as it reads in a cell `rows` and `cols` away from its master cell:
// relative references move, $-fixed parts stay.
std::string shift_formula(std::string_view formula, std::int64_t rows, int cols);

// A ref or sqref attribute ("A5:A6", "E7:E12 G7") with its rows moved; references wholly deleted
// leave the list; "" when none is left.
std::string map_ref_list(std::string_view refs, const RowMap& map, bool extend);

}  // namespace ca::io
