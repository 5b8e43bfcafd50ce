// Edits saved through workspace::save_edits into the sheets offices keep: a GBK CSV byte for byte
// outside the edited cells, an XLSX project sheet cell for cell, money in the sheet's unit.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/io/encoding.hpp"
#include "core/loading/load_project.hpp"
#include "core/model/error.hpp"
#include "core/workspace/feature_edits.hpp"
#include "core/workspace/save_edits.hpp"
#include "support/fixtures.hpp"
#include "support/sheet_writer.hpp"
#include "support/workbook_probe.hpp"

using namespace ca;
namespace fs = std::filesystem;

namespace {

std::string gbk(const std::string& utf8) { return *io::TextEncoder("GBK").encode(utf8); }

std::size_t field(const model::Layer& layer, model::Meaning m) { return static_cast<std::size_t>(layer.mapping.index(m)); }

}  // namespace

TEST_CASE("a GBK project list in CSV keeps every byte outside the edited cells, new rows going above 合计 in 万元") {
    test::TempDir dir;
    const std::string csv = dir.file("项目.csv");
    const std::string title = "大姚县2027年项目计划表\r\n序号,乡镇,村委会,项目名称,投资（万元）,状态\r\n";
    test::write_text(csv, gbk(title + "1,金碧镇,桃村,\"桃村饮水,一期\",12.5,计划\r\n2,金碧镇,上地,上地道路,30,在建\r\n合计,,,,42.5,\r\n"));
    model::Project project = loading::load_project({{csv, model::Role::Sites}}, {});
    REQUIRE(project.layers.size() == 1);
    const auto& layer = project.layers[0];
    REQUIRE(layer.features.size() == 2);
    const std::size_t status = field(layer, model::Meaning::Status), funds = field(layer, model::Meaning::Funds);
    model::apply_edit(project, workspace::set_values_edit(project, 0, {1}, status, workspace::typed_value(layer, status, "已完工")));
    model::apply_edit(project, workspace::add_point_edit(project, 0, {0, 0},
                                                         {{field(layer, model::Meaning::ProjectName), std::string("新项目")},
                                                          {funds, workspace::typed_value(layer, funds, "50000元")}}));
    model::apply_edit(project, workspace::delete_edit(project, 0, {0}));
    workspace::SessionBackups backups;
    workspace::save_edits(project, {{}, false}, backups);
    CHECK(test::read_file(csv) == gbk(title + "2,金碧镇,上地,上地道路,30,已完工\r\n,,,新项目,5,\r\n合计,,,,42.5,\r\n"));
    CHECK(test::read_file(csv + ".bak").find(gbk("桃村饮水")) != std::string::npos);
    // Read again as the save did: the rows have their new line numbers, the edits are cleared.
    const auto& saved = project.layers[0];
    REQUIRE(saved.features.size() == 2);
    CHECK(saved.features[0].fid == 3);
    CHECK(saved.features[1].fid == 4);
    CHECK(*model::to_number(saved.value(saved.features[1], model::Meaning::Funds)) == 5);
    CHECK(saved.edited.empty());
}

TEST_CASE("an XLSX project sheet saved from the editor: the edited cells change, rows move under their title, the other cells stay") {
    test::TempDir dir;
    const std::string xlsx = dir.file("projects.xlsx");
    test::write_xlsx(xlsx, {test::county_project_sheet("1302"), test::Sheet{"说明", {{1, 0, "填报说明"}, {2, 0, 42.0}}}});
    const auto notes_before = test::workbook_cells(xlsx, "说明");
    const auto before = test::workbook_cells(xlsx, "Sheet1");
    model::Project project = loading::load_project({{xlsx + ":Sheet1", model::Role::Sites}}, {});
    REQUIRE(project.layers.size() == 1);
    const auto& layer = project.layers[0];
    const std::size_t funds = field(layer, model::Meaning::Funds);
    // Row 8 (李家村) gets 20万 typed: the sheet is in 万元, so the cell holds 20.
    const std::size_t li = static_cast<std::size_t>(std::find_if(layer.features.begin(), layer.features.end(), [](const model::Feature& f) { return f.fid == 8; }) - layer.features.begin());
    model::apply_edit(project, workspace::set_values_edit(project, 0, {li}, funds, workspace::typed_value(layer, funds, "20万")));
    model::apply_edit(project, workspace::add_point_edit(project, 0, {0, 0},
                                                         {{field(layer, model::Meaning::Township), std::string("三台乡")},
                                                          {field(layer, model::Meaning::VillageName), std::string("王家")},
                                                          {funds, workspace::typed_value(layer, funds, "3.5")}}));
    workspace::SessionBackups backups;
    workspace::save_edits(project, {{}, false}, backups);
    const auto after = test::workbook_cells(xlsx, "Sheet1");
    CHECK(test::workbook_cells(xlsx, "说明") == notes_before);
    REQUIRE(after.size() == before.size() + 1);
    for (std::size_t r = 1; r <= 12; ++r)  // Excel rows 1..12: titles, header, data
        for (std::size_t c = 0; c < before[r].size(); ++c) {
            CAPTURE(r);
            CAPTURE(c);
            if (r == 8 && c == funds) CHECK(after[r][c] == "20");
            else CHECK(after[r][c] == before[r][c]);
        }
    CHECK(after[13][1] == "三台乡");  // the new row, above 合计
    CHECK(after[13][2] == "王家");
    CHECK(after[13][funds] == "3.5");
    CHECK(after[14][0] == before[13][0]);  // 合计 moved down one
    CHECK(after[15][0] == before[14][0]);  // 填表人 too
}
