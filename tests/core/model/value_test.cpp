// Numbers and degrees as people type them into spreadsheets, and what is not a number.
#include <doctest/doctest.h>

#include "core/model/value.hpp"

using namespace ca::model;

namespace {

double parsed_value(const char* text) { return parse_number(text).value().value; }
NumberUnit parsed_unit(const char* text) { return parse_number(text).value().unit; }

}  // namespace

TEST_CASE("numbers typed with separators, full-width digits, spaces and money units are read") {
    CHECK(parsed_value("1,234.5") == 1234.5);
    CHECK(parsed_value("1,234,567") == 1234567.0);
    CHECK(parsed_value("１２.５") == 12.5);
    CHECK(parsed_value("１，２３４") == 1234.0);
    CHECK(parsed_value("  12.5 ") == 12.5);
    CHECK(parsed_value("　-3") == -3.0);
    CHECK(parsed_value("12.5万") == 12.5);
    CHECK(parsed_unit("12.5万") == NumberUnit::Wan);
    CHECK(parsed_unit("12.5 万元") == NumberUnit::Wan);
    CHECK(parsed_value("125000元") == 125000.0);
    CHECK(parsed_unit("125000元") == NumberUnit::Yuan);
    CHECK(parsed_unit("12.5") == NumberUnit::None);
}

TEST_CASE("words, errors, dates, NaN, inf and misplaced separators are not numbers") {
    for (const char* text : {"十二万", "约5", "#DIV/0!", "NaN", "nan", "inf", "-inf", "2015/03/02", "2015-03-02", "1,2", "12,50",
                             "1,234,5", ",123", "万", "元", "", "  ", "0x10", "1e", "12.5万万", "5 万 元 元"})
        CHECK_MESSAGE(!parse_number(text).has_value(), text);
}

TEST_CASE("a cell's own unit is honoured relative to its field's unit") {
    const double wan_field = 10000, yuan_field = 1;
    CHECK(in_field_unit(*parse_number("12.5万"), wan_field) == 12.5);
    CHECK(in_field_unit(*parse_number("125000元"), wan_field) == 12.5);
    CHECK(in_field_unit(*parse_number("12.5"), wan_field) == 12.5);
    CHECK(in_field_unit(*parse_number("12.5万"), yuan_field) == 125000.0);
    CHECK(in_field_unit(*parse_number("125000元"), yuan_field) == 125000.0);
    // Read without a field (a yuan amount): the unit is applied.
    CHECK(to_number(Value{std::string("12.5万")}) == 125000.0);
    CHECK(to_number(Value{std::string("1,234.5")}) == 1234.5);
    CHECK_FALSE(to_number(Value{std::string("十二万")}).has_value());
}

TEST_CASE("degrees-minutes-seconds in lon/lat columns are read") {
    auto deg = [](const char* text) { return to_degrees(Value{std::string(text)}).value(); };
    CHECK(deg("101°18′30″") == doctest::Approx(101 + 18 / 60.0 + 30 / 3600.0));
    CHECK(deg("101°18'30\"E") == doctest::Approx(101 + 18 / 60.0 + 30 / 3600.0));
    CHECK(deg("25度40分12秒") == doctest::Approx(25 + 40 / 60.0 + 12 / 3600.0));
    CHECK(deg("N25°40.5'") == doctest::Approx(25 + 40.5 / 60.0));
    CHECK(deg("北纬25°40′") == doctest::Approx(25 + 40 / 60.0));
    CHECK(deg("101°18′30″W") == doctest::Approx(-(101 + 18 / 60.0 + 30 / 3600.0)));
    CHECK(deg(" 101.3085 ") == 101.3085);
    CHECK(to_degrees(Value{101.5}) == 101.5);
    for (const char* bad : {"101°75′", "101°18′70″", "18′101°", "东经", "abc", "101°18′30″30″"})
        CHECK_MESSAGE(!to_degrees(Value{std::string(bad)}).has_value(), bad);
}
