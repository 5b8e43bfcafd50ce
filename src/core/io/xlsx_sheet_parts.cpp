// Tables, comments and comment shapes of a worksheet moved with its rows (see the header).
#include "core/io/xlsx_sheet_parts.hpp"

#include <algorithm>
#include <sstream>

#include "core/io/xml_text.hpp"

namespace ca::io {
namespace {

ZipPart* find_part(std::vector<ZipPart>& parts, const std::string& name) {
    const auto at = std::find_if(parts.begin(), parts.end(), [&](const ZipPart& p) { return p.name == name; });
    return at == parts.end() ? nullptr : &*at;
}

// Every ref attribute of the part (a table's and its autoFilter's), growing with added rows.
std::string move_table(const std::string& xml, const RowMap& map) {
    std::string out;
    std::size_t i = 0;
    for (std::size_t at = xml.find('<'); at != std::string::npos; at = xml.find('<', i)) {
        const std::size_t end = xml_tag_end(xml, at);
        if (end == std::string::npos) break;
        std::string tag = xml.substr(at, end - at);
        if (const auto ref = xml_attribute(tag, "ref")) {
            const std::string moved = map_ref_list(*ref, map, true);
            if (!moved.empty() && moved != *ref) tag = xml_set_attribute(tag, "ref", moved);
        }
        out += xml.substr(i, at - i) + tag;
        i = end;
    }
    return out + xml.substr(i);
}

// Calls `edit` on each element <name ...>...</name> of `xml`; it returns the new text ("" drops it).
template <class Edit>
std::string edit_elements(const std::string& xml, const std::string& name, Edit edit) {
    std::string out;
    std::size_t i = 0;
    const std::string close = "</" + name + ">";
    for (std::size_t at = xml_find_tag(xml, name, 0); at != std::string::npos; at = xml_find_tag(xml, name, i)) {
        const std::size_t end = xml.find(close, at);
        if (end == std::string::npos) break;
        out += xml.substr(i, at - i) + edit(xml.substr(at, end + close.size() - at));
        i = end + close.size();
    }
    return out + xml.substr(i);
}

// <comment ref> (or Excel 365's <threadedComment ref>): moved, or gone with its row.
std::string move_comments(const std::string& xml, const std::string& element, const RowMap& map) {
    return edit_elements(xml, element, [&](const std::string& comment) -> std::string {
        const std::string tag = comment.substr(0, xml_tag_end(comment, 0));
        const std::string moved = map_ref_list(xml_attribute(tag, "ref").value_or(""), map, false);
        if (moved.empty()) return {};
        return xml_set_attribute(tag, "ref", moved) + comment.substr(tag.size());
    });
}

// A comment's shape: <x:Row> (from 0) names its cell; <x:Anchor>'s third and seventh numbers
// are the rows of its box's corners, which move as much as its cell. "" when its row is deleted.
std::string move_shape(std::string shape, const RowMap& map) {
    const std::size_t row_at = shape.find("<x:Row>");
    if (row_at == std::string::npos) return shape;
    const std::size_t digits = row_at + 7, row_end = shape.find("</x:Row>", digits);
    const std::int64_t old_row = std::stoll(shape.substr(digits, row_end - digits)) + 1;
    const auto new_row = map.row(old_row);
    if (!new_row) return {};
    const std::int64_t by = *new_row - old_row;
    shape.replace(digits, row_end - digits, std::to_string(*new_row - 1));
    const std::size_t anchor_at = shape.find("<x:Anchor>"), anchor_end = shape.find("</x:Anchor>");
    if (by == 0 || anchor_at == std::string::npos || anchor_end == std::string::npos) return shape;
    std::istringstream numbers(shape.substr(anchor_at + 10, anchor_end - anchor_at - 10));
    std::string anchor, number;
    for (int k = 0; std::getline(numbers, number, ','); ++k) {
        const std::int64_t n = std::stoll(number) + (k == 2 || k == 6 ? by : 0);
        anchor += (k ? ", " : "") + std::to_string(n);
    }
    return shape.replace(anchor_at + 10, anchor_end - anchor_at - 10, anchor);
}

std::string move_vml(const std::string& xml, const RowMap& map) {
    return edit_elements(xml, "v:shape", [&](std::string shape) -> std::string {
        try {
            return move_shape(shape, map);
        } catch (const std::exception&) {
            return shape;  // numbers we cannot read: the shape stays as it was
        }
    });
}

}  // namespace

std::string resolve_part(const std::string& folder, const std::string& target) {
    if (target.rfind('/', 0) == 0) return target.substr(1);
    std::vector<std::string> names;
    std::istringstream pieces(folder + "/" + target);
    for (std::string piece; std::getline(pieces, piece, '/');) {
        if (piece == "..") {
            if (!names.empty()) names.pop_back();
        } else if (!piece.empty() && piece != ".") {
            names.push_back(piece);
        }
    }
    std::string path;
    for (const auto& name : names) path += (path.empty() ? "" : "/") + name;
    return path;
}

void move_sheet_parts(std::vector<ZipPart>& parts, const std::string& sheet_part, const RowMap& map) {
    const std::size_t slash = sheet_part.rfind('/');
    const std::string folder = slash == std::string::npos ? std::string() : sheet_part.substr(0, slash);
    const ZipPart* rels = find_part(parts, folder + "/_rels/" + sheet_part.substr(slash + 1) + ".rels");
    if (!rels) return;
    const std::string rels_xml = rels->bytes;  // parts may be edited below; the list is read first
    for (std::size_t at = xml_find_tag(rels_xml, "Relationship", 0); at != std::string::npos; at = xml_find_tag(rels_xml, "Relationship", at + 2)) {
        const std::string tag = rels_xml.substr(at, xml_tag_end(rels_xml, at) - at);
        if (xml_attribute(tag, "TargetMode") == "External") continue;
        const std::string type = xml_attribute(tag, "Type").value_or("");
        ZipPart* part = find_part(parts, resolve_part(folder, xml_attribute(tag, "Target").value_or("")));
        if (!part) continue;
        auto ends_with = [&](const std::string& suffix) { return type.size() >= suffix.size() && type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0; };
        if (ends_with("/table")) part->bytes = move_table(part->bytes, map);
        else if (ends_with("/comments")) part->bytes = move_comments(part->bytes, "comment", map);
        else if (ends_with("/threadedComment")) part->bytes = move_comments(part->bytes, "threadedComment", map);
        else if (ends_with("/vmlDrawing")) part->bytes = move_vml(part->bytes, map);
    }
}

}  // namespace ca::io
