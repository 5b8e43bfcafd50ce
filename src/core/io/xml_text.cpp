// Attribute and entity handling on XML text, for the patches of xlsx_sheet_patch.
#include "core/io/xml_text.hpp"

#include <cstdint>

namespace ca::io {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The span of attribute `name`'s value inside `tag` (after the quote), and its quote.
struct AttributeSpan {
    std::size_t start = std::string_view::npos, value = 0, end = 0;  // start: of the space before the name
};

AttributeSpan find_attribute(std::string_view tag, std::string_view name) {
    std::size_t i = 1;
    while (i < tag.size() && !is_space(tag[i]) && tag[i] != '>' && tag[i] != '/') ++i;  // the element's name
    while (i < tag.size()) {
        const std::size_t space = i;
        while (i < tag.size() && is_space(tag[i])) ++i;
        const std::size_t name_start = i;
        while (i < tag.size() && tag[i] != '=' && !is_space(tag[i]) && tag[i] != '>' && tag[i] != '/') ++i;
        const std::string_view found = tag.substr(name_start, i - name_start);
        while (i < tag.size() && (is_space(tag[i]) || tag[i] == '=')) ++i;
        if (i >= tag.size() || (tag[i] != '"' && tag[i] != '\'')) return {};
        const char quote = tag[i];
        const std::size_t end = tag.find(quote, i + 1);
        if (end == std::string_view::npos) return {};
        if (found == name) return {space, i + 1, end};
        i = end + 1;
    }
    return {};
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18)), out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// &#N; or &#xH; without the & and ;, as a code point; nullopt for anything else.
std::optional<std::uint32_t> character_reference(std::string_view entity) {
    if (entity.size() < 2 || entity[0] != '#') return std::nullopt;
    const bool hex = entity[1] == 'x' || entity[1] == 'X';
    std::uint32_t cp = 0;
    const std::string_view digits = entity.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return std::nullopt;
    for (char c : digits) {
        const int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return std::nullopt;
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    }
    if (cp > 0x10FFFF) return std::nullopt;
    return cp;
}

}  // namespace

std::size_t xml_tag_end(std::string_view xml, std::size_t at) {
    char quote = 0;
    for (std::size_t i = at; i < xml.size(); ++i) {
        if (quote) {
            if (xml[i] == quote) quote = 0;
        } else if (xml[i] == '"' || xml[i] == '\'') {
            quote = xml[i];
        } else if (xml[i] == '>') {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

bool xml_self_closed(std::string_view tag) { return tag.size() >= 2 && tag[tag.size() - 2] == '/'; }

std::size_t xml_find_tag(std::string_view xml, std::string_view name, std::size_t from) {
    for (std::size_t at = xml.find(name, from); at != std::string_view::npos; at = xml.find(name, at + 1)) {
        if (at == 0 || xml[at - 1] != '<') continue;
        const std::size_t after = at + name.size();
        if (after < xml.size() && (is_space(xml[after]) || xml[after] == '>' || xml[after] == '/')) return at - 1;
    }
    return std::string_view::npos;
}

std::optional<std::string> xml_attribute(std::string_view tag, std::string_view name) {
    const AttributeSpan span = find_attribute(tag, name);
    if (span.start == std::string_view::npos) return std::nullopt;
    return xml_unescape(tag.substr(span.value, span.end - span.value));
}

std::string xml_set_attribute(std::string_view tag, std::string_view name, std::string_view value) {
    const AttributeSpan span = find_attribute(tag, name);
    const std::string escaped = xml_escape(value);
    if (span.start != std::string_view::npos)
        return std::string(tag.substr(0, span.value)) + escaped + std::string(tag.substr(span.end));
    // Added last, before '>' or '/>', as Excel orders its own (r, s, t).
    std::size_t end = tag.size() - (xml_self_closed(tag) ? 2 : 1);
    while (end > 0 && is_space(tag[end - 1])) --end;
    return std::string(tag.substr(0, end)) + " " + std::string(name) + "=\"" + escaped + "\"" + std::string(tag.substr(end));
}

std::string xml_remove_attribute(std::string_view tag, std::string_view name) {
    const AttributeSpan span = find_attribute(tag, name);
    if (span.start == std::string_view::npos) return std::string(tag);
    return std::string(tag.substr(0, span.start)) + std::string(tag.substr(span.end + 1));
}

std::string xml_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string xml_escape_text(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

std::string xml_unescape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::size_t semi = text[i] == '&' ? text.find(';', i) : std::string_view::npos;
        if (semi == std::string_view::npos || semi - i > 10) {
            out += text[i];
            continue;
        }
        const std::string_view entity = text.substr(i + 1, semi - i - 1);
        if (entity == "amp") out += '&';
        else if (entity == "lt") out += '<';
        else if (entity == "gt") out += '>';
        else if (entity == "quot") out += '"';
        else if (entity == "apos") out += '\'';
        else if (const auto cp = character_reference(entity)) append_utf8(out, *cp);
        else {
            out += text[i];
            continue;
        }
        i = semi;
    }
    return out;
}

}  // namespace ca::io
