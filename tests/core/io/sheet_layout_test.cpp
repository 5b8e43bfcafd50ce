// Laying out sheets written for people: title and unit rows, two-row headers, 合计 rows.
#include <doctest/doctest.h>

#include "core/io/sheet_layout.hpp"
#include "core/model/error.hpp"

using namespace ca;
using io::SheetRow;
using model::Meaning;

namespace {

// The county sheet of the tests: a title, a unit row, a two-row header with 受益情况 over two
// columns (merged cells read as text in their first column), data, a blank row, a 合计 row.
std::vector<SheetRow> county_sheet(const std::string& funds_total) {
    return {
        {1, {"XX县2015年扶贫项目计划表", "", "", "", ""}},
        {2, {"", "", "", "", "单位：万元"}},
        {3, {"乡镇", "村委会", "计划投资", "受益情况", ""}},
        {4, {"", "", "", "受益户数", "受益人数"}},
        {5, {"金碧镇", "马家营", "1,234.5", "10", "40"}},
        {6, {"", "", "", "", ""}},
        {7, {"三台乡", "王家", "12.5万", "5", "20"}},
        {8, {"合 计", "", funds_total, "15", "60"}},
    };
}

std::vector<std::string> messages(const model::ProblemLog& log) {
    std::vector<std::string> out;
    for (const auto& p : log.all()) out.push_back(p.line());
    return out;
}

}  // namespace

TEST_CASE("a sheet's title and unit rows are skipped and a group title gives way to the names below it") {
    const auto layout = io::lay_out_sheet(county_sheet("1247"), "projects.xlsx", "Sheet1");
    CHECK(layout.header_row == 3);
    CHECK(layout.header_row_count == 2);
    CHECK(layout.field_names == std::vector<std::string>{"乡镇", "村委会", "计划投资", "受益户数", "受益人数"});
    CHECK(layout.mapping.index(Meaning::BeneficiaryHouseholds) == 3);
    CHECK(layout.mapping.index(Meaning::BeneficiaryPeople) == 4);
    CHECK(layout.mapping[Meaning::Funds]->scale == 10000.0);
    CHECK(layout.data_rows == std::vector<std::size_t>{4, 6});  // rows 5 and 7; the blank row 6 is not data
    CHECK(layout.total_rows == std::vector<std::size_t>{7});
    CHECK(messages(layout.problems) ==
          std::vector<std::string>{"projects.xlsx, layer Sheet1: header rows 3-4 (group titles over column names); rows 1-2 are titles; "
                                   "unit row 2 says 万元: funds ×10,000",
                                   "projects.xlsx, layer Sheet1, row 8: a 合计 row: checked against the rows above, not counted as a project"});
    CHECK_FALSE(layout.problems.has_errors());
}

TEST_CASE("a 合计 row that does not add up is a warning naming row, column, the total written and the sum found") {
    const auto layout = io::lay_out_sheet(county_sheet("1300"), "projects.xlsx", "Sheet1");
    // 1,234.5 + 12.5万 (12.5 in a 万元 column) = 1247, not 1300.
    const auto& last = layout.problems.all().back();
    CHECK(last.severity == model::Severity::Warning);
    CHECK(last.id == 8);
    CHECK(last.line() == "projects.xlsx, layer Sheet1, row 8: 合计 row, column 计划投资: the total written is 1300 but the rows above "
                         "sum to 1247; the rows are counted, check the sheet");
    CHECK(layout.problems.counts().count("total mismatch") == 1);  // households and people do add up
}

TEST_CASE("a total rounded as it was written is not a mismatch") {
    auto grid = county_sheet("1247.0");
    grid[4].cells[2] = "1234.46";  // sum 1246.96, written with one decimal as 1247.0
    CHECK(io::lay_out_sheet(grid, "p.xlsx", "S").problems.counts().count("total mismatch") == 0);
    grid[4].cells[2] = "1234.3";  // sum 1246.8: more than rounding
    CHECK(io::lay_out_sheet(grid, "p.xlsx", "S").problems.counts().count("total mismatch") == 1);
}

TEST_CASE("the funds header's own unit wins over the sheet's unit row") {
    auto grid = county_sheet("12470000");
    grid[2].cells[2] = "计划投资(元)";
    grid[0].cells[0] = "XX县项目表（万元）";
    grid[1].cells[4] = "";
    grid[4].cells[2] = "12345000";
    grid[6].cells[2] = "125000";
    const auto layout = io::lay_out_sheet(grid, "p.xlsx", "S");
    REQUIRE(layout.mapping.has(Meaning::Funds));
    CHECK(layout.mapping[Meaning::Funds]->scale == 1.0);
    CHECK(layout.problems.all().front().message ==
          "header rows 3-4 (group titles over column names); row 1 is a title; title row 1 says (万元) but the funds column "
          "计划投资(元) names its own unit, which is used");
}

TEST_CASE("a plain table with its header on the first row needs no note") {
    const std::vector<SheetRow> grid = {{1, {"乡镇", "村名", "资金"}}, {2, {"金碧镇", "马家营", "5"}}, {3, {"三台乡", "王家", "7"}}};
    const auto layout = io::lay_out_sheet(grid, "p.csv", "p");
    CHECK(layout.header_row == 1);
    CHECK(layout.header_row_count == 1);
    CHECK(layout.data_rows == std::vector<std::size_t>{1, 2});
    CHECK(layout.mapping[Meaning::Funds]->scale == 1.0);
    CHECK(layout.problems.empty());
}

TEST_CASE("notes below the totals are not projects, and 小计 rows inside the data are left out") {
    const std::vector<SheetRow> grid = {
        {1, {"序号", "乡镇", "村名", "资金"}}, {2, {"1", "金碧镇", "马家营", "5"}}, {3, {"", "小计", "", "5"}},
        {4, {"2", "三台乡", "王家", "7"}},    {5, {"总计", "", "", "12"}},       {6, {"填表人：张三"}},
    };
    const auto layout = io::lay_out_sheet(grid, "p.xlsx", "S");
    CHECK(layout.data_rows == std::vector<std::size_t>{1, 3});
    CHECK(layout.total_rows == std::vector<std::size_t>{2, 4});
    CHECK(layout.problems.counts().count("total mismatch") == 0);
    CHECK(layout.problems.all().front().line() == "p.xlsx, layer S, row 6: row 6 below the totals is a note, not a project");
}

TEST_CASE("a sheet with no header in its first 20 rows is an error naming the file") {
    std::vector<SheetRow> grid;
    for (int r = 1; r <= 25; ++r) grid.push_back({r, {"说明", "第" + std::to_string(r) + "行"}});
    CHECK_THROWS_WITH_AS(io::lay_out_sheet(grid, "notes.xlsx", "Sheet1"),
                         "notes.xlsx, layer Sheet1: no header row found: none of the first 20 rows names a known column "
                         "(村名, 乡镇, 项目名称, 资金…)",
                         Error);
}

TEST_CASE("a row of units under the header is not data, and its 万元 scales the funds column") {
    const std::vector<SheetRow> grid = {{1, {"乡镇", "村名", "计划投资", "受益户数"}},
                                        {2, {"", "", "（万元）", "(户)"}},
                                        {3, {"金碧镇", "马家营", "12.5", "10"}}};
    const auto layout = io::lay_out_sheet(grid, "p.xlsx", "S");
    CHECK(layout.data_rows == std::vector<std::size_t>{2});
    CHECK(layout.mapping[Meaning::Funds]->scale == 10000.0);
    CHECK(layout.problems.all().at(0).message == "header row 1; units row 2 says 万元 for 计划投资: funds ×10,000");
}
