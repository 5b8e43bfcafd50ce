// `countyatlas stats` and `rank`: --status, --year, --coverage-status, how sites were placed,
// problems on stderr, and the township error, on a 2x2 county worked by hand.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

using namespace ca;

namespace {

std::string square(double lon0, double lat0) { return test::square_wkt(lon0, lat0, 0.01); }

// The county of tests/core/analysis/site_placement_test.cpp, as files:
//   丙村 | 丁村  乙乡 (丁村 not poor)     sites 1 甲村 计划 2010; 2 乙村 已完工 2012; 3 丙村 no status, no year;
//   甲村 | 乙村  甲镇                     4 by name 丁村 在建 2011; 5 乙乡 only 竣工 2011; 6 甲镇 only 已完工 2013;
//                                          7 in 丁村 naming 甲村 已完工 2012; 8 丙镇 (none) 2011
struct Files {
    test::TempDir dir;
    std::string args;

    explicit Files(bool with_township = true) {
        std::vector<test::FieldSpec> fields = {{"村名"}, {"乡镇"}, {"人口", true}, {"贫困人口", true}, {"人均纯收入", true}};
        std::vector<test::Row> villages = {{square(0, 0), {"甲村", "甲镇", "100", "50", "2000"}},
                                           {square(0.01, 0), {"乙村", "甲镇", "100", "50", "2000"}},
                                           {square(0, 0.01), {"丙村", "乙乡", "100", "50", "2000"}},
                                           {square(0.01, 0.01), {"丁村", "乙乡", "100", "0", "5000"}}};
        if (!with_township) {
            fields.erase(fields.begin() + 1);
            for (auto& v : villages) v.values.erase(v.values.begin() + 1);
        }
        test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, fields, villages);
        test::write_layer(dir.file("sites.gpkg"), "GPKG", 4490, {{"项目名称"}, {"状态"}, {"年度"}, {"乡镇"}, {"村名"}, {"总投资"}},
                          {{"POINT(0.005 0.005)", {"一", "计划", "2010", "甲镇", "甲村", "100"}},
                           {"POINT(0.015 0.005)", {"二", "已完工", "2012", "甲镇", "乙村", "200"}},
                           {"POINT(0.005 0.015)", {"三", "", "", "", "", "400"}},
                           {"", {"四", "在建", "2011", "乙乡", "丁村", "800"}},
                           {"", {"五", "竣工", "2011", "乙乡", "戊村", "1600"}},
                           {"", {"六", "已完工", "2013", "甲镇", "", "3200"}},
                           {"POINT(0.015 0.015)", {"七", "已完工", "2012", "甲镇", "甲村", "6400"}},
                           {"", {"八", "", "2011", "丙镇", "甲村", "12800"}}});
        args = " --villages '" + dir.file("villages.gpkg") + "' --sites '" + dir.file("sites.gpkg") + "' ";
    }

    nlohmann::json stats(const std::string& options, std::string* err = nullptr) const {
        const auto r = test::run_countyatlas("stats" + args + options + " --format json");
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        if (err) *err = r.err;
        return nlohmann::json::parse(r.out);
    }
};

const nlohmann::json& region(const nlohmann::json& j, const std::string& name) {
    for (const auto& r : j["regions"])
        if ((r.contains("village_name") && r["village_name"] == name) || r["township"] == name) return r;
    FAIL("no region " << name);
    return j["total"];
}

}  // namespace

TEST_CASE("stats: a planned project does not cover; --coverage-status chooses the statuses that do") {
    Files files;
    const auto plain = files.stats("--by village");
    CHECK(region(plain, "甲村")["covered_poor_villages"] == 0);  // its one project is planned
    CHECK(plain["total"]["poor_villages"] == 3);
    CHECK(plain["total"]["covered_poor_villages"] == 2);  // 乙村 finished, 丙村 without status
    const auto chosen = files.stats("--by village --coverage-status planned,已完工");
    CHECK(region(chosen, "甲村")["covered_poor_villages"] == 1);
    CHECK(region(chosen, "丙村")["covered_poor_villages"] == 0);
    CHECK(chosen["total"]["covered_poor_villages"] == 2);
    CHECK(files.stats("--coverage-status in_progress")["total"]["covered_poor_villages"] == 0);
}

