// Saving edits into an office's XLSX project sheet: the edited cells change, rows deleted and
// added move the rows below with their merges and formulas, other sheets stay as they were.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>

#include <xlsxwriter.h>

#include "core/io/encoding.hpp"
#include "core/io/table_patch.hpp"
#include "core/io/table_reader.hpp"
#include "core/model/error.hpp"
#include "support/fixtures.hpp"
#include "support/full_disk.hpp"
#include "support/sheet_writer.hpp"
#include "support/workbook_probe.hpp"

using namespace ca;

namespace {

using Grid = std::vector<std::vector<std::string>>;

using test::error_of;

// county_project_sheet with its 合计 row's households and people as SUM formulas (cached 37 and
// 163, as Excel saves them), and a second sheet the patch must not touch.
void write_project_workbook(const std::string& path) {
    test::Sheet projects = test::county_project_sheet("1302");
    for (auto& cell : projects.cells)
        if (cell.row == 13 && (cell.col == 5 || cell.col == 6)) cell.formula = cell.col == 5 ? "=SUM(F7:F12)" : "=SUM(G7:G12)";
    test::Sheet notes;
    notes.name = "说明";
    notes.cells = {{1, 0, "资金来源"}, {1, 1, "财政专项"}, {2, 0, "批次"}, {2, 1, 3.0}, {3, 0, "备注 & <说明>"}};
    test::write_xlsx(path, {projects, notes});
}

// Rows 8 and 11 edited, row 10 (王家) deleted, two projects added above 合计 (row 13), whose
// funds total is typed anew so that it adds up: 1234.5 + 12.5 + 42.5 + 12.5 + 20 + 7.5.
io::TablePatch project_patch() {
    io::TablePatch patch;
    patch.changed = {{8, {{3, std::string("沟渠 & <改造>")}}}, {11, {{4, 42.5}}}, {13, {{4, 1329.5}}}};
    patch.deleted = {10};
    patch.insert_before = 13;
    patch.added = {{6.0, std::string("三台乡"), std::string("新村"), std::string("饮水"), 20.0, 3.0, 12.0, std::int64_t{2016}},
                   {7.0, std::string("金碧镇"), std::string("新寨"), std::string("道路"), 7.5, 1.0, 4.0, std::int64_t{2016}}};
    return patch;
}

}  // namespace

TEST_CASE("edits saved into an XLSX sheet change only the edited cells; rows below move with merges and formulas") {
    test::TempDir dir;
    const std::string path = dir.file("projects.xlsx");
    write_project_workbook(path);
    const Grid before = test::workbook_cells(path, "Sheet1");
    const Grid notes_before = test::workbook_cells(path, "说明");
    REQUIRE(before.size() == 15);
    REQUIRE(before[13][5] == "37");  // the formula's cached value, as GDAL reads it

    io::patch_xlsx(path, "Sheet1", project_patch());

    // Built from the sheet as it was: what the user sees after the edit.
    Grid expected = before;
    expected[8][3] = "沟渠 & <改造>";
    expected[11][4] = "42.5";
    expected[13][4] = "1329.5";
    expected[13][5] = expected[13][6] = "";  // SUMs computed by Excel on opening, not by us
    expected.insert(expected.begin() + 13, {{"6", "三台乡", "新村", "饮水", "20", "3", "12", "2016"}, {"7", "金碧镇", "新寨", "道路", "7.5", "1", "4", "2016"}});
    expected.erase(expected.begin() + 10);
    CHECK(test::workbook_cells(path, "Sheet1") == expected);
    CHECK(test::workbook_cells(path, "说明") == notes_before);
    CHECK(test::workbook_sheets(path) == std::vector<std::string>{"Sheet1", "说明"});

    const std::string xml = test::workbook_part(path, "xl/worksheets/sheet1.xml");
    CHECK(xml.find("<mergeCell ref=\"A14:D14\"/>") != std::string::npos);  // 合 计 moved down a row
    CHECK(xml.find("A13:D13") == std::string::npos);
    for (const char* kept : {"<mergeCell ref=\"A2:H2\"/>", "<mergeCell ref=\"A5:A6\"/>", "<mergeCell ref=\"F5:G5\"/>", "<dimension ref=\"A2:H15\"/>"})
        CHECK_MESSAGE(xml.find(kept) != std::string::npos, kept);
    // The SUMs take the added rows (their range ended on the row above the insertion) and have no
    // stale cached result; the workbook asks to be recomputed on opening.
    CHECK(xml.find("<f>SUM(F7:F13)</f></c>") != std::string::npos);
    CHECK(xml.find("<f>SUM(G7:G13)</f></c>") != std::string::npos);
    CHECK(test::workbook_part(path, "xl/workbook.xml").find("fullCalcOnLoad=\"1\"") != std::string::npos);
    // The added rows are styled as the row above them (libxlsxwriter styles none, so the same).
    CHECK(test::workbook_cell_style(path, 1, 12, 4).number_format == test::workbook_cell_style(path, 1, 11, 4).number_format);

    // CountyAtlas reads it back: the new values, the rows by Excel's new numbers, the 合计 row
    // still a total and no warning that it does not add up.
    io::TextDecoder decoder;
    const auto layers = io::read_tables(path, "Sheet1", decoder);
    REQUIRE(layers.size() == 1);
    std::vector<std::int64_t> rows;
    for (const auto& f : layers[0].features) rows.push_back(f.fid);
    CHECK(rows == std::vector<std::int64_t>{7, 8, 10, 11, 12, 13});
    CHECK(model::to_text(layers[0].features[1].values[3]) == "沟渠 & <改造>");
    CHECK(model::to_text(layers[0].features[2].values[2]) == "赵家");
    CHECK(model::to_text(layers[0].features[5].values[2]) == "新寨");
    for (const auto& p : layers[0].problems.all()) CHECK_MESSAGE(p.severity != model::Severity::Warning, p.line());
}

