// Project lists in spreadsheets and CSV files, read as people lay them out (see sheet_layout.hpp).
#pragma once

#include <string>
#include <vector>

#include "core/io/encoding.hpp"
#include "core/model/layer.hpp"

namespace ca::io {

// An .xlsx, .xlsm or .ods workbook (Unicode by its format).
bool is_workbook_file(const std::string& path);

// Whether read_tables reads this file: an .xlsx, .xlsm or .ods workbook, or a .csv, .tsv or .txt
// table whose first line names no geometry column (WKT, geometry...: those GDAL reads as layers).
bool is_table_file(const std::string& path);

// Every sheet of a workbook (or only `sheet` when not empty; a CSV is one table) as a layer
// without geometry: field names from the header row(s), the funds scale from the unit row,
// features whose fid is the row number the user sees (fids_are_rows), all values as text, and
// the decisions taken in `layer.problems`. CSV bytes go through `decoder` (a UTF-8 BOM wins);
// workbooks are Unicode already. Sheets with no header are left out with a warning unless none
// has one. Throws ca::Error naming file, sheet and row or line.
std::vector<model::Layer> read_tables(const std::string& path, const std::string& sheet, TextDecoder& decoder);

}  // namespace ca::io
