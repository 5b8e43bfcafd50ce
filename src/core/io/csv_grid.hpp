// CSV text to a grid of cells, each row with the line number it starts on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/io/sheet_layout.hpp"

namespace ca::io {

// Splits CSV text (already UTF-8) into rows: quoted cells may hold delimiters, doubled quotes
// and line breaks; blank lines are kept as empty rows so every row keeps its line number (the
// header line is 1). The delimiter is the one of , ; TAB found most in the first lines.
// Throws ca::Error naming `file` and the line where a quote opens that nothing closes (GDAL would
// read the rest of the file into that one cell).
std::vector<SheetRow> read_csv_grid(std::string_view text, const std::string& file);

// The delimiter of , ; TAB used most outside quotes in the first lines; a comma when none is.
// Works on raw GBK, GB18030 or Big5 bytes as well: no byte of a double-byte character is one of
// these or a quote.
char guess_csv_delimiter(std::string_view text);

}  // namespace ca::io
