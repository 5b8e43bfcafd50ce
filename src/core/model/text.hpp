// Text helpers for names typed by people: trimming, full-width forms, case, UTF-8 checks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ca::model {

// Trims ASCII and ideographic spaces and turns full-width ASCII forms (Ａ１（）) into half-width,
// so "  资金（元） " and "资金(元)" compare equal.
std::string normalize_text(std::string_view text);
// normalize_text, then ASCII letters lower-cased: the key under which field names are matched.
std::string fold_key(std::string_view text);
// Decodes one UTF-8 code point at text[i] into `cp`; returns its length, 0 when malformed.
std::size_t decode_utf8(std::string_view text, std::size_t i, std::uint32_t& cp);
void append_utf8(std::string& out, std::uint32_t cp);
bool is_valid_utf8(std::string_view text);
bool ends_with(std::string_view text, std::string_view suffix);
// Line breaks and runs of spaces as one space, ends trimmed: a library's several-line message
// (libpq's "connection to server … failed:\n FATAL: …") as the one line users are shown.
std::string one_line(std::string_view text);

}  // namespace ca::model
