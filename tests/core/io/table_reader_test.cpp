// Reading project sheets and CSV files as offices write them: rows as the user sees them,
// decisions reported, GBK CSV with a title line, an unclosed quote caught.
#include <doctest/doctest.h>

#include <memory>

#include <cpl_conv.h>
#include <cpl_string.h>

#include "core/io/table_reader.hpp"
#include "core/io/vector_reader.hpp"
#include "core/model/error.hpp"
#include "support/fixtures.hpp"
#include "support/sheet_writer.hpp"

using namespace ca;
using model::Meaning;

namespace {

std::vector<std::int64_t> fids(const model::Layer& layer) {
    std::vector<std::int64_t> out;
    for (const auto& f : layer.features) out.push_back(f.fid);
    return out;
}

std::vector<std::string> lines(const model::ProblemLog& log) {
    std::vector<std::string> out;
    for (const auto& p : log.all()) out.push_back(std::string(model::to_string(p.severity)) + ": " + p.line());
    return out;
}

std::string to_gbk(const std::string& utf8) {
    std::unique_ptr<char, decltype(&CPLFree)> out(CPLRecode(utf8.c_str(), CPL_ENC_UTF8, "CP936"), &CPLFree);
    return out.get();
}

}  // namespace

TEST_CASE("an office's XLSX sheet: titles, unit row, merged two-row header, 合计 and a footnote") {
    test::TempDir dir;
    const std::string path = dir.file("projects.xlsx");
    test::write_xlsx(path, {test::county_project_sheet("1302")});
    REQUIRE(io::is_table_file(path));
    const auto layers = io::read_source({path, {}}, {});
    REQUIRE(layers.size() == 1);
    const auto& layer = layers[0];
    CHECK(layer.driver == "XLSX");
    CHECK(layer.fids_are_rows);
    CHECK(layer.field_names == std::vector<std::string>{"序号", "乡镇", "村委会", "项目名称", "计划投资", "受益户数", "受益人数", "年度"});
    CHECK(layer.mapping[Meaning::Funds]->scale == 10000.0);
    // Excel's own row numbers: row 1 is empty, row 9 blank, 13 the total, 14 a footnote.
    CHECK(fids(layer) == std::vector<std::int64_t>{7, 8, 10, 11, 12});
    CHECK(model::to_text(layer.value(layer.features[1], Meaning::Funds)) == "１２.５");
    CHECK(model::is_null(layer.value(layer.features[2], Meaning::BeneficiaryHouseholds)));
    CHECK(lines(layer.problems) ==
          std::vector<std::string>{
              "note: projects.xlsx, layer Sheet1: header rows 5-6 (group titles over column names); rows 2-4 are titles; "
              "unit row 4 says 万元: funds ×10,000",
              "note: projects.xlsx, layer Sheet1, row 14: row 14 below the totals is a note, not a project",
              "note: projects.xlsx, layer Sheet1, row 13: a 合计 row: checked against the rows above, not counted as a project"});
}

TEST_CASE("a 合计 row that the rows do not add up to is reported with the written total and the sum") {
    test::TempDir dir;
    const std::string path = dir.file("projects.xlsx");
    test::write_xlsx(path, {test::county_project_sheet("1320")});
    const auto layers = io::read_source({path, {}}, {});
    const auto problems = lines(layers.at(0).problems);
    CHECK(problems.back() ==
          "warning: projects.xlsx, layer Sheet1, row 13: 合计 row, column 计划投资: the total written is 1320 but the rows above sum to "
          "1302; the rows are counted, check the sheet");
}

TEST_CASE("a GBK CSV with a title line and no commas on it reads with line numbers as rows") {
    test::TempDir dir;
    const std::string path = dir.file("projects.csv");
    test::write_text(path, to_gbk("XX县2015年扶贫项目计划表\n"
                                  "单位：万元\n"
                                  "乡镇,村委会,项目名称,计划投资,受益户数\n"
                                  "金碧镇,马家营,水窖,\"1,234.5\",10\n"
                                  "\n"
                                  "三台乡,王家,\"道路\n(二期)\",12.5万,5\n"
                                  "三台乡,赵家,管道,30,5\n"
                                  "合计,,,1277,20\n"));
    const auto layers = io::read_source({path, {}}, {});
    REQUIRE(layers.size() == 1);
    const auto& layer = layers[0];
    CHECK(layer.driver == "CSV");
    CHECK(layer.encoding == "GBK (detected: not valid UTF-8)");
    CHECK(layer.field_names == std::vector<std::string>{"乡镇", "村委会", "项目名称", "计划投资", "受益户数"});
    // Line 6 holds a cell that runs on to line 7: the next row starts on line 8.
    CHECK(fids(layer) == std::vector<std::int64_t>{4, 6, 8});
    CHECK(model::to_text(layer.value(layer.features[0], Meaning::Funds)) == "1,234.5");
    CHECK(model::to_text(layer.value(layer.features[1], Meaning::ProjectName)) == "道路\n(二期)");
    CHECK(layer.mapping[Meaning::Funds]->scale == 10000.0);
    CHECK(lines(layer.problems) ==
          std::vector<std::string>{"note: projects.csv, layer projects: header row 3; rows 1-2 are titles; unit row 2 says 万元: funds ×10,000",
                                   "note: projects.csv, layer projects, row 9: a 合计 row: checked against the rows above, not counted as a project",
                                   "note: projects.csv, layer projects: text read as GBK (detected: not valid UTF-8); if it "
                                   "looks wrong, pass --encoding projects.csv=ENCODING"});
}

