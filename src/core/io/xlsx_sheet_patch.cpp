// Patching a worksheet part as text (see xlsx_sheet_xml for the split into rows and cells).
// Rows and cells the patch does not touch keep their bytes; when rows move, their r attributes,
// the references in formulas and in merges, selections and conditional formats move with them.
#include "core/io/xlsx_sheet_patch.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/io/xlsx_sheet_xml.hpp"
#include "core/io/xml_text.hpp"
#include "core/model/error.hpp"

namespace ca::io {
namespace {

constexpr int kLastColumn = 16383;  // XFD

std::string lead_of(const std::string& element) { return element.substr(0, element.find('<')); }

void check_rows(const TablePatch& patch, std::int64_t last_row) {
    auto require = [&](std::int64_t row, std::int64_t last) {
        if (row < 1 || row > last)
            throw Error("no such row to change; the file may have changed since it was read, so read it again").feature("row " + std::to_string(row));
    };
    for (const RowChange& change : patch.changed) require(change.row, last_row);
    for (std::int64_t row : patch.deleted) require(row, last_row);
    if (patch.insert_before != 0) require(patch.insert_before, last_row + 1);
}

XmlRow& row_numbered(SheetXml& sheet, std::int64_t number) {
    const auto at = std::lower_bound(sheet.rows.begin(), sheet.rows.end(), number, [](const XmlRow& r, std::int64_t n) { return r.number < n; });
    if (at != sheet.rows.end() && at->number == number) return *at;
    XmlRow row;
    row.number = number;
    row.open = "<" + sheet.ns + "row r=\"" + std::to_string(number) + "\">";
    return *sheet.rows.insert(at, std::move(row));
}

void set_cell(SheetXml& sheet, XmlRow& row, int col, const model::Value& value) {
    const auto at = std::lower_bound(row.cells.begin(), row.cells.end(), col, [](const XmlCell& c, int n) { return c.col < n; });
    if (at != row.cells.end() && at->col == col) {
        at->xml = lead_of(at->xml) + cell_with_value(start_tag(at->xml), value, sheet.ns);
        return;
    }
    const std::string tag = "<" + sheet.ns + "c r=\"" + column_name(col) + std::to_string(row.number) + "\">";
    row.cells.insert(at, XmlCell{col, cell_with_value(tag, value, sheet.ns)});
    // spans ("1:8") is a hint of the row's columns that a new cell may lie outside of.
    const std::string open = start_tag(row.open);
    row.open = xml_remove_attribute(open, "spans") + row.open.substr(open.size());
}

// Shared formulas name one master cell; once rows move, each cell gets its own formula.
void expand_shared_formulas(SheetXml& sheet) {
    struct Master {
        std::int64_t row;
        int col;
        std::string text;
    };
    std::map<std::string, Master> masters;
    for (const XmlRow& row : sheet.rows)
        for (const XmlCell& cell : row.cells) {
            const std::string tag = formula_tag(cell, sheet.ns);
            const auto text = cell_formula(cell, sheet.ns);
            if (text && !text->empty() && xml_attribute(tag, "t") == "shared") masters[xml_attribute(tag, "si").value_or("")] = {row.number, cell.col, *text};
        }
    for (XmlRow& row : sheet.rows)
        for (XmlCell& cell : row.cells) {
            const std::string tag = formula_tag(cell, sheet.ns);
            if (xml_attribute(tag, "t") != "shared") continue;
            const auto master = masters.find(xml_attribute(tag, "si").value_or(""));
            if (master == masters.end()) continue;
            const Master& m = master->second;
            cell.xml = with_formula(cell, sheet.ns, shift_formula(m.text, row.number - m.row, cell.col - m.col));
        }
}

// A row that moves always gets its r, even where it had none: its place no longer gives it.
void renumber(XmlRow& row, std::int64_t number) {
    row.number = number;
    const std::string tag = start_tag(row.open);
    row.open = xml_set_attribute(tag, "r", std::to_string(number)) + row.open.substr(tag.size());
    for (XmlCell& cell : row.cells) {
        const std::string cell_tag = start_tag(cell.xml);
        if (!xml_attribute(cell_tag, "r")) continue;
        const std::size_t lt = cell.xml.find('<');
        cell.xml = cell.xml.substr(0, lt) + xml_set_attribute(cell_tag, "r", column_name(cell.col) + std::to_string(number)) +
                   cell.xml.substr(lt + cell_tag.size());
    }
}

// Deleted rows go, the others take their new numbers (rows without r keep none: their place
// gives their number, and every row before them moves alike).
void move_rows(SheetXml& sheet, const RowMap& map) {
    std::vector<XmlRow> kept;
    for (XmlRow& row : sheet.rows) {
        const auto number = map.row(row.number);
        if (!number) continue;
        if (*number != row.number) renumber(row, *number);
        kept.push_back(std::move(row));
    }
    sheet.rows = std::move(kept);
}

// New rows in their place, each cell styled as the cell above it in the row above (borders and
// number formats as the rows the user typed).
void add_rows(SheetXml& sheet, const RowMap& map, const std::vector<std::vector<model::Value>>& added) {
    const XmlRow* above = nullptr;
    for (const XmlRow& row : sheet.rows)
        if (row.number < map.first_added_row()) above = &row;
    std::map<int, std::string> styles;
    if (above)
        for (const XmlCell& cell : above->cells)
            if (const auto s = xml_attribute(start_tag(cell.xml), "s")) styles[cell.col] = *s;
    std::vector<XmlRow> rows;
    for (std::size_t i = 0; i < added.size(); ++i) {
        XmlRow row;
        row.number = map.first_added_row() + static_cast<std::int64_t>(i);
        row.open = "<" + sheet.ns + "row r=\"" + std::to_string(row.number) + "\">";
        for (std::size_t c = 0; c < added[i].size(); ++c) {
            const int col = static_cast<int>(c);
            std::string tag = "<" + sheet.ns + "c r=\"" + column_name(col) + std::to_string(row.number) + "\">";
            if (styles.count(col)) tag = xml_set_attribute(tag, "s", styles[col]);
            if (!model::is_null(added[i][c]) || styles.count(col)) row.cells.push_back({col, cell_with_value(tag, added[i][c], sheet.ns)});
        }
        rows.push_back(std::move(row));
    }
    const auto at = std::lower_bound(sheet.rows.begin(), sheet.rows.end(), map.first_added_row(),
                                     [](const XmlRow& r, std::int64_t n) { return r.number < n; });
    sheet.rows.insert(at, std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
}

bool overlaps(const Area& a, const Area& b) {
    return a.first_row <= b.last_row && b.first_row <= a.last_row && a.first_col <= b.last_col && b.first_col <= a.last_col;
}

// Formulas follow the rows; a formula whose text changed or that reads an edited cell (or a
// formula that does, and so on) loses its cached value. Returns whether any did.
bool update_formulas(SheetXml& sheet, const RowMap& map, const std::string& name, std::vector<Area>& edited) {
    struct Formula {
        XmlCell* cell;
        std::int64_t row;
        std::vector<Area> reads;
        bool stale;
        bool done = false;
    };
    std::vector<Formula> formulas;
    for (XmlRow& row : sheet.rows)
        for (XmlCell& cell : row.cells) {
            const auto text = cell_formula(cell, sheet.ns);
            if (!text || text->empty()) continue;
            Formula f{&cell, row.number, {}, false};
            const std::string moved = map_formula(*text, map, name, true, &f.reads);
            if (moved != *text) cell.xml = with_formula(cell, sheet.ns, moved), f.stale = true;
            formulas.push_back(std::move(f));
        }
    bool any = false;
    for (bool grew = true; grew;) {
        grew = false;
        for (Formula& f : formulas) {
            if (!f.stale && std::none_of(f.reads.begin(), f.reads.end(), [&](const Area& r) {
                    return std::any_of(edited.begin(), edited.end(), [&](const Area& e) { return overlaps(r, e); });
                }))
                continue;
            if (f.done) continue;
            f.cell->xml = without_cached_value(*f.cell, sheet.ns);
            edited.push_back({f.row, f.row, f.cell->col, f.cell->col});
            f.done = grew = any = true;
        }
    }
    return any;
}

// The dimension after the edit: the rows and columns that hold anything.
std::string dimension(const SheetXml& sheet) {
    std::int64_t first_row = 0, last_row = 0;
    int first_col = kLastColumn, last_col = 0;
    for (const XmlRow& row : sheet.rows) {
        if (row.cells.empty()) continue;
        if (first_row == 0) first_row = row.number;
        last_row = row.number;
        first_col = std::min(first_col, row.cells.front().col), last_col = std::max(last_col, row.cells.back().col);
    }
    if (first_row == 0) return "A1";
    const std::string first = column_name(first_col) + std::to_string(first_row), last = column_name(last_col) + std::to_string(last_row);
    return first == last ? first : first + ":" + last;
}

// The element's name without its namespace prefix.
std::string local_name(std::string_view tag) {
    std::size_t end = 1;
    while (end < tag.size() && tag[end] != ' ' && tag[end] != '>' && tag[end] != '/' && tag[end] != '\n' && tag[end] != '\t') ++end;
    const std::string name(tag.substr(1, end - 1));
    const std::size_t colon = name.find(':');
    return colon == std::string::npos ? name : name.substr(colon + 1);
}

// The references in the attributes of the part outside sheetData: merges (a merge left with
// one cell goes), the dimension, selections, panes, hyperlinks, filters, conditional formats and
// validations (these two grow with rows added at their end, as formulas do).
std::string move_refs_outside_data(const std::string& text, const SheetXml& sheet, const RowMap& map) {
    std::string out;
    int merges_removed = 0;
    std::size_t i = 0;
    for (std::size_t at = text.find('<'); at != std::string::npos; at = text.find('<', i)) {
        const std::size_t end = xml_tag_end(text, at);
        if (end == std::string::npos) break;
        out.append(text, i, at - i);
        i = end;
        std::string tag = text.substr(at, end - at);
        const std::string name = local_name(tag);
        const bool extend = name == "conditionalFormatting" || name == "dataValidation";
        if (name == "dimension") {
            tag = xml_set_attribute(tag, "ref", dimension(sheet));
        } else if (name == "mergeCell") {
            const std::string moved = map_ref_list(xml_attribute(tag, "ref").value_or(""), map, false);
            if (moved.empty() || moved.find(':') == std::string::npos) {
                ++merges_removed;
                continue;
            }
            tag = xml_set_attribute(tag, "ref", moved);
        } else {
            for (const char* attribute : {"ref", "sqref", "activeCell", "topLeftCell"}) {
                const auto refs = xml_attribute(tag, attribute);
                if (!refs) continue;
                const std::string moved = map_ref_list(*refs, map, extend);
                if (!moved.empty() && moved != *refs) tag = xml_set_attribute(tag, attribute, moved);
            }
        }
        out += tag;
    }
    out.append(text, i);
    if (merges_removed == 0) return out;
    const std::size_t merges = xml_find_tag(out, sheet.ns + "mergeCells", 0);
    if (merges == std::string::npos) return out;
    const std::size_t merges_end = xml_tag_end(out, merges);
    const int count = std::stoi(xml_attribute(out.substr(merges, merges_end - merges), "count").value_or("0")) - merges_removed;
    if (count > 0) return out.substr(0, merges) + xml_set_attribute(out.substr(merges, merges_end - merges), "count", std::to_string(count)) + out.substr(merges_end);
    const std::string close = "</" + sheet.ns + "mergeCells>";  // no merge left: no mergeCells, which Excel would refuse empty
    const std::size_t close_at = out.find(close, merges_end);
    return close_at == std::string::npos ? out : out.substr(0, merges) + out.substr(close_at + close.size());
}

}  // namespace

SheetPatchResult patch_sheet_xml(std::string_view xml, const std::string& sheet_name, const TablePatch& patch) {
    SheetXml sheet = parse_sheet_xml(xml);
    std::int64_t last_row = 0;
    for (const XmlRow& row : sheet.rows) last_row = std::max(last_row, row.number);
    check_rows(patch, last_row);
    const RowMap map({patch.deleted.begin(), patch.deleted.end()}, patch.insert_before, static_cast<std::int64_t>(patch.added.size()), last_row);
    if (map.moves_rows()) expand_shared_formulas(sheet);
    std::vector<Area> edited;
    for (const RowChange& change : patch.changed) {
        XmlRow& row = row_numbered(sheet, change.row);
        for (const auto& [col, value] : change.cells) {
            if (col < 0 || col > kLastColumn) throw Error("no such column to change").feature("row " + std::to_string(change.row));
            set_cell(sheet, row, col, value);
            if (const auto moved = map.row(change.row)) edited.push_back({*moved, *moved, col, col});
        }
    }
    move_rows(sheet, map);
    if (!patch.added.empty()) {
        add_rows(sheet, map, patch.added);
        edited.push_back({map.first_added_row(), map.first_added_row() + map.added() - 1, 0, kLastColumn});
    }
    const bool recalculate = update_formulas(sheet, map, sheet_name, edited);
    if (map.moves_rows() || !patch.added.empty()) {
        sheet.head = move_refs_outside_data(sheet.head, sheet, map);
        sheet.foot = move_refs_outside_data(sheet.foot, sheet, map);
    }
    return {sheet_xml_text(sheet), map, std::move(edited), recalculate};
}

std::string move_refs_to_sheet(std::string_view xml, const std::string& sheet_name, const SheetPatchResult& patched, bool& recalculate) {
    if (xml.find("sheetData") == std::string_view::npos) return std::string(xml);  // a chart sheet: no cells
    SheetXml sheet = parse_sheet_xml(xml);
    bool changed = false;
    for (XmlRow& row : sheet.rows)
        for (XmlCell& cell : row.cells) {
            const auto text = cell_formula(cell, sheet.ns);
            if (!text || text->empty()) continue;
            std::vector<Area> reads;
            const std::string moved = map_formula(*text, patched.map, sheet_name, false, &reads);
            const bool reads_edited = std::any_of(reads.begin(), reads.end(), [&](const Area& r) {
                return std::any_of(patched.edited.begin(), patched.edited.end(), [&](const Area& e) { return overlaps(r, e); });
            });
            if (moved == *text && !reads_edited) continue;
            if (moved != *text) cell.xml = with_formula(cell, sheet.ns, moved);
            cell.xml = without_cached_value(cell, sheet.ns);
            changed = recalculate = true;
        }
    return changed ? sheet_xml_text(sheet) : std::string(xml);
}

}  // namespace ca::io
