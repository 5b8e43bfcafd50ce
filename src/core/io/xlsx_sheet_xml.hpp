// A worksheet part split into its rows and cells as text, so that a patch rewrites only the rows
// and cells it touches and every other byte of the part stays as it was.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/value.hpp"

namespace ca::io {

struct XmlCell {
    int col = 0;      // from 0 = A: its r attribute, or the one after the cell before it
    std::string xml;  // the whole <c ...>...</c> or <c .../>
};

struct XmlRow {
    std::int64_t number = 0;  // its r attribute, or the one after the row before it
    std::string lead;         // text before the row (whitespace of a pretty-printed part)
    std::string open;         // the <row ...> start tag, or the whole <row .../> of an empty row
    std::vector<XmlCell> cells;
    std::string tail;         // what follows the cells inside the row (an extLst)
};

struct SheetXml {
    std::string ns;    // the namespace prefix of the elements: "" or "x:" (Open XML SDK writers)
    std::string head;  // up to and including <sheetData>; for <sheetData/>, up to before it
    std::vector<XmlRow> rows;
    std::string rows_tail;  // between the last row and </sheetData>
    std::string foot;       // </sheetData> and what follows it; for <sheetData/>, what follows that
    bool self_closed_data = false;
};

// Throws ca::Error when the part has no sheetData or its rows are not well formed.
SheetXml parse_sheet_xml(std::string_view xml);
std::string sheet_xml_text(const SheetXml& sheet);

// The start tag of a cell or row element.
std::string start_tag(std::string_view element);
// A cell's formula text (unescaped), or nullopt when it has none; a shared formula's follower
// has an empty text.
std::optional<std::string> cell_formula(const XmlCell& cell, const std::string& ns);
// The <f ...> start tag of a cell's formula ("" when none).
std::string formula_tag(const XmlCell& cell, const std::string& ns);
// The cell with its formula element replaced by <f>text</f> (escaped); its value stays.
std::string with_formula(const XmlCell& cell, const std::string& ns, std::string_view text);
// The cell without its cached value (<v>) and its type (t): Excel computes it when it opens.
std::string without_cached_value(const XmlCell& cell, const std::string& ns);
// A cell holding `value`, from the start tag `tag` (its style and other attributes kept, its t
// replaced): a number as <v>, text as an inline string, NULL as an empty cell.
std::string cell_with_value(std::string_view tag, const model::Value& value, const std::string& ns);

}  // namespace ca::io
