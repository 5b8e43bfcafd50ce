// `countyatlas stats` and `info` on project sheets as offices write them: the township figures
// come out right (funds in yuan, worked out by hand), bad cells stop the run or are skipped.
#include <doctest/doctest.h>

#include <memory>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"
#include "support/sheet_writer.hpp"

using namespace ca;

namespace {

std::string write_villages(const test::TempDir& dir) { return test::write_sheet_villages(dir.file("villages.gpkg")); }

const nlohmann::json& region(const nlohmann::json& stats, const std::string& township) {
    for (const auto& row : stats["regions"])
        if (row["township"] == township) return row;
    FAIL("no region " << township);
    throw;
}

std::string quoted(const std::string& path) { return "'" + path + "'"; }

}  // namespace

TEST_CASE("stats on an office's XLSX sheet: township funds in yuan from 1,234.5, １２.５, 12.5万 and 125000元 in a 万元 sheet") {
    test::TempDir dir;
    const std::string sheet = dir.file("projects.xlsx");
    test::write_xlsx(sheet, {test::county_project_sheet("1302")});
    const auto r = test::run_countyatlas("stats --villages " + quoted(write_villages(dir)) + " --sites " + quoted(sheet) + " --format json");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    const auto& jinbi = region(j, "金碧镇");
    const auto& santai = region(j, "三台乡");
    CHECK(jinbi["sites"] == 2);
    CHECK(jinbi["funds_yuan"].get<double>() == doctest::Approx((1234.5 + 12.5) * 10000));  // 12,470,000
    CHECK(jinbi["beneficiary_households"].get<double>() == 30);
    CHECK(jinbi["beneficiary_people"].get<double>() == 120);
    // 石头村 (row 12) is no village of 三台乡: its 125000元 count in the township, in no village.
    CHECK(santai["sites"] == 3);
    CHECK(santai["sites_township_only"] == 1);
    CHECK(santai["funds_yuan"].get<double>() == doctest::Approx((12.5 + 30 + 12.5) * 10000));  // 550,000
    CHECK(santai["beneficiary_households"].get<double>() == 5 + 2);  // row 10's is empty: missing, not a figure
    CHECK(santai["beneficiary_people"].get<double>() == 15 + 20 + 8);
    CHECK(j["total"]["funds_yuan"].get<double>() == doctest::Approx(13020000));
    // The 合计 row is not a site; 石头村 is listed with Excel's row number.
    CHECK(j["unmatched_sites"].empty());
    REQUIRE(j["township_only_sites"].size() == 1);
    CHECK(j["township_only_sites"][0]["file"] == "projects.xlsx");
    CHECK(j["township_only_sites"][0]["row"] == 12);
}

TEST_CASE("info shows the sheet's header, unit and total decisions, and a 合计 that does not add up") {
    test::TempDir dir;
    const std::string sheet = dir.file("projects.xlsx");
    test::write_xlsx(sheet, {test::county_project_sheet("1320")});
    const auto r = test::run_countyatlas("info --sites " + quoted(sheet));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    for (const std::string line : {
             "note: projects.xlsx, layer Sheet1: header rows 5-6 (group titles over column names); rows 2-4 are titles; unit row 4 says "
             "万元: funds ×10,000\n",
             "note: projects.xlsx, layer Sheet1, row 13: a 合计 row: checked against the rows above, not counted as a project\n",
             "warning: projects.xlsx, layer Sheet1, row 13: 合计 row, column 计划投资: the total written is 1320 but the rows above sum to "
             "1302; the rows are counted, check the sheet\n",
             "note: projects.xlsx, layer Sheet1, row 10: field 受益户数 is empty: no figure, it adds nothing to the sums\n"})
        CHECK_MESSAGE(r.out.find(line) != std::string::npos, line);
    CHECK(r.out.find("funds_yuan<-计划投资(x10000)") != std::string::npos);
}

TEST_CASE("a figure typed in words stops stats with the row and field; --skip-bad-rows leaves that row out") {
    test::TempDir dir;
    const std::string sheet = dir.file("projects.xlsx");
    test::write_xlsx(sheet, {test::county_project_sheet("1302", "十二万")});
    const std::string villages = write_villages(dir);
    const auto r = test::run_countyatlas("stats --villages " + quoted(villages) + " --sites " + quoted(sheet) + " --format json");
    CHECK(r.exit_code == 2);
    CHECK(r.err == "countyatlas: projects.xlsx, layer Sheet1, row 11, field 计划投资: \"十二万\" is not a number; type it as digits "
                   "(120000 or 12万) or pass --skip-bad-rows to leave such rows out\n");
    const auto skipped =
        test::run_countyatlas("stats --villages " + quoted(villages) + " --sites " + quoted(sheet) + " --format json --skip-bad-rows");
    REQUIRE_MESSAGE(skipped.exit_code == 0, skipped.err);
    const auto j = nlohmann::json::parse(skipped.out);
    CHECK(region(j, "三台乡")["sites"] == 2);  // row 10, and row 12 in the township only
    CHECK(region(j, "三台乡")["funds_yuan"].get<double>() == doctest::Approx(250000));
    CHECK(region(j, "金碧镇")["funds_yuan"].get<double>() == doctest::Approx(12470000));
}

TEST_CASE("stats on a GBK CSV with a title line counts its money in yuan") {
    test::TempDir dir;
    const std::string csv = dir.file("projects.csv");
    const std::string utf8 = "XX县2015年扶贫项目计划表\n单位：万元\n乡镇,村委会,项目名称,计划投资\n"
                             "金碧镇,马家营,水窖,\"1,234.5\"\n三台乡,王家,道路,12.5万\n三台乡,赵家,管道,125000元\n合计,,,1259.5\n";
    std::unique_ptr<char, decltype(&CPLFree)> gbk(CPLRecode(utf8.c_str(), CPL_ENC_UTF8, "CP936"), &CPLFree);
    test::write_text(csv, gbk.get());
    const auto r = test::run_countyatlas("stats --villages " + quoted(write_villages(dir)) + " --sites " + quoted(csv) + " --format json");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(region(j, "金碧镇")["funds_yuan"].get<double>() == doctest::Approx(12345000));
    CHECK(region(j, "三台乡")["funds_yuan"].get<double>() == doctest::Approx(250000));
    CHECK(j["total"]["sites"] == 3);
}
