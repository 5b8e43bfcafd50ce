// A workbook an office hands in as it comes out: title, unit line, formatted numbers, a bold
// total, notes under the table, frozen headings, columns as wide as their Chinese text.
#pragma once

#include <string>
#include <vector>

#include "core/model/value.hpp"

namespace ca::io {

// How a column's numbers show; the cells keep their full values (numbers stay numbers).
enum class CellFormat {
    Text,
    Integer,   // #,##0
    Decimal1,  // #,##0.0 (km)
    Decimal2,  // #,##0.00 (money in 万元)
    Percent1,  // 0.0% of a fraction: 0.5303 shows as 53.0%
};

struct ReportColumn {
    std::string heading;
    CellFormat format = CellFormat::Text;
};

enum class RowKind { Body, Subtotal, Total };  // subtotals and the total are bold

struct ReportRow {
    std::vector<model::Value> cells;  // one per column; NULL shows as "—"
    RowKind kind = RowKind::Body;
};

// One sheet: title (row 1, merged over the table), unit line, headings, rows, then notes.
// An empty title or unit line leaves its row out.
struct ReportSheet {
    std::string name;  // the sheet tab, at most 31 characters
    std::string title;
    std::string unit_line;
    std::vector<ReportColumn> columns;
    std::size_t frozen_columns = 0;  // name columns that stay in view when scrolling right
    std::vector<ReportRow> rows;
    std::vector<std::string> notes;
};

// Writes the sheets in order through a temporary file beside `path` (model::write_via_temp):
// a failure throws ca::Error naming `path` and leaves any old file unchanged.
void write_report_workbook(const std::string& path, const std::vector<ReportSheet>& sheets);

// Columns a UTF-8 text takes in a spreadsheet or terminal: CJK and other wide characters two.
std::size_t display_width(const std::string& text);

}  // namespace ca::io