TEST_CASE("a CSV quote that nothing closes is an error naming the line where it opens") {
    test::TempDir dir;
    const std::string path = dir.file("projects.csv");
    test::write_text(path, "乡镇,村名,资金\n金碧镇,马家营,5\n三台乡,\"王家,7\n三台乡,赵家,9\n金碧镇,李家,3\n");
    CHECK_THROWS_WITH_AS(io::read_source({path, {}}, {}),
                         "projects.csv, line 3: a quote (\") opens a cell here and nothing closes it, so the rest of the file "
                         "would read as one cell; close the quote or remove it",
                         Error);
}

TEST_CASE("lon/lat typed in degrees-minutes-seconds make points; a swapped pair is a warning per row") {
    test::TempDir dir;
    const std::string path = dir.file("sites.csv");
    test::write_text(path, "项目名称,经度,纬度\n"
                           "水窖,101°18′30″,25°40′12″\n"
                           "沟渠,25°40'12\"N,101°18'30\"E\n"
                           "道路,101.5,25.5\n");
    const auto layers = io::read_source({path, {}}, {});
    const auto& layer = layers.at(0);
    CHECK(layer.counts.from_lon_lat == 3);
    const double lon = 101 + 18 / 60.0 + 30 / 3600.0, lat = 25 + 40 / 60.0 + 12 / 3600.0;
    CHECK(layer.features[0].geometry.coords[0].x == doctest::Approx(lon));
    CHECK(layer.features[0].geometry.coords[0].y == doctest::Approx(lat));
    CHECK(layer.features[1].geometry.coords[0].x == doctest::Approx(lon));
    CHECK(layer.features[1].geometry.coords[0].y == doctest::Approx(lat));
    REQUIRE(layer.problems.all().size() == 1);
    CHECK(layer.problems.all()[0].severity == model::Severity::Warning);
    CHECK(layer.problems.all()[0].id == 3);
    CHECK(layer.problems.all()[0].is_row);
}

TEST_CASE("a workbook's sheet without a header is left out with a warning; named, it is an error") {
    test::TempDir dir;
    const std::string path = dir.file("book.xlsx");
    test::Sheet notes{"说明", {{1, 0, "本表由县扶贫办填报"}, {2, 0, "资金单位为万元"}}};
    test::write_xlsx(path, {test::county_project_sheet("1302"), notes, test::Sheet{"空表", {}}});
    const auto layers = io::read_source({path, {}}, {});
    REQUIRE(layers.size() == 1);
    CHECK(layers[0].name == "Sheet1");
    CHECK(lines(layers[0].problems).back() ==
          "warning: book.xlsx, layer 说明: no header row in its first 20 rows, so it is not read; name it as FILE:说明 to see why");
    CHECK_THROWS_WITH_AS(io::read_source({path, "说明"}, {}),
                         "book.xlsx, layer 说明: no header row found: none of the first 20 rows names a known column (村名, 乡镇, 项目名称, 资金…)",
                         Error);
}

TEST_CASE("an ODS sheet and a plain CSV read with their rows numbered from the header line") {
    test::TempDir dir;
    const std::string ods = dir.file("projects.ods");
    test::write_layer(ods, "ODS", 0, {{"乡镇"}, {"村名"}, {"资金"}}, {{"", {"金碧镇", "马家营", "5"}}, {"", {"三台乡", "王家", "7"}}});
    const auto sheets = io::read_source({ods, {}}, {});
    REQUIRE(sheets.size() == 1);
    CHECK(sheets[0].driver == "ODS");
    CHECK(fids(sheets[0]) == std::vector<std::int64_t>{2, 3});
    CHECK(sheets[0].problems.empty());  // a plain table: nothing decided worth a note
    const std::string csv = dir.file("projects.csv");
    test::write_text(csv, "乡镇;村名;资金\r\n金碧镇;马家营;5\r\n\r\n三台乡;王家;7\r\n");
    const auto table = io::read_source({csv, {}}, {});
    CHECK(fids(table.at(0)) == std::vector<std::int64_t>{2, 4});
    CHECK(model::to_text(table[0].value(table[0].features[1], Meaning::Funds)) == "7");
    CHECK_THROWS_WITH_AS(io::read_source({csv, "Sheet1"}, {}), "projects.csv: has no layer \"Sheet1\"; its layers are: projects", Error);
}
