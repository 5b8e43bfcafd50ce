// One attribute value as read from any source, and its readings as number or text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace ca::model {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

// The unit a cell writes after its digits: "12.5万", "125000元", or none ("12.5").
enum class NumberUnit { None, Yuan, Wan };
// What one unit is worth in plain units (yuan for money): 10,000 for 万, else 1.
double unit_factor(NumberUnit unit);

struct ParsedNumber {
    double value = 0;  // as written, before the unit: "12.5万" is {12.5, Wan}
    NumberUnit unit = NumberUnit::None;
};

// Reads a number as people type it into spreadsheets: surrounding spaces, full-width digits
// (１２.５), thousands separators in groups of three (1,234.5), a trailing 万, 万元 or 元.
// Nothing else: "十二万", "约5", "#DIV/0!", "NaN", "inf", dates and "1,2" are not numbers.
std::optional<ParsedNumber> parse_number(std::string_view text);
// The number in the unit of a field whose values are multiplied by `field_scale` to make plain
// units (10,000 for a 万元 column): a cell without a unit is in the field's unit already, so in a
// 万元 column "12.5万" and "125000元" are both 12.5; in a yuan column "12.5万" is 125000.
double in_field_unit(const ParsedNumber& number, double field_scale);

// A number from a numeric value or from text parse_number reads, its unit applied ("12.5万" is
// 125000): right for fields in plain units; loading turns cells of 万元 fields into that unit.
std::optional<double> to_number(const Value& value);
// Degrees from a decimal ("101.3") or degrees-minutes-seconds ("101°18′30″", "101°18'30\"E",
// "25度40分12秒", "N25°40.2'"); S and W (南纬, 西经) make it negative.
std::optional<double> to_degrees(const Value& value);
std::string to_text(const Value& value);
inline bool is_null(const Value& value) { return std::holds_alternative<std::monostate>(value); }

}  // namespace ca::model
