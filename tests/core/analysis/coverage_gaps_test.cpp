// Uncovered poor villages and their distances to what exists.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "core/analysis/coverage_gaps.hpp"
#include "core/loading/load_project.hpp"
#include "support/fixtures.hpp"

using namespace ca;

TEST_CASE("an uncovered poor village is listed with its distance to the nearest site and water line") {
    // Two poor villages on the equator, 0.01 degrees apart; a site and a ditch only in the first.
    test::TempDir dir;
    test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"人口", true}, {"贫困人口", true}},
                      {{"POLYGON((0 -0.005,0.01 -0.005,0.01 0.005,0 0.005,0 -0.005))", {"甲", "100", "50"}},
                       {"POLYGON((0.02 -0.005,0.03 -0.005,0.03 0.005,0.02 0.005,0.02 -0.005))", {"乙", "100", "50"}}});
    test::write_layer(dir.file("sites.gpkg"), "GPKG", 4490, {{"项目类型"}}, {{"POINT(0.005 0)", {"整村推进"}}});
    test::write_layer(dir.file("lines.gpkg"), "GPKG", 4490, {{"kind"}},
                      {{"LINESTRING(0.001 0.001,0.008 0.001)", {"沟渠"}}, {"LINESTRING(0.0195 0,0.0199 0)", {"道路"}}});
    const auto project = loading::load_project({{dir.file("villages.gpkg"), model::Role::Villages},
                                                {dir.file("sites.gpkg"), model::Role::Sites},
                                                {dir.file("lines.gpkg"), model::Role::Lines}},
                                               {});
    const auto stats = analysis::compute_statistics(project, {});
    const auto gaps = analysis::coverage_gaps(project, stats);
    REQUIRE(gaps.size() == 1);
    CHECK(stats.villages[gaps[0].village].village_name == "乙");
    // On the equator 0.001 degrees of longitude are a * 0.001 * pi / 180 = 111.32 m; the working
    // CRS (a UTM zone here) is true to 0.1 %. The road is nearer but is no water line.
    const double metres_per_milli_degree = 6378137.0 * 0.001 * std::numbers::pi / 180;
    CHECK(*gaps[0].nearest_site_m == doctest::Approx(15 * metres_per_milli_degree).epsilon(1e-3));
    CHECK(*gaps[0].nearest_water_line_m == doctest::Approx(12 * metres_per_milli_degree).epsilon(1e-3));
}

TEST_CASE("distances to the nearest existing project, pipeline and ditch are told apart; a planned project covers nothing") {
    // As above, and: a planned project inside 乙 (it does not cover it, nor count as the nearest
    // project), a pipeline 0.005 degrees east of 乙, a U-trough 0.02 degrees west of it.
    test::TempDir dir;
    test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"人口", true}, {"贫困人口", true}},
                      {{"POLYGON((0 -0.005,0.01 -0.005,0.01 0.005,0 0.005,0 -0.005))", {"甲", "100", "50"}},
                       {"POLYGON((0.02 -0.005,0.03 -0.005,0.03 0.005,0.02 0.005,0.02 -0.005))", {"乙", "100", "50"}}});
    test::write_layer(dir.file("sites.gpkg"), "GPKG", 4490, {{"项目类型"}, {"状态"}},
                      {{"POINT(0.005 0)", {"整村推进", "已完工"}}, {"POINT(0.025 0)", {"整村推进", "规划"}}});
    test::write_layer(dir.file("lines.gpkg"), "GPKG", 4490, {{"kind"}},
                      {{"LINESTRING(0.001 0.001,0.008 0.001)", {"沟渠"}},
                       {"LINESTRING(0.035 0,0.04 0)", {"管道"}},
                       {"LINESTRING(0.0 0.004,0.0 0.003)", {"U型槽"}}});
    const auto project = loading::load_project({{dir.file("villages.gpkg"), model::Role::Villages},
                                                {dir.file("sites.gpkg"), model::Role::Sites},
                                                {dir.file("lines.gpkg"), model::Role::Lines}},
                                               {});
    const auto stats = analysis::compute_statistics(project, {});
    const auto gaps = analysis::coverage_gaps(project, stats);
    REQUIRE(gaps.size() == 1);
    CHECK(stats.villages[gaps[0].village].village_name == "乙");
    const double m = 6378137.0 * 0.001 * std::numbers::pi / 180;  // metres per 0.001 degrees here
    CHECK(*gaps[0].nearest_site_m == doctest::Approx(15 * m).epsilon(1e-3));      // the finished one in 甲
    CHECK(*gaps[0].nearest_pipeline_m == doctest::Approx(5 * m).epsilon(1e-3));
    CHECK(*gaps[0].nearest_ditch_m == doctest::Approx(12 * m).epsilon(1e-3));      // the ditch, nearer than the trough
    CHECK(*gaps[0].nearest_water_line_m == doctest::Approx(5 * m).epsilon(1e-3));

    // Counting planned projects as covering, 乙 has its project.
    analysis::StatsOptions planned_too;
    planned_too.covering_statuses = std::set<std::string>{"planned", "finished"};
    CHECK(analysis::coverage_gaps(project, analysis::compute_statistics(project, planned_too)).empty());
}
