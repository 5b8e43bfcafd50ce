// patch_xlsx: the workbook's zip read part by part, the named sheet's part patched as text
// (xlsx_sheet_patch), references to it elsewhere moved, and a new zip written in its place
// through a temporary file. Parts the patch does not concern are copied byte for byte.
#include <algorithm>

#include "core/io/table_patch.hpp"
#include "core/io/xlsx_sheet_parts.hpp"
#include "core/io/xlsx_sheet_patch.hpp"
#include "core/io/xlsx_zip.hpp"
#include "core/io/xml_text.hpp"
#include "core/model/error.hpp"
#include "core/model/layer.hpp"
#include "core/model/safe_write.hpp"

namespace ca::io {
namespace {

constexpr const char* kWorkbook = "xl/workbook.xml";

ZipPart* find_part(std::vector<ZipPart>& parts, const std::string& name) {
    const auto at = std::find_if(parts.begin(), parts.end(), [&](const ZipPart& p) { return p.name == name; });
    return at == parts.end() ? nullptr : &*at;
}

// The start tags whose name, without a namespace prefix, is `local` ("sheet", "Relationship").
std::vector<std::string> tags_named(const std::string& xml, const std::string& local) {
    std::vector<std::string> found;
    for (std::size_t at = xml.find('<'); at != std::string::npos; at = xml.find('<', at + 1)) {
        std::size_t end = at + 1;
        while (end < xml.size() && xml[end] != ' ' && xml[end] != '>' && xml[end] != '/') ++end;
        const std::string name = xml.substr(at + 1, end - at - 1);
        const std::size_t colon = name.find(':');
        if ((colon == std::string::npos ? name : name.substr(colon + 1)) != local) continue;
        found.push_back(xml.substr(at, xml_tag_end(xml, at) - at));
    }
    return found;
}

// The relationship id attribute of a <sheet>: r:id, whatever the prefix is called.
std::string relationship_id(const std::string& tag) {
    for (const char* name : {"r:id", "relationships:id"})
        if (const auto id = xml_attribute(tag, name)) return *id;
    const std::size_t at = tag.find(":id=\"");
    return at == std::string::npos ? std::string() : tag.substr(at + 5, tag.find('"', at + 5) - at - 5);
}

struct SheetPart {
    std::string name;  // as the workbook names the sheet
    std::string part;  // "xl/worksheets/sheet1.xml"
};

// The sheets in the workbook's order with their parts: workbook.xml's <sheet name r:id>, and
// the Target the workbook's relationships give that id (relative to xl/, or absolute from /).
std::vector<SheetPart> workbook_sheets(std::vector<ZipPart>& parts, const std::string& file) {
    const ZipPart* workbook = find_part(parts, kWorkbook);
    const ZipPart* rels = find_part(parts, "xl/_rels/workbook.xml.rels");
    if (!workbook || !rels) throw Error("is not an Excel workbook as Excel writes one (no xl/workbook.xml)").file(file);
    std::vector<SheetPart> sheets;
    const auto relationships = tags_named(rels->bytes, "Relationship");
    for (const std::string& tag : tags_named(workbook->bytes, "sheet")) {
        const std::string id = relationship_id(tag);
        for (const std::string& rel : relationships) {
            if (xml_attribute(rel, "Id") != id) continue;
            const std::string target = xml_attribute(rel, "Target").value_or("");
            sheets.push_back({xml_attribute(tag, "name").value_or(""), resolve_part("xl", target)});
        }
    }
    return sheets;
}

// Excel recomputes every formula when it opens the workbook: <calcPr fullCalcOnLoad="1"/>,
// placed where the schema has it (after sheets, externalReferences and definedNames).
std::string with_full_calc_on_load(const std::string& workbook) {
    const auto calc = tags_named(workbook, "calcPr");
    if (!calc.empty()) {
        const std::size_t at = workbook.find(calc.front());
        return workbook.substr(0, at) + xml_set_attribute(calc.front(), "fullCalcOnLoad", "1") + workbook.substr(at + calc.front().size());
    }
    const std::size_t sheets = workbook.find("sheets>");
    if (sheets == std::string::npos) return workbook;
    const std::size_t lt = workbook.rfind('<', sheets);
    const std::string ns = workbook.substr(lt + 1, sheets - lt - 1).substr(workbook[lt + 1] == '/' ? 1 : 0);
    std::size_t after = std::string::npos;
    for (const char* element : {"definedNames", "externalReferences", "sheets"}) {
        const std::string close = "</" + ns + element + ">";
        if (const std::size_t at = workbook.find(close); at != std::string::npos) {
            after = at + close.size();
            break;
        }
    }
    if (after == std::string::npos) return workbook;
    return workbook.substr(0, after) + "<" + ns + "calcPr fullCalcOnLoad=\"1\"/>" + workbook.substr(after);
}

// definedNames (print areas, names) that point into the sheet follow its rows.
std::string move_defined_names(const std::string& workbook, const std::string& sheet, const RowMap& map) {
    std::string out;
    std::size_t i = 0;
    for (const std::string& tag : tags_named(workbook, "definedName")) {
        const std::size_t at = workbook.find(tag, i);
        const std::size_t text_start = at + tag.size();
        const std::size_t text_end = workbook.find("</", text_start);
        if (xml_self_closed(tag) || text_end == std::string::npos) continue;
        const std::string text = xml_unescape(workbook.substr(text_start, text_end - text_start));
        const std::string moved = map_formula(text, map, sheet, false);
        out += workbook.substr(i, text_start - i) + (moved == text ? workbook.substr(text_start, text_end - text_start) : xml_escape_text(moved));
        i = text_end;
    }
    return out + workbook.substr(i);
}

// xl/calcChain.xml lists formula cells by reference; once they move it would be wrong, and Excel
// rebuilds a missing one, so it goes with its relationship and content type.
void drop_calc_chain(std::vector<ZipPart>& parts) {
    parts.erase(std::remove_if(parts.begin(), parts.end(), [](const ZipPart& p) { return p.name == "xl/calcChain.xml"; }), parts.end());
    auto remove_tags = [](std::string& xml, const std::string& local, const std::string& needle) {
        for (const std::string& tag : tags_named(xml, local))
            if (tag.find(needle) != std::string::npos) xml.erase(xml.find(tag), tag.size());
    };
    if (ZipPart* rels = find_part(parts, "xl/_rels/workbook.xml.rels")) remove_tags(rels->bytes, "Relationship", "calcChain");
    if (ZipPart* types = find_part(parts, "[Content_Types].xml")) remove_tags(types->bytes, "Override", "calcChain");
}

}  // namespace

void patch_xlsx(const std::string& path, const std::string& sheet, const TablePatch& patch) {
    const std::string file = model::file_name(path);
    std::vector<ZipPart> parts = read_zip_parts(path);
    const std::vector<SheetPart> sheets = workbook_sheets(parts, file);
    const auto target = std::find_if(sheets.begin(), sheets.end(), [&](const SheetPart& s) { return s.name == sheet; });
    ZipPart* part = target == sheets.end() ? nullptr : find_part(parts, target->part);
    if (!part) throw Error("has no sheet \"" + sheet + "\" to save into; was it renamed since the file was read?").file(file);
    try {
        SheetPatchResult result = patch_sheet_xml(part->bytes, sheet, patch);
        part->bytes = std::move(result.xml);
        bool recalculate = result.recalculate;
        for (const SheetPart& other : sheets)
            if (other.name != sheet)
                if (ZipPart* p = find_part(parts, other.part)) p->bytes = move_refs_to_sheet(p->bytes, sheet, result, recalculate);
        if (result.map.moves_rows()) {
            move_sheet_parts(parts, target->part, result.map);
            ZipPart* workbook = find_part(parts, kWorkbook);
            workbook->bytes = move_defined_names(workbook->bytes, sheet, result.map);
        }
        if (recalculate || result.map.moves_rows()) drop_calc_chain(parts);
        if (recalculate) {
            ZipPart* workbook = find_part(parts, kWorkbook);
            workbook->bytes = with_full_calc_on_load(workbook->bytes);
        }
    } catch (Error& e) {
        throw e.file(file).layer(sheet);
    }
    model::write_via_temp(path, [&](model::TempFile& out) { out.write(write_zip(parts)); });
}

}  // namespace ca::io
