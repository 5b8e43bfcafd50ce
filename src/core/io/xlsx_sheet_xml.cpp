// Splitting a worksheet's sheetData into rows and cells, and rebuilding cells, as text.
#include "core/io/xlsx_sheet_xml.hpp"

#include <cmath>

#include "core/io/cell_text.hpp"
#include "core/io/xlsx_refs.hpp"
#include "core/io/xml_text.hpp"
#include "core/model/error.hpp"

namespace ca::io {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::size_t skip_space(std::string_view xml, std::size_t at) {
    while (at < xml.size() && is_space(xml[at])) ++at;
    return at;
}

Error malformed(const std::string& what) {
    return Error("the sheet's XML is not as Excel writes it (" + what + "); open and save it in Excel or WPS, then try again");
}

// One <row>: its start tag, its cells, up to and including </row>. Returns where it ends.
std::size_t parse_row(std::string_view xml, std::size_t at, const std::string& ns, XmlRow& row) {
    const std::size_t open_end = xml_tag_end(xml, at);
    if (open_end == std::string_view::npos) throw malformed("a row's tag does not end");
    row.open = std::string(xml.substr(at, open_end - at));
    if (xml_self_closed(row.open)) return open_end;
    const std::string row_close = "</" + ns + "row>";
    int col = -1;
    std::size_t i = open_end;
    while (true) {
        const std::size_t next = skip_space(xml, i);
        if (xml.substr(next, row_close.size()) == row_close) {
            row.tail += std::string(xml.substr(i, next - i));
            return next + row_close.size();
        }
        if (xml_find_tag(xml, ns + "c", next) != next) {  // an extLst or the like: kept as it is
            const std::size_t close = xml.find(row_close, next);
            if (close == std::string_view::npos) throw malformed("a row does not end");
            row.tail += std::string(xml.substr(i, close - i));
            i = close;
            continue;
        }
        const std::size_t tag_end = xml_tag_end(xml, next);
        if (tag_end == std::string_view::npos) throw malformed("a cell's tag does not end");
        std::size_t end = tag_end;
        if (!xml_self_closed(xml.substr(next, tag_end - next))) {
            const std::string cell_close = "</" + ns + "c>";
            end = xml.find(cell_close, tag_end);
            if (end == std::string_view::npos) throw malformed("a cell does not end");
            end += cell_close.size();
        }
        XmlCell cell{0, std::string(xml.substr(i, end - i))};
        const auto r = xml_attribute(xml.substr(next, tag_end - next), "r");
        const auto ref = r ? parse_cell_ref(*r) : std::nullopt;
        cell.col = col = ref ? ref->col : col + 1;
        row.cells.push_back(std::move(cell));
        i = end;
    }
}

// The span of a child element <name ...>...</name> or <name .../> inside a cell; npos when absent.
std::pair<std::size_t, std::size_t> child(std::string_view cell, const std::string& name) {
    const std::size_t at = xml_find_tag(cell, name, 1);
    if (at == std::string_view::npos) return {at, at};
    const std::size_t tag_end = xml_tag_end(cell, at);
    if (tag_end == std::string_view::npos || xml_self_closed(cell.substr(at, tag_end - at))) return {at, tag_end};
    const std::string close = "</" + name + ">";
    const std::size_t end = cell.find(close, tag_end);
    return {at, end == std::string_view::npos ? tag_end : end + close.size()};
}

}  // namespace

SheetXml parse_sheet_xml(std::string_view xml) {
    SheetXml sheet;
    const std::size_t data = xml.find("sheetData");
    if (data == std::string_view::npos || data == 0) throw malformed("no sheetData");
    std::size_t lt = xml.rfind('<', data);
    sheet.ns = std::string(xml.substr(lt + 1, data - lt - 1));
    const std::size_t data_end = xml_tag_end(xml, lt);
    if (data_end == std::string_view::npos) throw malformed("sheetData does not end");
    if (xml_self_closed(xml.substr(lt, data_end - lt))) {
        sheet.self_closed_data = true;
        sheet.head = std::string(xml.substr(0, lt));
        sheet.foot = std::string(xml.substr(data_end));
        return sheet;
    }
    sheet.head = std::string(xml.substr(0, data_end));
    std::size_t i = data_end;
    std::int64_t number = 0;
    while (true) {
        const std::size_t next = skip_space(xml, i);
        if (xml_find_tag(xml, sheet.ns + "row", next) != next) break;
        XmlRow row;
        row.lead = std::string(xml.substr(i, next - i));
        i = parse_row(xml, next, sheet.ns, row);
        const auto r = xml_attribute(start_tag(row.open), "r");
        row.number = number = r ? std::stoll(*r) : number + 1;
        sheet.rows.push_back(std::move(row));
    }
    const std::string close = "</" + sheet.ns + "sheetData>";
    const std::size_t end = xml.find(close, i);
    if (end == std::string_view::npos) throw malformed("sheetData does not end");
    sheet.rows_tail = std::string(xml.substr(i, end - i));
    sheet.foot = std::string(xml.substr(end));
    return sheet;
}

