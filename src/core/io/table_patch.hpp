// Saving edits back into a project sheet people keep (CSV or XLSX): only the edited cells and rows
// change; everything else (other cells as written, title, unit and 合计 rows, other sheets,
// styles, merges, the CSV's encoding, delimiter, quoting and line endings) stays as it was.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/model/value.hpp"

namespace ca::io {

// New contents of some cells of one row that stays: (column index from 0 = the grid's column,
// i.e. the layer's field index; the value to write). NULL empties the cell; a number is written as
// a number (integral values without decimals), text as text.
struct RowChange {
    std::int64_t row = 0;  // the row number as read: Excel's row, a CSV's line (SheetRow::number)
    std::vector<std::pair<int, model::Value>> cells;
};

struct TablePatch {
    std::vector<RowChange> changed;
    std::vector<std::int64_t> deleted;  // rows removed (by number as read); the rows below move up
    // New rows go just above this row (as read: the first 合计 row, or the row after the last data
    // row), moving it and the rows below down; 0: after the last row of the sheet.
    std::int64_t insert_before = 0;
    std::vector<std::vector<model::Value>> added;  // whole new rows, one value per column from 0
};

// Writes `patch` into the CSV file at `path`, whose text is in `encoding` ("UTF-8", "GBK",
// "GB18030", "Big5", or Layer::encoding as read_tables sets it, "GBK (detected: ...)"; a UTF-8
// BOM stays), through a temporary file renamed into place. `insert_before` may also be the line
// after the file's last, meaning the end. Throws
// ca::Error naming the file (and line) when a row named is not a row of the file or a new text
// cannot be written in the file's encoding; the file is then unchanged.
void patch_csv(const std::string& path, const std::string& encoding, const TablePatch& patch);

// The same for one sheet of an .xlsx workbook; other sheets and parts are kept as they are.
void patch_xlsx(const std::string& path, const std::string& sheet, const TablePatch& patch);

}  // namespace ca::io