TEST_CASE("stats --status and --year count only the chosen sites, and say how many had no year") {
    Files files;
    const auto finished = files.stats("--status finished");
    CHECK(region(finished, "甲镇")["sites"] == 2);
    CHECK(region(finished, "乙乡")["sites"] == 2);
    CHECK(finished["total"]["sites"] == 4);
    CHECK(finished["total"]["funds_yuan"] == 200 + 1600 + 3200 + 6400);
    CHECK(finished["unmatched_sites"].empty());
    CHECK(files.stats("--status 计划，在建")["total"]["sites"] == 2);  // full-width comma, as typed in Chinese

    std::string err;
    const auto years = files.stats("--year 2011-2012", &err);
    CHECK(region(years, "甲镇")["sites"] == 1);
    CHECK(region(years, "乙乡")["sites"] == 3);
    CHECK(years["total"]["sites"] == 4);
    CHECK(err.find("countyatlas: 1 site has no year and is left out by --year 2011-2012\n") != std::string::npos);
    CHECK(files.stats("--year 2010")["total"]["sites"] == 1);
    CHECK(files.stats("--year '2011～2012'")["total"]["sites"] == 4);  // a full-width tilde, as typed in Chinese

    const auto bad = test::run_countyatlas("stats" + files.args + "--year 20xx");
    CHECK(bad.exit_code == 2);
    // Loading says what it met first: site 3 has no year.
    CHECK(bad.err == "countyatlas: note: sites.gpkg, layer sites, feature 3: field 年度 is empty: no figure, it adds nothing to the sums\n"
                     "countyatlas: --year takes a year or a range FROM-TO (2010-2012), not \"20xx\"\n");
}

TEST_CASE("stats tells how each site was placed: exact, by village name, by township only") {
    Files files;
    const auto j = files.stats("");
    CHECK(region(j, "甲镇")["sites"] == 3);
    CHECK(region(j, "甲镇")["sites_township_only"] == 1);
    CHECK(region(j, "乙乡")["sites_exact"] == 2);
    CHECK(region(j, "乙乡")["sites_by_name"] == 1);
    CHECK(j["total"]["sites"] == 7);
    CHECK(j["total"]["sites_township_only"] == 2);
    REQUIRE(j["township_only_sites"].size() == 2);
    CHECK(j["township_only_sites"][0] == nlohmann::json::parse(R"({"file": "sites.gpkg", "layer": "sites", "row": 5, "township": "乙乡",
        "village_name": "戊村", "project_name": "五", "reason": "no village \"戊村\" in township \"乙乡\"", "precision": "township"})"));
    REQUIRE(j["unmatched_sites"].size() == 1);
    CHECK(j["unmatched_sites"][0]["precision"] == "none");
    CHECK(j["unmatched_sites"][0]["row"] == 8);
    REQUIRE(j["location_conflicts"].size() == 1);
    CHECK(j["location_conflicts"][0]["row"] == 7);
    CHECK(j["location_conflicts"][0]["village_name"] == "甲村");
    CHECK(j["location_conflicts"][0]["found_village_name"] == "丁村");

    // Village rows: their sites by point and by name; the total adds the township-only ones.
    const auto villages = files.stats("--by village");
    CHECK(region(villages, "丁村")["sites_exact"] == 1);
    CHECK(region(villages, "丁村")["sites_by_name"] == 1);
    CHECK_FALSE(region(villages, "丁村").contains("sites_township_only"));
    CHECK(villages["total"]["sites_township_only"] == 2);
}

TEST_CASE("stats CSV and GeoPackage by village carry the placement counts") {
    Files files;
    const auto csv = test::run_countyatlas("stats" + files.args + "--by village --format csv");
    REQUIRE_MESSAGE(csv.exit_code == 0, csv.err);
    std::istringstream lines(csv.out);
    std::string header, line, last;
    std::getline(lines, header);
    CHECK(header.find(",sites,sites_exact,sites_by_name,sites_township_only,sites_housing,") != std::string::npos);
    std::vector<std::string> rows;
    while (std::getline(lines, line)) rows.push_back(line);
    REQUIRE(rows.size() == 5);
    // 丁村 (the fourth village): 2 sites, 1 exact, 1 by name, no township-only cell.
    CHECK(rows[3].rfind("丁村,乙乡,", 0) == 0);
    CHECK(rows[3].find(",2,1,1,,") != std::string::npos);
    CHECK(rows[4].find(",7,4,1,2,") != std::string::npos);  // the total

    const std::string out = files.dir.file("villages_stats.gpkg");
    const auto gpkg = test::run_countyatlas("stats" + files.args + "--by village --format gpkg -o '" + out + "'");
    REQUIRE_MESSAGE(gpkg.exit_code == 0, gpkg.err);
    const auto layer = test::run_countyatlas("info --format json '" + out + "'");
    const auto fields = nlohmann::json::parse(layer.out)["layers"][0]["all_fields"];
    CHECK(std::find(fields.begin(), fields.end(), "sites_exact") != fields.end());
    CHECK(std::find(fields.begin(), fields.end(), "sites_by_name") != fields.end());
}