std::string sheet_xml_text(const SheetXml& sheet) {
    std::string out = sheet.head;
    const bool any = !sheet.rows.empty();
    if (sheet.self_closed_data) out += any ? "<" + sheet.ns + "sheetData>" : "<" + sheet.ns + "sheetData/>";
    for (const XmlRow& row : sheet.rows) {
        out += row.lead;
        if (xml_self_closed(row.open) && row.cells.empty() && row.tail.empty()) {
            out += row.open;
            continue;
        }
        std::string open = row.open;
        if (xml_self_closed(open)) open = open.substr(0, open.size() - 2) + ">";
        out += open;
        for (const XmlCell& cell : row.cells) out += cell.xml;
        out += row.tail + "</" + sheet.ns + "row>";
    }
    out += sheet.rows_tail;
    if (sheet.self_closed_data && any) out += "</" + sheet.ns + "sheetData>";
    return out + sheet.foot;
}

std::string start_tag(std::string_view element) {
    const std::size_t lt = element.find('<');
    const std::size_t end = xml_tag_end(element, lt);
    return std::string(element.substr(lt, end == std::string_view::npos ? std::string_view::npos : end - lt));
}

std::optional<std::string> cell_formula(const XmlCell& cell, const std::string& ns) {
    const auto [at, end] = child(cell.xml, ns + "f");
    if (at == std::string_view::npos) return std::nullopt;
    const std::size_t tag_end = xml_tag_end(cell.xml, at);
    if (xml_self_closed(std::string_view(cell.xml).substr(at, tag_end - at))) return std::string();
    const std::size_t close = end - (ns.size() + 4);  // before </f>
    return xml_unescape(std::string_view(cell.xml).substr(tag_end, close - tag_end));
}

std::string formula_tag(const XmlCell& cell, const std::string& ns) {
    const auto [at, end] = child(cell.xml, ns + "f");
    if (at == std::string_view::npos) return {};
    return cell.xml.substr(at, xml_tag_end(cell.xml, at) - at);
}

std::string with_formula(const XmlCell& cell, const std::string& ns, std::string_view text) {
    const auto [at, end] = child(cell.xml, ns + "f");
    if (at == std::string_view::npos) return cell.xml;
    std::string tag = xml_remove_attribute(xml_remove_attribute(xml_remove_attribute(formula_tag(cell, ns), "t"), "si"), "ref");
    if (xml_self_closed(tag)) tag = tag.substr(0, tag.size() - 2) + ">";
    return cell.xml.substr(0, at) + tag + xml_escape_text(text) + "</" + ns + "f>" + cell.xml.substr(end);
}

std::string without_cached_value(const XmlCell& cell, const std::string& ns) {
    const std::size_t lt = cell.xml.find('<');
    const std::string tag = start_tag(cell.xml);
    std::string out = cell.xml.substr(0, lt) + xml_remove_attribute(tag, "t") + cell.xml.substr(lt + tag.size());
    const auto [at, end] = child(out, ns + "v");
    if (at != std::string_view::npos) out.erase(at, end - at);
    return out;
}

std::string cell_with_value(std::string_view tag_text, const model::Value& value, const std::string& ns) {
    std::string tag = xml_remove_attribute(tag_text, "t");
    if (xml_self_closed(tag)) tag = tag.substr(0, tag.size() - 2);
    else tag.pop_back();
    while (!tag.empty() && is_space(tag.back())) tag.pop_back();
    const std::string close = "</" + ns + "c>";
    const double* d = std::get_if<double>(&value);
    if (model::is_null(value) || (d && !std::isfinite(*d))) return tag + "/>";
    if (d || std::holds_alternative<std::int64_t>(value)) return tag + "><" + ns + "v>" + cell_text(value) + "</" + ns + "v>" + close;
    const std::string text = cell_text(value);
    const bool keep_spaces = !text.empty() && (is_space(text.front()) || is_space(text.back()) || text.find('\n') != std::string::npos);
    return xml_set_attribute(tag + ">", "t", "inlineStr") + "<" + ns + "is><" + ns + "t" + (keep_spaces ? " xml:space=\"preserve\"" : "") + ">" +
           xml_escape_text(text) + "</" + ns + "t></" + ns + "is>" + close;
}

}  // namespace ca::io
