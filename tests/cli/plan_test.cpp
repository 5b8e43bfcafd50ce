// Planning next year: planned sites drawn hollow (print and legend), `rank --uncovered --plan`,
// the figure's outlines of uncovered poor villages the plan reaches or misses, and an atlas
// counting only some statuses saying so. One county worked by hand:
//
//   乙村 poor, 计划 2013 (reached)   | 丁村 not poor, 计划 2013
//   甲村 poor, 已完工 (covered)      | 丙村 poor, nothing (missed) | 戊村 poor, 计划 2014 by name (reached)
//   甲镇                              乙乡; and a 计划 row naming only 乙乡 (reaches no village)
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "core/io/working_crs.hpp"
#include "core/scene/style.hpp"
#include "support/fixtures.hpp"
#include "support/page_probe.hpp"

using namespace ca;

namespace {

using test::is;
using test::on_page;

std::string square(double lon, double lat) { return test::square_wkt(lon, lat, 0.05); }

// Villages of 5 km around 102°E (the central meridian of EPSG:4543), 25.5°N.
struct PlanCounty {
    test::TempDir dir;
    std::string args;
    PlanCounty() {
        test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}, {"人口", true}, {"贫困人口", true}, {"人均纯收入", true}},
                          {{square(101.95, 25.45), {"甲村", "甲镇", "100", "50", "2000"}},
                           {square(101.95, 25.5), {"乙村", "甲镇", "100", "50", "2000"}},
                           {square(102.0, 25.45), {"丙村", "乙乡", "100", "50", "2000"}},
                           {square(102.0, 25.5), {"丁村", "乙乡", "100", "5", "5000"}},
                           {square(102.05, 25.45), {"戊村", "乙乡", "100", "50", "2000"}}});
        test::write_layer(dir.file("sites.gpkg"), "GPKG", 4490, {{"项目名称"}, {"项目类型"}, {"状态"}, {"年度"}, {"乡镇"}, {"村名"}},
                          {{"POINT(101.975 25.475)", {"甲村水池", "整村推进", "已完工", "2012", "甲镇", "甲村"}},
                           {"POINT(101.975 25.525)", {"乙村水池", "整村推进", "计划", "2013", "甲镇", "乙村"}},
                           {"POINT(102.025 25.525)", {"丁村道路", "整村推进", "拟建", "2013", "乙乡", "丁村"}},
                           {"", {"戊村沟渠", "整村推进", "规划", "2014", "乙乡", "戊村"}},
                           {"", {"乡里培训", "培训", "计划", "2013", "乙乡", "不知村"}}});
        args = " --villages '" + dir.file("villages.gpkg") + "' --sites '" + dir.file("sites.gpkg") + "' ";
    }
    test::CommandResult run(const std::string& command) const { return test::run_countyatlas(command + args); }
    nlohmann::json export_to(const std::string& out, const std::string& options = "") const {
        const auto r = run("export --out '" + out + "' " + options);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return nlohmann::json::parse(r.out);
    }
};


// The share of pixels of `colour` on the line of `steps` + 1 points from one lon/lat to another.
double share_along(const test::Image& image, const nlohmann::json& report, model::Vec2 from, model::Vec2 to, scene::Color colour, int steps = 60) {
    int hits = 0;
    for (int i = 0; i <= steps; ++i) {
        const double t = static_cast<double>(i) / steps;
        const auto p = on_page(report, from.x + t * (to.x - from.x), from.y + t * (to.y - from.y));
        hits += is(image.at(static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y))), colour, 30);
    }
    return static_cast<double>(hits) / (steps + 1);
}

}  // namespace

