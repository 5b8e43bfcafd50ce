// One attribute value as read from any source, and its readings as number or text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace ca::model {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

// A number from a numeric value or from text such as " 1,234.5 " (spreadsheets store both).
std::optional<double> to_number(const Value& value);
std::string to_text(const Value& value);
inline bool is_null(const Value& value) { return std::holds_alternative<std::monostate>(value); }

}  // namespace ca::model