TEST_CASE("an XLSX patch naming a row or sheet the workbook lacks, or one that cannot be written, leaves the file as it was") {
    test::TempDir dir;
    test::FullDisk disk(dir.path() / "stick");
    const std::string path = (dir.path() / "stick" / "projects.xlsx").string();
    write_project_workbook(path);
    const std::string before = test::read_file(path);
    io::TablePatch patch;
    patch.changed = {{40, {{1, std::string("三台乡")}}}};
    CHECK(error_of([&] { io::patch_xlsx(path, "Sheet1", patch); }) ==
          "projects.xlsx, layer Sheet1, row 40: no such row to change; the file may have changed since it was read, so read it again");
    CHECK(error_of([&] { io::patch_xlsx(path, "项目", project_patch()); }) ==
          "projects.xlsx: has no sheet \"项目\" to save into; was it renamed since the file was read?");
    CHECK(test::read_file(path) == before);

    const std::string filler = disk.fill();
    std::unique_ptr<test::FileSizeLimit> limit;
    if (!disk.mounted()) limit = std::make_unique<test::FileSizeLimit>(1024);
    const std::string message = error_of([&] { io::patch_xlsx(path, "Sheet1", project_patch()); });
    limit.reset();
    INFO("variant: " << disk.variant());
    CHECK(message == path + ": cannot write the file: " + disk.reason() + "; the old file is unchanged");
    CHECK(test::read_file(path) == before);
}

