// Saving edits into a CSV project list as people keep it: only the edited cells and rows change,
// byte for byte; the encoding, delimiter, quoting, line ends and BOM stay the file's own.
#include <doctest/doctest.h>

#include <functional>
#include <memory>

#include <cpl_conv.h>
#include <cpl_string.h>

#include "core/io/encoding.hpp"
#include "core/io/table_patch.hpp"
#include "core/io/table_reader.hpp"
#include "core/model/error.hpp"
#include "support/fixtures.hpp"
#include "support/full_disk.hpp"

using namespace ca;

namespace {

std::string to_gbk(const std::string& utf8) {
    std::unique_ptr<char, decltype(&CPLFree)> out(CPLRecode(utf8.c_str(), CPL_ENC_UTF8, "CP936"), &CPLFree);
    return out.get();
}

std::vector<std::int64_t> fids(const model::Layer& layer) {
    std::vector<std::int64_t> out;
    for (const auto& f : layer.features) out.push_back(f.fid);
    return out;
}

std::vector<std::string> column(const model::Layer& layer, std::size_t field) {
    std::vector<std::string> out;
    for (const auto& f : layer.features) out.push_back(model::to_text(f.values.at(field)));
    return out;
}

using test::error_of;

// A GBK list as a county office saves it from Excel: CRLF, semicolons, a title and a unit line,
// a quoted name holding quotes and a line break (lines 4-5), a 合计 line.
const std::string kGbkList = "XX县2015年扶贫项目计划表\r\n"
                             "单位：万元\r\n"
                             "乡镇;村委会;项目名称;计划投资;受益户数\r\n"
                             "金碧镇;马家营;\"水窖\"\"一号\"\"\r\n（新建）\";12.5;10\r\n"
                             "金碧镇;李家村;沟渠;20;20\r\n"
                             "三台乡;王家;道路;30;15\r\n"
                             "三台乡;赵家;管道;5;5\r\n"
                             "合计;;;67.5;50\r\n";

}  // namespace

TEST_CASE("edits saved into a GBK CSV change only the edited cells and rows, byte for byte") {
    test::TempDir dir;
    const std::string path = dir.file("projects.csv");
    test::write_text(path, to_gbk(kGbkList));
    io::TablePatch patch;
    patch.changed = {{4, {{4, std::int64_t{11}}}},                          // after the cell with the line break
                     {6, {{2, std::string("沟渠;改造")}}},                   // holds the delimiter: quoted
                     {7, {{3, 42.5}}},
                     {9, {{3, std::string("90.25")}, {4, 54.0}}}};  // the 合计 line follows the edits
    patch.deleted = {8};
    patch.insert_before = 9;
    patch.added = {{std::string("三台乡"), std::string("石头村"), std::string("水池"), 12.0, std::int64_t{8}},
                   {std::string("金碧镇"), std::string("新村"), std::string(" 饮水 "), 3.25, model::Value{}}};
    io::patch_csv(path, "GBK", patch);
    CHECK(test::read_file(path) == to_gbk("XX县2015年扶贫项目计划表\r\n"
                                          "单位：万元\r\n"
                                          "乡镇;村委会;项目名称;计划投资;受益户数\r\n"
                                          "金碧镇;马家营;\"水窖\"\"一号\"\"\r\n（新建）\";12.5;11\r\n"
                                          "金碧镇;李家村;\"沟渠;改造\";20;20\r\n"
                                          "三台乡;王家;道路;42.5;15\r\n"
                                          "三台乡;石头村;水池;12;8\r\n"
                                          "金碧镇;新村;\" 饮水 \";3.25;\r\n"
                                          "合计;;;90.25;54\r\n"));
    // Read back as the viewer reads it: new values, new rows by the lines they start on, and the
    // 合计 line checked against them without a warning.
    io::TextDecoder decoder({"GBK", "test"});
    const auto layers = io::read_tables(path, {}, decoder);
    REQUIRE(layers.size() == 1);
    const auto& layer = layers[0];
    CHECK(fids(layer) == std::vector<std::int64_t>{4, 6, 7, 8, 9});
    CHECK(column(layer, 2) == std::vector<std::string>{"水窖\"一号\"\r\n（新建）", "沟渠;改造", "道路", "水池", " 饮水 "});
    CHECK(column(layer, 3) == std::vector<std::string>{"12.5", "20", "42.5", "12", "3.25"});
    CHECK(column(layer, 4) == std::vector<std::string>{"11", "20", "15", "8", ""});
    for (const auto& p : layer.problems.all()) CHECK_MESSAGE(p.severity != model::Severity::Warning, p.line());
}

