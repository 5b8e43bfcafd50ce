// The report workbook read back: values where a person looks for them, formats Excel applies,
// a bold total, frozen headings, widths for Chinese text, and a failed write that loses nothing.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/io/report_workbook.hpp"
#include "support/fixtures.hpp"
#include "support/full_disk.hpp"
#include "support/workbook_probe.hpp"

using namespace ca;

namespace {

io::ReportSheet two_townships() {
    io::ReportSheet sheet;
    sheet.name = "乡镇统计";
    sheet.title = "大姚县扶贫项目乡镇统计表（2015年上半年）";
    sheet.unit_line = "单位：万元、户、人";
    sheet.columns = {{"乡镇", io::CellFormat::Text},
                     {"人口", io::CellFormat::Integer},
                     {"贫困发生率", io::CellFormat::Percent1},
                     {"资金（万元）", io::CellFormat::Decimal2},
                     {"沟渠（公里）", io::CellFormat::Decimal1}};
    sheet.frozen_columns = 1;
    sheet.rows = {{{std::string("湾碧乡"), 12345.0, 0.5303458353628836, 1234.5, 3.25}, io::RowKind::Body},
                  {{std::string("三岔河镇"), std::int64_t{800}, model::Value{}, 0.125, 0.0}, io::RowKind::Body},
                  {{std::string("合计"), 13145.0, 0.5, 1234.625, 3.25}, io::RowKind::Total}};
    sheet.notes = {"说明：", "1. 贫困线：人均纯收入 2300 元。"};
    return sheet;
}

}  // namespace

TEST_CASE("a report sheet reads back with its title, unit line, headings, numbers as numbers, notes below") {
    test::TempDir dir;
    const std::string path = dir.file("t.xlsx");
    io::write_report_workbook(path, {two_townships()});
    CHECK(test::workbook_sheets(path) == std::vector<std::string>{"乡镇统计"});
    const auto cells = test::workbook_cells(path, "乡镇统计");
    REQUIRE(cells.size() >= 9);
    CHECK(cells[1][0] == "大姚县扶贫项目乡镇统计表（2015年上半年）");
    CHECK(cells[2][0] == "单位：万元、户、人");
    CHECK(cells[3] == std::vector<std::string>{"乡镇", "人口", "贫困发生率", "资金（万元）", "沟渠（公里）"});
    CHECK(cells[4][0] == "湾碧乡");
    CHECK(cells[5][2] == "—");  // a rate the data lacks
    CHECK(cells[6][0] == "合计");
    CHECK(cells[8][0] == "说明：");  // after one blank row
    CHECK(cells[9][0] == "1. 贫困线：人均纯收入 2300 元。");
    // The full values, not rounded to what shows: the rate as the fraction, money as written.
    CHECK(std::stod(test::workbook_cell_xml_value(path, 1, 4, 2)) == doctest::Approx(0.5303458353628836).epsilon(1e-15));
    CHECK(std::stod(test::workbook_cell_xml_value(path, 1, 4, 3)) == 1234.5);
    CHECK(std::stod(test::workbook_cell_xml_value(path, 1, 4, 1)) == 12345);
}

TEST_CASE("a report sheet shows rates as 0.0%, money as #,##0.00, counts as #,##0, and its total bold") {
    test::TempDir dir;
    const std::string path = dir.file("t.xlsx");
    io::write_report_workbook(path, {two_townships()});
    CHECK(test::workbook_cell_style(path, 1, 4, 1).number_format == "#,##0");
    CHECK(test::workbook_cell_style(path, 1, 4, 2).number_format == "0.0%");
    CHECK(test::workbook_cell_style(path, 1, 4, 3).number_format == "#,##0.00");
    CHECK(test::workbook_cell_style(path, 1, 4, 4).number_format == "#,##0.0");
    CHECK_FALSE(test::workbook_cell_style(path, 1, 4, 0).bold);
    CHECK_FALSE(test::workbook_cell_style(path, 1, 4, 3).bold);
    for (int column = 0; column < 5; ++column) CHECK(test::workbook_cell_style(path, 1, 6, column).bold);
    CHECK(test::workbook_cell_style(path, 1, 6, 2).number_format == "0.0%");
    CHECK(test::workbook_cell_style(path, 1, 1, 0).bold);  // the title
    CHECK(test::workbook_cell_style(path, 1, 3, 0).bold);  // the headings
}

TEST_CASE("a report sheet freezes its headings and name column, merges its title and fits widths to Chinese text") {
    test::TempDir dir;
    const std::string path = dir.file("t.xlsx");
    io::write_report_workbook(path, {two_townships()});
    const std::string xml = test::workbook_part(path, "xl/worksheets/sheet1.xml");
    CHECK(xml.find(R"(<pane xSplit="1" ySplit="3" topLeftCell="B4" activePane="bottomRight" state="frozen"/>)") != std::string::npos);
    CHECK(xml.find(R"(<mergeCell ref="A1:E1"/>)") != std::string::npos);
    // 资金（万元） is 6 wide characters: 12 columns, 2 of room; 三岔河镇 4: 8 + 2.
    CHECK(xml.find(R"(<col min="4" max="4" width="14.7109375" customWidth="1"/>)") != std::string::npos);
    CHECK(xml.find(R"(<col min="1" max="1" width="10.7109375" customWidth="1"/>)") != std::string::npos);
    CHECK(io::display_width("资金（万元）") == 12);
    CHECK(io::display_width("km²") == 3);
}

TEST_CASE("a report workbook that cannot be written whole leaves the old file, says why, and no temporary file") {
    test::TempDir dir;
    const std::string path = dir.file("t.xlsx");
    test::write_text(path, "the good old table");
    io::ReportSheet big = two_townships();
    big.rows.assign(3000, io::ReportRow{{std::string(100, 'x'), 1.0, 0.5, 2.0, 3.0}, io::RowKind::Body});
    {
        const test::FileSizeLimit limit(4096);
        CHECK_THROWS_WITH(io::write_report_workbook(path, {big}), (path + ": cannot write the file: File too large; the old file is unchanged").c_str());
    }
    CHECK(test::read_file(path) == "the good old table");
    CHECK(test::file_names_in(dir.path()) == std::set<std::string>{"t.xlsx"});
}
