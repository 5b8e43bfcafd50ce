// `countyatlas stats --format xlsx`: the table an office hands in, read back and checked against
// the JSON the same run prints, and against the project sheet it was counted from.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"
#include "support/sheet_writer.hpp"
#include "support/workbook_probe.hpp"

using namespace ca;

namespace {

std::string quoted(const std::string& path) { return "'" + path + "'"; }

std::string write_villages(const test::TempDir& dir) { return test::write_sheet_villages(dir.file("villages.gpkg")); }

// A project sheet with a title row, money in 万元, two rows naming townships the county lacks
// (Excel rows 5 and 8) and one naming no village of its township (row 7).
std::string write_projects(const test::TempDir& dir) {
    test::Sheet sheet;
    auto& c = sheet.cells;
    c.push_back({1, 0, "2015年扶贫项目表", 1, 3});
    const char* headings[] = {"乡镇", "村委会", "项目名称", "资金（万元）"};
    for (int col = 0; col < 4; ++col) c.push_back({2, col, headings[col]});
    struct Row {
        int row;
        const char *township, *village, *project;
        double funds_wan;
    };
    for (const Row& r : {Row{3, "金碧镇", "马家营", "水窖", 12.5}, Row{4, "金碧镇", "李家村", "沟渠", 30}, Row{5, "新华乡", "大村", "道路", 8},
                         Row{6, "三台乡", "王家", "管道", 20}, Row{7, "三台乡", "石头村", "水池", 4}, Row{8, "六苴镇", "下村", "坝塘", 1}}) {
        c.push_back({r.row, 0, r.township});
        c.push_back({r.row, 1, r.village});
        c.push_back({r.row, 2, r.project});
        c.push_back({r.row, 3, r.funds_wan});
    }
    const std::string path = dir.file("projects.xlsx");
    test::write_xlsx(path, {sheet});
    return path;
}

// The column of a heading in the heading row.
std::size_t column_of(const std::vector<std::string>& headings, const std::string& heading) {
    for (std::size_t i = 0; i < headings.size(); ++i)
        if (headings[i] == heading) return i;
    FAIL("no column " << heading);
    return 0;
}

double number(const std::string& text) { return std::stod(text); }

}  // namespace