TEST_CASE("rank --uncovered --plan says which uncovered poor villages the plan reaches, and how many it still misses") {
    const PlanCounty county;
    const auto r = county.run("rank --uncovered --plan --format json");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto list = nlohmann::json::parse(r.out);
    // 甲村 is covered (finished), 丁村 not poor: 乙村, 丙村 and 戊村 remain, in the layer's order (tied rates).
    REQUIRE(list.size() == 3);
    CHECK(list[0]["village_name"] == "乙村");
    CHECK(list[0]["planned_sites"] == 1);
    CHECK(list[0]["reached_by_plan"] == "yes");
    // The row naming only 乙乡 is counted in the township, not in 丙村 (the township's first village).
    CHECK(list[1]["village_name"] == "丙村");
    CHECK(list[1]["planned_sites"] == 0);
    CHECK(list[1]["reached_by_plan"] == "no");
    CHECK(list[2]["village_name"] == "戊村");  // its row names it: placed by name
    CHECK(list[2]["planned_sites"] == 1);
    CHECK(list[2]["reached_by_plan"] == "yes");
    CHECK(r.err.find("countyatlas: 3 poor villages uncovered; the plan reaches 2, still misses 1\n") != std::string::npos);

    // Only the 2013 plan: 戊村's project is planned for 2014.
    const auto y2013 = county.run("rank --uncovered --plan-year 2013 --format csv");
    REQUIRE_MESSAGE(y2013.exit_code == 0, y2013.err);
    CHECK(y2013.out.rfind("rank,village_name,township,poverty_rate,nearest_site_m,nearest_pipeline_m,nearest_ditch_m,planned_sites,reached_by_plan\n", 0) == 0);
    CHECK(y2013.out.find(",戊村,乙乡,") != std::string::npos);
    CHECK(y2013.out.find(",0,no\n") != std::string::npos);
    CHECK(y2013.err.find("countyatlas: 3 poor villages uncovered; the 2013 plan reaches 1, still misses 2\n") != std::string::npos);

    // Without --plan the columns of before, and no summary.
    const auto plain = county.run("rank --uncovered --format csv");
    REQUIRE(plain.exit_code == 0);
    CHECK(plain.out.rfind("rank,village_name,township,poverty_rate,nearest_site_m,nearest_pipeline_m,nearest_ditch_m\n", 0) == 0);
    CHECK(plain.err.find("the plan") == std::string::npos);

    const auto alone = county.run("rank --plan");
    CHECK(alone.exit_code == 2);
    CHECK(alone.err == "countyatlas: --plan and --plan-year go with --uncovered: the plan is judged on the villages no project reached\n");
}

TEST_CASE("an exported figure draws a planned site hollow and a finished one filled, and its legend says so") {
    const PlanCounty county;
    const std::string png = county.dir.file("plan.png");
    const auto report = county.export_to(png, "--dpi 300 --labels off");
    const test::Image image(png);
    auto pixel = [&](double lon, double lat, double dx = 0, double dy = 0) {
        const auto p = on_page(report, lon, lat);
        return image.at(static_cast<int>(std::lround(p.x + dx)), static_cast<int>(std::lround(p.y + dy)));
    };
    const scene::Color type = scene::style::project_type_color("whole_village");
    const scene::Color paper{255, 255, 255, 255};
    // Finished, in 甲村: coloured at its centre.
    CHECK(is(pixel(101.975, 25.475), type));
    // Planned, in 乙村: white at its centre and 5 px around it, the colour on its ring (radius
    // 10.9 px at 300 dpi, the ring 3.75 px wide inside it) on all four sides.
    CHECK(is(pixel(101.975, 25.525), paper, 6));
    for (const auto& side : {std::pair{1.0, 0.0}, {-1.0, 0.0}, {0.0, 1.0}, {0.0, -1.0}}) {
        const double x = side.first, y = side.second;  // named, not bound: clang 14 lets no CAPTURE take a structured binding
        CAPTURE(x);
        CAPTURE(y);
        CHECK(is(pixel(101.975, 25.525, 5 * x, 5 * y), paper, 6));
        bool ring = false;  // a pixel of the ring's middle, 8 to 10 px out (the page's pixel grid may shift it by one)
        for (double d = 8; d <= 10; ++d) ring = ring || is(pixel(101.975, 25.525, d * x, d * y), type);
        CHECK(ring);
    }
    // The village fill around it is no paper white: the centre is the symbol's, not the map's.
    CHECK_FALSE(is(pixel(101.975, 25.525, 30, 0), paper, 6));

    const std::string pdf = county.dir.file("plan.pdf");
    county.export_to(pdf);
    const auto text = test::run("pdftotext '" + pdf + "' -");
    REQUIRE_MESSAGE(text.exit_code == 0, text.err);
    CHECK(text.out.find("计划（空心）") != std::string::npos);
    CHECK(text.out.find("整村推进") != std::string::npos);
    const std::string en = county.dir.file("plan-en.pdf");
    county.export_to(en, "--language en");
    CHECK(test::run("pdftotext '" + en + "' -").out.find("planned (hollow)") != std::string::npos);

    // Only finished sites drawn: nothing hollow, no such legend row.
    const std::string finished = county.dir.file("finished.pdf");
    county.export_to(finished, "--status finished");
    CHECK(test::run("pdftotext '" + finished + "' -").out.find("计划（空心）") == std::string::npos);
}

