// One worksheet part patched as text: changed cells, deleted and added rows, and everything that
// names rows (formulas, merges, the dimension, selections, conditional formats) moved to follow.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/io/table_patch.hpp"
#include "core/io/xlsx_refs.hpp"

namespace ca::io {

struct SheetPatchResult {
    std::string xml;
    RowMap map;                // where the sheet's rows went, for references from elsewhere
    std::vector<Area> edited;  // cells whose value changed (after the move): edited, added, recomputed
    bool recalculate = false;  // some formula lost its cached value: Excel must compute on opening
};

// `xml` is the part of sheet `sheet`. Throws ca::Error (feature "row N") when the patch names a
// row the sheet does not have, or the XML is not as Excel writes it.
SheetPatchResult patch_sheet_xml(std::string_view xml, const std::string& sheet, const TablePatch& patch);

// The part of another sheet with its references to `sheet` moved by `map`; a formula there that
// changed or reads an `edited` cell of `sheet` loses its cached value and sets `recalculate`.
std::string move_refs_to_sheet(std::string_view xml, const std::string& sheet, const SheetPatchResult& patched, bool& recalculate);

}  // namespace ca::io
