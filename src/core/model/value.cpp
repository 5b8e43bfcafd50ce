// Reading attribute values as numbers, degrees or text, as people type them into spreadsheets.
#include "core/model/value.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include "core/model/text.hpp"

namespace ca::model {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Removes a unit written after the number, trying the longer spelling first.
NumberUnit strip_unit(std::string& s) {
    static constexpr std::array<std::pair<std::string_view, NumberUnit>, 3> kSuffixes = {
        {{"万元", NumberUnit::Wan}, {"万", NumberUnit::Wan}, {"元", NumberUnit::Yuan}}};
    for (const auto& [suffix, unit] : kSuffixes) {
        if (s.size() > suffix.size() && ends_with(s, suffix)) {
            s = normalize_text(s.substr(0, s.size() - suffix.size()));
            return unit;
        }
    }
    return NumberUnit::None;
}

// "1,234.5" -> "1234.5", but only when the commas separate groups of three digits in the whole
// part: "1,2" or "12,50" (a decimal comma?) would be read wrongly, so they are not numbers.
bool drop_thousands_separators(std::string& s) {
    const std::size_t start = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    std::size_t end = s.find_first_of(".eE", start);
    if (end == std::string::npos) end = s.size();
    if (s.find(',', end) != std::string::npos) return false;  // a comma after the point
    const std::size_t first_comma = s.find(',', start);
    if (first_comma == std::string::npos) return true;
    if (first_comma == start || first_comma - start > 3) return false;
    std::size_t digits_in_group = 0;
    for (std::size_t i = first_comma + 1; i < end; ++i) {
        if (s[i] == ',') {
            if (digits_in_group != 3) return false;
            digits_in_group = 0;
        } else if (is_digit(s[i])) {
            ++digits_in_group;
        } else {
            return false;
        }
    }
    if (digits_in_group != 3) return false;
    std::string out;
    for (char c : s)
        if (c != ',') out += c;
    s = std::move(out);
    return true;
}

// Digits with an optional sign, point and exponent, and nothing else: from_chars alone also
// takes "nan", "inf" and hex-like forms.
bool plain_decimal(std::string_view s) {
    std::size_t i = s.size() > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    std::size_t digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i, ++digits;
    }
    if (digits == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        std::size_t exponent_digits = 0;
        while (i < s.size() && is_digit(s[i])) ++i, ++exponent_digits;
        if (exponent_digits == 0) return false;
    }
    return i == s.size();
}

std::optional<double> read_decimal(std::string s) {
    if (!drop_thousands_separators(s) || !plain_decimal(s)) return std::nullopt;
    if (s[0] == '+') s.erase(0, 1);
    double result = 0;
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, result);
    if (ec != std::errc() || ptr != end || !std::isfinite(result)) return std::nullopt;
    return result;
}

// Takes a hemisphere off the front or back: "N25°40'", "101.3E", "东经101°", "南纬25度".
int strip_hemisphere(std::string& s) {
    static constexpr std::array<std::pair<std::string_view, int>, 4> kChinese = {
        {{"东经", 1}, {"北纬", 1}, {"西经", -1}, {"南纬", -1}}};
    for (const auto& [prefix, sign] : kChinese) {
        if (s.compare(0, prefix.size(), prefix) == 0) {
            s = normalize_text(s.substr(prefix.size()));
            return sign;
        }
    }
    auto sign_of = [](char c) {
        switch (c) {
            case 'N': case 'n': case 'E': case 'e': return 1;
            case 'S': case 's': case 'W': case 'w': return -1;
            default: return 0;
        }
    };
    if (s.size() > 1) {
        if (const int sign = sign_of(s.back())) {
            s = normalize_text(s.substr(0, s.size() - 1));
            return sign;
        }
        if (const int sign = sign_of(s.front())) {
            s = normalize_text(s.substr(1));
            return sign;
        }
    }
    return 1;
}

// Which part of a degrees-minutes-seconds string a marker closes: 0 degrees, 1 minutes, 2 seconds.
int dms_marker(std::string_view s, std::size_t& i) {
    // Longer markers first: two apostrophes are seconds typed without the ″ key.
    static constexpr std::array<std::pair<std::string_view, int>, 13> kMarkers = {{
        {"''", 2}, {"°", 0}, {"º", 0}, {"˚", 0}, {"度", 0},
        {"′", 1}, {"'", 1}, {"’", 1}, {"分", 1},
        {"″", 2}, {"\"", 2}, {"”", 2}, {"秒", 2},
    }};
    for (const auto& [marker, part] : kMarkers) {
        if (s.compare(i, marker.size(), marker) == 0) {
            i += marker.size();
            return part;
        }
    }
    return -1;
}

std::optional<double> read_dms(std::string_view s) {
    std::array<double, 3> parts = {0, 0, 0};
    int last_part = -1;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        const std::size_t start = i;
        while (i < s.size() && (is_digit(s[i]) || s[i] == '.')) ++i;
        if (i == start) return std::nullopt;
        const auto number = read_decimal(std::string(s.substr(start, i - start)));
        while (i < s.size() && s[i] == ' ') ++i;
        const int part = dms_marker(s, i);
        if (!number || part <= last_part) return std::nullopt;  // parts in order, each once
        parts[static_cast<std::size_t>(part)] = *number;
        last_part = part;
    }
    if (last_part < 0 || parts[1] >= 60 || parts[2] >= 60) return std::nullopt;
    return parts[0] + parts[1] / 60 + parts[2] / 3600;
}

}  // namespace

double unit_factor(NumberUnit unit) { return unit == NumberUnit::Wan ? 10000.0 : 1.0; }

double in_field_unit(const ParsedNumber& number, double field_scale) {
    if (number.unit == NumberUnit::None) return number.value;
    return number.value * unit_factor(number.unit) / field_scale;
}

std::optional<ParsedNumber> parse_number(std::string_view text) {
    std::string s = normalize_text(text);
    ParsedNumber parsed;
    parsed.unit = strip_unit(s);
    if (s.empty()) return std::nullopt;
    const auto value = read_decimal(s);
    if (!value) return std::nullopt;
    parsed.value = *value;
    return parsed;
}

std::optional<double> to_number(const Value& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&value)) {
        if (std::isfinite(*d)) return *d;
        return std::nullopt;
    }
    if (const auto* s = std::get_if<std::string>(&value)) {
        const auto parsed = parse_number(*s);
        if (!parsed) return std::nullopt;
        const double result = parsed->value * unit_factor(parsed->unit);
        if (!std::isfinite(result)) return std::nullopt;
        return result;
    }
    return std::nullopt;
}

std::optional<double> to_degrees(const Value& value) {
    const auto* text = std::get_if<std::string>(&value);
    if (!text) return to_number(value);
    std::string s = normalize_text(*text);
    const int sign = strip_hemisphere(s);
    if (const auto plain = read_decimal(s)) return sign * *plain;
    if (const auto dms = read_dms(s)) return sign * *dms;
    return std::nullopt;
}

std::string to_text(const Value& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value)) {
        char buffer[32];
        auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, *d);
        return ec == std::errc() ? std::string(buffer, ptr) : std::string();
    }
    if (const auto* s = std::get_if<std::string>(&value)) return *s;
    return {};
}

}  // namespace ca::model
