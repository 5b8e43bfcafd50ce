// Where the table is in a sheet written for people: title and unit rows, a one- or two-row
// header, data rows, a 合计 block at the bottom. Pure: a grid of cell texts in, a layout out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/fields.hpp"
#include "core/model/problems.hpp"

namespace ca::io {

struct SheetRow {
    std::int64_t number = 0;         // the row number the user sees: Excel's row, a CSV's line
    std::vector<std::string> cells;  // UTF-8 as written; a merged cell's text sits in its first column
};

struct SheetLayout {
    std::int64_t header_row = 0;     // the (first) header row's number
    int header_row_count = 1;        // 2 when a group title row sits over the column names
    std::vector<std::string> field_names;
    model::FieldMapping mapping;     // the funds scale follows the sheet's unit row
    std::vector<std::size_t> data_rows;   // indices into the grid: the rows that are projects
    std::vector<std::size_t> total_rows;  // indices of 合计 / 总计 / 小计 rows, not counted
    model::ProblemLog problems;      // notes on each decision; warnings for totals that do not add up
};

// How many rows from the top may hold titles before the header.
inline constexpr std::int64_t kHeaderSearchRows = 20;

// Finds the header (the first row naming at least two known columns, with the row below it when
// that is the lower half of a two-row header), the money unit from a unit row or title above it
// ("单位：万元", "（万元）"), the data rows and a closing block of total rows, whose figures are
// checked against the sums of the data. `file` and `layer` name the sheet in problems and errors.
// Throws ca::Error when none of the first kHeaderSearchRows rows is a header.
SheetLayout lay_out_sheet(const std::vector<SheetRow>& grid, const std::string& file, const std::string& layer);

}  // namespace ca::io
