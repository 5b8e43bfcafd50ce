// The parts that hang off a worksheet and name its rows: tables (ListObjects), comments (批注)
// and the VML shapes that draw them. They follow the sheet's rows when rows are deleted or added.
#pragma once

#include <string>
#include <vector>

#include "core/io/xlsx_refs.hpp"
#include "core/io/xlsx_zip.hpp"

namespace ca::io {

// Moves the rows named by the parts related to the worksheet part `sheet_part` (through its
// _rels): a table's ref grows with rows added at its end; a comment on a deleted row goes, with
// its shape. Parts not found are left alone.
void move_sheet_parts(std::vector<ZipPart>& parts, const std::string& sheet_part, const RowMap& map);

// Part `target` of a relationship in a part of folder `folder` ("xl/worksheets"), as a zip name.
std::string resolve_part(const std::string& folder, const std::string& target);

}  // namespace ca::io
