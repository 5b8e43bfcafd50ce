// Reads a written .xlsx back as a person and as Excel would: cell values through GDAL's XLSX
// driver, and the formatting (number formats, bold, frozen panes, merges) from the XML parts of
// the zip through GDAL's /vsizip/.
#pragma once

#include <string>
#include <vector>

namespace ca::test {

// Every cell of one sheet as text, by Excel row (1 = first row) and column (0 = A); rows and
// columns beyond the data are absent, empty cells are "". Numbers as GDAL prints them.
std::vector<std::vector<std::string>> workbook_cells(const std::string& path, const std::string& sheet);
// Sheet names in the workbook's order.
std::vector<std::string> workbook_sheets(const std::string& path);

// One part of the zip ("xl/styles.xml", "xl/worksheets/sheet1.xml"); empty when absent.
std::string workbook_part(const std::string& path, const std::string& part);

// How the cell (Excel row, column 0 = A) of sheet N (1-based) is formatted: its number format
// code ("0.0%", "General") and whether its font is bold.
struct CellStyle {
    std::string number_format;
    bool bold = false;
};
CellStyle workbook_cell_style(const std::string& path, int sheet_number, int row, int column);
// The number a cell holds as written in the sheet's XML (<v>), or "" when it holds none.
std::string workbook_cell_xml_value(const std::string& path, int sheet_number, int row, int column);

}  // namespace ca::test