TEST_CASE("--highlight-uncovered outlines the villages the plan reaches dashed, those it still misses solid red") {
    const PlanCounty county;
    const std::string png = county.dir.file("gaps.png");
    const auto report = county.export_to(png, "--dpi 200 --labels off --highlight-uncovered");
    const test::Image image(png);
    const auto reached = scene::style::kReachedByPlan, missed = scene::style::kStillMissed;
    // 丙村 (missed): its west side, on the township border, solid red all along.
    CHECK(share_along(image, report, {102.0, 25.455}, {102.0, 25.495}, missed) > 0.95);
    // 乙村 (reached): its side shared with 甲村 dashed: blue in part, and never red.
    const double dashed = share_along(image, report, {101.955, 25.5}, {101.995, 25.5}, reached);
    CHECK(dashed > 0.3);
    CHECK(dashed < 0.9);
    CHECK(share_along(image, report, {101.955, 25.5}, {101.995, 25.5}, missed) == 0);
    // 戊村 (reached by name) likewise, on its east side; 甲村 (covered) and 丁村 (not poor) carry neither.
    CHECK(share_along(image, report, {102.1, 25.455}, {102.1, 25.495}, reached) > 0.3);
    CHECK(share_along(image, report, {101.95, 25.455}, {101.95, 25.495}, reached) == 0);
    CHECK(share_along(image, report, {101.95, 25.455}, {101.95, 25.495}, missed) == 0);
    CHECK(share_along(image, report, {102.05, 25.505}, {102.05, 25.545}, missed) == 0);

    const std::string pdf = county.dir.file("gaps.pdf");
    const auto pdf_report = county.export_to(pdf, "--highlight-uncovered");
    const auto text = test::run("pdftotext '" + pdf + "' -").out;
    CHECK(text.find("计划覆盖") != std::string::npos);
    CHECK(text.find("仍未覆盖") != std::string::npos);
    // The 2013 plan leaves 戊村 missed too, and reaches 乙村 only.
    const std::string png2013 = county.dir.file("gaps2013.png");
    const auto report2013 = county.export_to(png2013, "--dpi 200 --labels off --plan-year 2013");
    const test::Image image2013(png2013);
    CHECK(share_along(image2013, report2013, {102.1, 25.455}, {102.1, 25.495}, missed) > 0.95);
    CHECK(share_along(image2013, report2013, {101.955, 25.5}, {101.995, 25.5}, reached) > 0.3);
    // Without the option, no outline.
    const std::string plain = county.dir.file("plain.png");
    const auto plain_report = county.export_to(plain, "--dpi 200 --labels off");
    CHECK(share_along(test::Image(plain), plain_report, {102.0, 25.455}, {102.0, 25.495}, missed) == 0);
}

TEST_CASE("an atlas of planned sites only says under its statistics title what it counts") {
    const PlanCounty county;
    const std::string folder = county.dir.file("atlas");
    const auto r = county.run("export --atlas township --status planned --out '" + folder + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto text = test::run("pdftotext -layout '" + folder + "/atlas.pdf' -");
    REQUIRE_MESSAGE(text.exit_code == 0, text.err);
    CHECK(text.out.find("仅计入：计划") != std::string::npos);
    // The statistics count the 4 planned rows (乙村, 丁村, 戊村 by name, 乙乡 only): 1 in 甲镇, 3 in 乙乡, 4 in all.
    const auto stats = nlohmann::json::parse(county.run("stats --status planned --format json").out);
    CHECK(stats["total"]["sites"] == 4);

    const std::string en = county.dir.file("atlas-en");
    const auto r_en = county.run("export --atlas township --status planned,finished --year 2012-2013 --language en --out '" + en + "'");
    REQUIRE_MESSAGE(r_en.exit_code == 0, r_en.err);
    CHECK(test::run("pdftotext '" + en + "/atlas.pdf' -").out.find("counting: planned, finished; 2012-2013") != std::string::npos);

    const std::string all = county.dir.file("atlas-all");
    REQUIRE(county.run("export --atlas township --out '" + all + "'").exit_code == 0);
    CHECK(test::run("pdftotext '" + all + "/atlas.pdf' -").out.find("仅计入") == std::string::npos);
}
