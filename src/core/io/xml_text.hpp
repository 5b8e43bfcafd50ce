// Just enough of XML for patching Office parts as text: find elements, read and set attributes,
// escape and unescape. Parts are rewritten in place, so everything not touched keeps its bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ca::io {

// Where the tag opening at `at` ('<') ends: one past its '>' (quotes respected), or npos.
std::size_t xml_tag_end(std::string_view xml, std::size_t at);
// Whether the tag text ("<c r=\"A1\"/>") closes itself.
bool xml_self_closed(std::string_view tag);
// The position of the next tag named `name` ("c", "x:row") at or after `from`: "<name" followed
// by a space, '>' or '/', so that "c" does not find "<col". npos when none.
std::size_t xml_find_tag(std::string_view xml, std::string_view name, std::size_t from);
// An attribute of a start tag, unescaped; nullopt when absent.
std::optional<std::string> xml_attribute(std::string_view tag, std::string_view name);
// The tag with the attribute set (escaped), replaced where it was or added as the last one.
std::string xml_set_attribute(std::string_view tag, std::string_view name, std::string_view value);
std::string xml_remove_attribute(std::string_view tag, std::string_view name);

std::string xml_escape(std::string_view text);       // & < > " ' as entities: for attribute values
std::string xml_escape_text(std::string_view text);  // & < > only: element text as Excel writes it
std::string xml_unescape(std::string_view text);  // the five entities and &#N; / &#xH;

}  // namespace ca::io