TEST_CASE("stats --format xlsx on the sample county: title, headings, 万元 and rates equal to the JSON's, bold 合计, notes") {
    test::TempDir dir;
    const std::string sample = quoted(test::sample_county()), path = dir.file("乡镇.xlsx");
    const auto json = nlohmann::json::parse(test::run_countyatlas("stats " + sample + " --format json").out);
    const auto r = test::run_countyatlas("stats " + sample + " --format xlsx -o " + quoted(path) + " --title '大姚县扶贫项目乡镇统计表（2015年上半年）'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto sheets = test::workbook_sheets(path);
    REQUIRE(!sheets.empty());
    CHECK(sheets[0] == "乡镇统计");
    const auto cells = test::workbook_cells(path, sheets[0]);
    const std::size_t regions = json["regions"].size();
    REQUIRE(cells.size() >= 4 + regions);
    CHECK(cells[1][0] == "大姚县扶贫项目乡镇统计表（2015年上半年）");
    CHECK(cells[2][0] == "单位：万元、户、人、公里、立方米");
    const auto& headings = cells[3];
    CHECK(headings[0] == "乡镇");
    const std::size_t funds = column_of(headings, "资金（万元）"), rate = column_of(headings, "贫困发生率"), people = column_of(headings, "人口");
    CHECK(column_of(headings, "项目数") > 0);
    for (std::size_t i = 0; i < regions; ++i) {
        const auto& want = json["regions"][i];
        const int row = static_cast<int>(4 + i);
        CAPTURE(row);
        CHECK(cells[row][0] == want["township"].get<std::string>());
        CHECK(number(cells[row][funds]) == doctest::Approx(want["funds_yuan"].get<double>() / 10000));
        CHECK(number(test::workbook_cell_xml_value(path, 1, row, static_cast<int>(rate))) == doctest::Approx(want["poverty_rate"].get<double>()));
        CHECK(number(cells[row][people]) == want["population"].get<double>());
    }
    const int total = static_cast<int>(4 + regions);
    CHECK(cells[total][0] == "合计");
    CHECK(number(cells[total][funds]) == doctest::Approx(json["total"]["funds_yuan"].get<double>() / 10000));
    CHECK(test::workbook_cell_style(path, 1, total, 0).bold);
    CHECK(test::workbook_cell_style(path, 1, total, static_cast<int>(funds)).bold);
    CHECK_FALSE(test::workbook_cell_style(path, 1, total - 1, static_cast<int>(funds)).bold);
    CHECK(test::workbook_cell_style(path, 1, 4, static_cast<int>(rate)).number_format == "0.0%");
    CHECK(test::workbook_cell_style(path, 1, 4, static_cast<int>(funds)).number_format == "#,##0.00");
    CHECK(test::workbook_cell_style(path, 1, 4, static_cast<int>(people)).number_format == "#,##0");
    CHECK(test::workbook_part(path, "xl/worksheets/sheet1.xml").find(R"(ySplit="3" topLeftCell="B4")") != std::string::npos);
    // The notes, one blank row under the total.
    REQUIRE(cells.size() > static_cast<std::size_t>(total + 3));
    CHECK(cells[total + 2][0] == "说明：");
    CHECK(cells[total + 3][0] == "1. 贫困线：人均纯收入 2,300 元；贫困发生率达 30.0% 或人均纯收入低于贫困线的村计为贫困村。");
    bool sources = false;
    for (const auto& row : cells)
        if (!row.empty() && row[0].rfind("3. 数据来源：county.gpkg（", 0) == 0) sources = true;
    CHECK(sources);
}

TEST_CASE("stats --format xlsx lists the project rows it could not count on a sheet 未计入, by the row numbers Excel shows") {
    test::TempDir dir;
    const std::string projects = write_projects(dir), path = dir.file("t.xlsx");
    const std::string sources = "--villages " + quoted(write_villages(dir)) + " --sites " + quoted(projects);
    const auto json = nlohmann::json::parse(test::run_countyatlas("stats " + sources + " --format json").out);
    const auto r = test::run_countyatlas("stats " + sources + " --format xlsx -o " + quoted(path));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    REQUIRE(test::workbook_sheets(path) == std::vector<std::string>{"乡镇统计", "未计入"});

    const auto table = test::workbook_cells(path, "乡镇统计");
    CHECK(table[1][0] == "扶贫项目乡镇统计表");
    const std::size_t funds = column_of(table[3], "资金（万元）");
    CHECK(table[4][0] == "三台乡");
    CHECK(number(table[4][funds]) == doctest::Approx(20 + 4));  // 石头村's 4 counts in its township
    CHECK(number(table[4][column_of(table[3], "仅知乡镇")]) == 1);
    CHECK(table[5][0] == "金碧镇");
    CHECK(number(table[5][funds]) == doctest::Approx(12.5 + 30));
    CHECK(table[6][0] == "合计");
    CHECK(number(table[6][funds]) == doctest::Approx(json["total"]["funds_yuan"].get<double>() / 10000));
    bool noted = false;
    for (const auto& row : table)
        if (!row.empty() && row[0] == "4. 有 2 个项目行未计入本表，见“未计入”表。") noted = true;
    CHECK(noted);

    const auto left_out = test::workbook_cells(path, "未计入");
    CHECK(left_out[2] == std::vector<std::string>{"文件", "图层", "行号", "乡镇", "村", "项目名称", "原因"});
    const auto source = test::workbook_cells(projects, "Sheet1");
    REQUIRE(json["unmatched_sites"].size() == 2);
    for (int i = 0; i < 2; ++i) {
        const auto& row = left_out[static_cast<std::size_t>(3 + i)];
        REQUIRE(row.size() == 7);
        CHECK(row[0] == "projects.xlsx");
        CHECK(number(row[2]) == json["unmatched_sites"][i]["row"].get<double>());
        // The row number leads to the row in the sheet as the office sees it.
        const auto excel_row = static_cast<std::size_t>(number(row[2]));
        CHECK(source[excel_row][0] == row[3]);
        CHECK(source[excel_row][2] == row[5]);
        CHECK(row[6] == json["unmatched_sites"][i]["reason"].get<std::string>());
    }
    CHECK(left_out[3][2] == "5");
    CHECK(left_out[4][2] == "8");
}

TEST_CASE("stats --by village --format xlsx groups villages under their township with a bold 小计, then 合计") {
    test::TempDir dir;
    const std::string path = dir.file("v.xlsx");
    const std::string sources = "--villages " + quoted(write_villages(dir)) + " --sites " + quoted(write_projects(dir));
    const auto r = test::run_countyatlas("stats " + sources + " --by village --format xlsx -o " + quoted(path));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto cells = test::workbook_cells(path, "村级统计");
    CHECK(cells[1][0] == "扶贫项目村级统计表");
    CHECK(cells[3][0] == "乡镇");
    CHECK(cells[3][1] == "村");
    const std::size_t funds = column_of(cells[3], "资金（万元）"), people = column_of(cells[3], "人口");
    // Townships in the order of their names (the villages have no codes), as in the JSON.
    const std::vector<std::pair<std::string, std::string>> names = {{"三台乡", "王家"},   {"三台乡", "赵家"},   {"三台乡", "小计"},
                                                                    {"金碧镇", "马家营"}, {"金碧镇", "李家村"}, {"金碧镇", "小计"},
                                                                    {"合计", ""}};
    for (std::size_t i = 0; i < names.size(); ++i) {
        CAPTURE(i);
        CHECK(cells[4 + i][0] == names[i].first);
        CHECK(cells[4 + i][1] == names[i].second);
        const bool bold = names[i].second != "马家营" && names[i].second != "李家村" && names[i].second != "王家" && names[i].second != "赵家";
        CHECK(test::workbook_cell_style(path, 1, static_cast<int>(4 + i), static_cast<int>(funds)).bold == bold);
    }
    CHECK(number(cells[6][people]) == 1100);
    CHECK(number(cells[6][funds]) == doctest::Approx(24));  // with 石头村's 4, known by township only
    CHECK(number(cells[9][people]) == 1800);
    CHECK(number(cells[9][funds]) == doctest::Approx(42.5));
    CHECK(number(cells[10][funds]) == doctest::Approx(66.5));
    CHECK(test::workbook_part(path, "xl/worksheets/sheet1.xml").find(R"(xSplit="2" ySplit="3" topLeftCell="C4")") != std::string::npos);
}

TEST_CASE("stats --format xlsx --language en: English headings, sheet names and notes; csv keeps the contract's keys") {
    test::TempDir dir;
    const std::string path = dir.file("t.xlsx");
    const std::string sources = "--villages " + quoted(write_villages(dir)) + " --sites " + quoted(write_projects(dir));
    const auto r = test::run_countyatlas("stats " + sources + " --format xlsx --language en --poverty-line 12500 -o " + quoted(path));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(test::workbook_sheets(path) == std::vector<std::string>{"By township", "Not counted"});
    const auto cells = test::workbook_cells(path, "By township");
    CHECK(cells[1][0] == "Poverty-alleviation projects by township");
    CHECK(cells[3][0] == "Township");
    CHECK(column_of(cells[3], "Funds (10,000 yuan)") > 0);
    CHECK(cells[6][0] == "Total");
    CHECK(cells[9][0] == "1. Poverty line: 12,500 yuan net income per person; a village is poor when its poverty rate is 30.0% or more or its "
                         "income is below the line.");
    const auto csv = test::run_countyatlas("stats " + sources + " --format csv");
    CHECK(csv.out.rfind("township,villages,households,population,", 0) == 0);
}