TEST_CASE("stats sums up counting's problems on stderr, one line a kind") {
    Files files;
    std::string err;
    files.stats("", &err);
    CHECK(err ==
          "countyatlas: note: sites.gpkg, layer sites, feature 3: field 年度 is empty: no figure, it adds nothing to the sums\n"
          "countyatlas: warning: sites.gpkg, layer sites, feature 8: counted in no region: no township \"丙镇\" among the villages\n"
          "countyatlas: warning: 2 × site placed by township only in sites.gpkg (features 5, 6), first: counted in township \"乙乡\" but in "
          "no village: no village \"戊村\" in township \"乙乡\"; all in `countyatlas check`\n"
          "countyatlas: warning: sites.gpkg, layer sites, feature 7: the row names village \"甲村\" but its point lies in \"丁村\" (乙乡), "
          "where it is counted; check the village name or the coordinates\n");
}

TEST_CASE("stats --by township without any township name exits 2 naming the file and its fields") {
    Files files(false);
    const auto r = test::run_countyatlas("stats" + files.args);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "countyatlas: note: sites.gpkg, layer sites, feature 3: field 年度 is empty: no figure, it adds nothing to the sums\n"
                   "countyatlas: villages.gpkg: no township field (乡镇, township…) and no township layer; its fields are 村名, 人口, 贫困人口, "
                   "人均纯收入; pass --townships FILE or rename a field\n");
    CHECK(test::run_countyatlas("stats" + files.args + "--by village").exit_code == 0);
}

TEST_CASE("rank --uncovered gives the nearest project, pipeline and ditch as columns") {
    Files files;
    test::write_layer(files.dir.file("lines.gpkg"), "GPKG", 4490, {{"kind"}},
                      {{"LINESTRING(-0.01 0.005,-0.005 0.005)", {"管道"}}, {"LINESTRING(0.025 0,0.03 0)", {"沟渠"}}});
    const std::string args = "rank" + files.args + "--lines '" + files.dir.file("lines.gpkg") + "' --uncovered";
    const auto json = test::run_countyatlas(args + " --format json");
    REQUIRE_MESSAGE(json.exit_code == 0, json.err);
    const auto list = nlohmann::json::parse(json.out);
    REQUIRE(list.size() == 1);  // 甲村: its only project is planned
    CHECK(list[0]["village_name"] == "甲村");
    // On the equator 0.005 degrees of longitude are 556.6 m, of latitude 552.9 m. The nearest
    // existing projects: 三 (no status) 0.005 degrees north, 二 (finished) 0.005 east; the
    // pipeline is 0.005 degrees west, the ditch 0.015 degrees east.
    CHECK(list[0]["nearest_site_m"].get<double>() == doctest::Approx(552.9).epsilon(2e-3));
    CHECK(list[0]["nearest_pipeline_m"].get<double>() == doctest::Approx(556.6).epsilon(2e-3));
    CHECK(list[0]["nearest_ditch_m"].get<double>() == doctest::Approx(3 * 556.6).epsilon(2e-3));
    CHECK_FALSE(list[0].contains("nearest_water_line_m"));

    const auto csv = test::run_countyatlas(args + " --format csv");
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.rfind("rank,village_name,township,poverty_rate,nearest_site_m,nearest_pipeline_m,nearest_ditch_m\n", 0) == 0);
    const auto table = test::run_countyatlas(args);
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.rfind("rank\tvillage_name\ttownship\tpoverty_rate\tnearest_site_m\tnearest_pipeline_m\tnearest_ditch_m\n", 0) == 0);
}

TEST_CASE("export draws only the sites --year and --status let through, as stats counts them") {
    test::TempDir dir;
    const std::string county = "'" + test::sample_county() + "'";
    auto paths = [&](const std::string& options) {
        const std::string out = dir.file("map.svg");
        const auto r = test::run_countyatlas("export " + county + " --out '" + out + "' --page 400x300px " + options);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        std::ifstream in(out);
        std::ostringstream svg;
        svg << in.rdbuf();
        std::size_t n = 0;
        for (auto at = svg.str().find("<path"); at != std::string::npos; at = svg.str().find("<path", at + 1)) ++n;
        return static_cast<int>(n);
    };
    auto sites = [&](const std::string& options) {
        const auto r = test::run_countyatlas("stats " + county + " --format json " + options);
        REQUIRE(r.exit_code == 0);
        return nlohmann::json::parse(r.out)["total"]["sites"].get<int>();
    };
    // One marker a site: the markers a filter removes are the sites it leaves out of the table.
    CHECK(paths("") - paths("--year 2010") == sites("") - sites("--year 2010"));
    CHECK(paths("") - paths("--status 已完工") == sites("") - sites("--status finished"));
    CHECK(sites("--year 2010") < sites(""));

    const auto bad = test::run_countyatlas("export " + county + " --out '" + dir.file("x.png") + "' --year 2012-2010");
    CHECK(bad.exit_code == 2);
    CHECK(bad.err == "countyatlas: --year 2012-2010: the range ends before it starts\n");
}