TEST_CASE("formulas of other sheets and defined names that read the patched sheet follow its rows") {
    test::TempDir dir;
    const std::string path = dir.file("book.xlsx");
    lxw_workbook* book = workbook_new(path.c_str());
    REQUIRE(book);
    lxw_worksheet* projects = workbook_add_worksheet(book, "项目");
    for (int row = 0; row < 5; ++row) worksheet_write_number(projects, static_cast<lxw_row_t>(row), 0, row + 1.0, nullptr);
    worksheet_write_string(projects, 5, 0, "合计", nullptr);
    lxw_worksheet* summary = workbook_add_worksheet(book, "汇总");
    worksheet_write_formula_num(summary, 0, 0, "=SUM(项目!A1:A5)", nullptr, 15);
    worksheet_write_formula_num(summary, 1, 0, "=项目!A1*2", nullptr, 2);
    workbook_define_name(book, "资金", "=项目!$A$1:$A$5");
    REQUIRE(workbook_close(book) == LXW_NO_ERROR);

    io::TablePatch patch;
    patch.deleted = {2};
    patch.insert_before = 6;
    patch.added = {{10.0}, {20.0}};
    io::patch_xlsx(path, "项目", patch);
    const std::string summary_xml = test::workbook_part(path, "xl/worksheets/sheet2.xml");
    // The SUM's range ended above the insertion: it takes the added rows, and its cached 15 is
    // gone; A1*2 reads a row no edit touched and keeps its 2.
    CHECK(summary_xml.find("<c r=\"A1\"><f>SUM(项目!A1:A6)</f></c>") != std::string::npos);
    CHECK(summary_xml.find("<c r=\"A2\"><f>项目!A1*2</f><v>2</v></c>") != std::string::npos);
    CHECK(test::workbook_part(path, "xl/workbook.xml").find(">项目!$A$1:$A$6</definedName>") != std::string::npos);
    CHECK(test::workbook_cells(path, "项目") == Grid{{}, {"1"}, {"3"}, {"4"}, {"5"}, {"10"}, {"20"}, {"合计"}});
}

TEST_CASE("an XLSX in a folder the user cannot write to stays as it was") {
    if (::geteuid() == 0) {
        MESSAGE("skipped: root writes into read-only folders (the full-disk case above covers a failed write)");
        return;
    }
    test::TempDir dir;
    const std::filesystem::path folder = dir.path() / "readonly";
    std::filesystem::create_directories(folder);
    const std::string path = (folder / "projects.xlsx").string();
    write_project_workbook(path);
    const std::string before = test::read_file(path);
    std::filesystem::permissions(folder, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    const std::string message = error_of([&] { io::patch_xlsx(path, "Sheet1", project_patch()); });
    std::filesystem::permissions(folder, std::filesystem::perms::owner_all);
    CHECK(message.rfind(path + ": cannot write the file: Permission denied", 0) == 0);
    CHECK(test::read_file(path) == before);
}

TEST_CASE("comments and tables of the patched sheet follow its rows; a comment on a deleted row goes") {
    test::TempDir dir;
    const std::string path = dir.file("book.xlsx");
    lxw_workbook* book = workbook_new(path.c_str());
    REQUIRE(book);
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Sheet1");
    for (int row = 0; row < 6; ++row) worksheet_write_number(sheet, static_cast<lxw_row_t>(row), 0, row + 1.0, nullptr);
    worksheet_write_comment(sheet, 1, 0, "第二行");
    worksheet_write_comment(sheet, 4, 0, "第五行");
    worksheet_add_table(sheet, 0, 2, 4, 3, nullptr);  // C1:D5
    REQUIRE(workbook_close(book) == LXW_NO_ERROR);
    REQUIRE(test::workbook_part(path, "xl/drawings/vmlDrawing1.vml").find("<x:Anchor>1, 15, 3, 10, 3, 15, 7, 4</x:Anchor>") != std::string::npos);

    io::TablePatch patch;
    patch.deleted = {2};
    patch.insert_before = 6;
    patch.added = {{10.0}, {11.0}};
    io::patch_xlsx(path, "Sheet1", patch);
    const std::string comments = test::workbook_part(path, "xl/comments1.xml");
    CHECK(comments.find("第二行") == std::string::npos);
    CHECK(comments.find("<comment ref=\"A4\" authorId=\"0\">") != std::string::npos);
    const std::string vml = test::workbook_part(path, "xl/drawings/vmlDrawing1.vml");
    CHECK(vml.find("<x:Row>1</x:Row>") == std::string::npos);
    CHECK(vml.find("<x:Anchor>1, 15, 2, 10, 3, 15, 6, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>3</x:Row>") != std::string::npos);
    const std::string table = test::workbook_part(path, "xl/tables/table1.xml");
    CHECK(table.find("ref=\"C1:D6\"") != std::string::npos);  // its rows ended above the insertion: it takes the new ones
    CHECK(table.find("<autoFilter ref=\"C1:D6\"/>") != std::string::npos);
    CHECK(test::workbook_cells(path, "Sheet1").at(7).at(0) == "6");
}
