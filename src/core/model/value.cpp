// Reading attribute values as numbers or text.
#include "core/model/value.hpp"

#include <charconv>
#include <cmath>

#include "core/model/text.hpp"

namespace ca::model {

std::optional<double> to_number(const Value& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&value)) {
        if (std::isfinite(*d)) return *d;
        return std::nullopt;
    }
    if (const auto* s = std::get_if<std::string>(&value)) {
        std::string digits;
        for (char c : normalize_text(*s))
            if (c != ',') digits += c;  // thousands separators typed into spreadsheets
        if (digits.empty()) return std::nullopt;
        double result = 0;
        const char* end = digits.data() + digits.size();
        auto [ptr, ec] = std::from_chars(digits.data(), end, result);
        if (ec != std::errc() || ptr != end || !std::isfinite(result)) return std::nullopt;
        return result;
    }
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