TEST_CASE("a UTF-8 CSV keeps its BOM and its LF line ends; rows added at the end get a line end first") {
    test::TempDir dir;
    const std::string path = dir.file("list.csv");
    test::write_text(path, "\xEF\xBB\xBF乡镇,村委会,计划投资\n金碧镇,\"马家营\",1\n三台乡,王家");
    io::TablePatch patch;
    patch.changed = {{2, {{1, std::string("马家营村")}, {2, 2.5}, {4, std::string("备注")}}},  // quoted as it was; column 4 lies past the row's end
                     {3, {{1, model::Value{}}}}};
    patch.added = {{std::string("三台乡"), std::string("说\"明\""), 7.0}};
    patch.insert_before = 4;  // the line after the last: the end
    io::patch_csv(path, "UTF-8 (BOM)", patch);  // as Layer::encoding says it
    CHECK(test::read_file(path) == "\xEF\xBB\xBF乡镇,村委会,计划投资\n金碧镇,\"马家营村\",2.5,,备注\n三台乡,\n三台乡,\"说\"\"明\"\"\",7\n");
}

TEST_CASE("a character the CSV's encoding cannot hold, or a row the file does not have, leaves the file as it was") {
    test::TempDir dir;
    const std::string path = dir.file("projects.csv");
    const std::string before = to_gbk(kGbkList);
    test::write_text(path, before);
    io::TablePatch patch;
    patch.changed = {{6, {{1, std::string("李家村")}}}, {7, {{1, std::string("王䶮")}}}};  // 䶮: in GB18030, not in GBK
    CHECK(error_of([&] { io::patch_csv(path, "GBK", patch); }) ==
          "projects.csv, line 7: the character \"䶮\" cannot be written in GBK, the file's encoding; change the text or save the file as UTF-8");
    CHECK(test::read_file(path) == before);
    patch.changed = {{5, {{1, std::string("李家村")}}}};  // line 5 is inside the quoted cell of line 4
    CHECK(error_of([&] { io::patch_csv(path, "GBK", patch); }) ==
          "projects.csv, line 5: no such row to change; the file may have changed since it was read, so read it again");
    patch.changed.clear();
    patch.deleted = {42};
    CHECK(error_of([&] { io::patch_csv(path, "GBK", patch); }) ==
          "projects.csv, line 42: no such row to change; the file may have changed since it was read, so read it again");
    CHECK(test::read_file(path) == before);
    CHECK(test::file_names_in(dir.path()) == std::set<std::string>{"projects.csv"});
    // The same character is GB18030's to hold.
    patch.deleted.clear();
    patch.changed = {{7, {{1, std::string("王䶮")}}}};
    io::patch_csv(path, "GB18030", patch);
    CHECK(test::read_file(path).find("\xCD\xF5\xFE\x9F;") != std::string::npos);
}

TEST_CASE("a CSV that cannot be written for want of room stays as it was") {
    test::TempDir dir;
    test::FullDisk disk(dir.path() / "stick");
    const std::string path = (dir.path() / "stick" / "projects.csv").string();
    const std::string before = to_gbk(kGbkList);
    test::write_text(path, before);
    const std::string filler = disk.fill();
    std::unique_ptr<test::FileSizeLimit> limit;
    if (!disk.mounted()) limit = std::make_unique<test::FileSizeLimit>(16);
    io::TablePatch patch;
    patch.added = {{std::string("三台乡"), std::string("石头村"), std::string("水池"), 12.0, std::int64_t{8}}};
    const std::string message = error_of([&] { io::patch_csv(path, "GBK", patch); });
    limit.reset();
    INFO("variant: " << disk.variant());
    CHECK(message == path + ": cannot write the file: " + disk.reason() + "; the old file is unchanged");
    CHECK(test::read_file(path) == before);
}
