// Loading a project: roles guessed, repairs and skips counted, web-map offsets removed.
#include <doctest/doctest.h>

#include <cmath>

#include "core/io/web_map_offsets.hpp"
#include "core/loading/load_project.hpp"
#include "support/fixtures.hpp"

using namespace ca;

TEST_CASE("the sample county's layers get the roles their names and fields say") {
    const auto project = loading::load_project({{test::sample_county(), model::Role::Unknown}}, {});
    REQUIRE(project.layers.size() == 5);
    CHECK(project.layers[0].role == model::Role::Townships);
    CHECK(project.layers[1].role == model::Role::Villages);
    CHECK(project.layers[2].role == model::Role::Sites);
    CHECK(project.layers[3].role == model::Role::Lines);
    CHECK(project.layers[4].role == model::Role::Ponds);
    CHECK(project.working->epsg() == 4543);
    CHECK(project.problems.empty());
}

TEST_CASE("roles are guessed from fields when layer names say nothing") {
    test::TempDir dir;
    test::write_layer(dir.file("a.gpkg"), "GPKG", 4490, {{"村名"}, {"总人口", true}},
                      {{"POLYGON((101 25,101.1 25,101.1 25.1,101 25))", {"麻栗树", "900"}}});
    test::write_layer(dir.file("b.gpkg"), "GPKG", 4490, {{"乡镇"}}, {{"POLYGON((101 25,101.1 25,101.1 25.1,101 25))", {"湾碧乡"}}});
    test::write_layer(dir.file("c.gpkg"), "GPKG", 4490, {{"项目类型"}}, {{"POINT(101.05 25.05)", {"整村推进"}}});
    test::write_layer(dir.file("d.gpkg"), "GPKG", 4490, {{"类型"}, {"库容"}}, {{"POINT(101.05 25.05)", {"坝塘", "3000"}}});
    test::write_layer(dir.file("e.gpkg"), "GPKG", 4490, {{"类型"}}, {{"LINESTRING(101 25,101.1 25.1)", {"沟渠"}}});
    std::vector<loading::SourceArgument> sources;
    for (const char* f : {"a.gpkg", "b.gpkg", "c.gpkg", "d.gpkg", "e.gpkg"}) sources.push_back({dir.file(f), model::Role::Unknown});
    const auto project = loading::load_project(sources, {});
    CHECK(project.layers[0].role == model::Role::Villages);
    CHECK(project.layers[1].role == model::Role::Townships);
    CHECK(project.layers[2].role == model::Role::Sites);
    CHECK(project.layers[3].role == model::Role::Ponds);
    CHECK(project.layers[4].role == model::Role::Lines);
}

TEST_CASE("invalid polygons are repaired and NULL geometries skipped, each counted") {
    test::TempDir dir;
    const std::string path = dir.file("villages.gpkg");
    test::write_layer(path, "GPKG", 4490, {{"village_name"}},
                      {{"POLYGON((101 25,101.2 25.2,101.2 25,101 25.2,101 25))", {"bow-tie"}},
                       {"POLYGON((101 25,101.1 25,101.1 25.1,101 25))", {"fine"}},
                       {"", {"no geometry"}},
                       {"POLYGON EMPTY", {"empty"}}});
    const auto project = loading::load_project({{path, model::Role::Villages}}, {});
    const auto& layer = project.layers.at(0);
    CHECK(layer.features.size() == 2);
    CHECK(layer.counts.repaired == 1);
    CHECK(layer.counts.empty_skipped == 2);
    CHECK(layer.features[0].geometry.part_count() == 2);
    CHECK(project.problems.counts().at("repaired geometry") == 1);
    CHECK(project.problems.counts().at("empty geometry") == 2);
}

TEST_CASE("sites rows without a location are kept for placing by name") {
    test::TempDir dir;
    const std::string path = dir.file("projects.csv");
    test::write_text(path, "项目名称,村委会,经度,纬度\nA,麻栗树,,\nB,石板箐,101.2,25.6\n");
    const auto project = loading::load_project({{path, model::Role::Unknown}}, {});
    const auto& layer = project.layers.at(0);
    CHECK(layer.role == model::Role::Sites);
    CHECK(layer.features.size() == 2);
    CHECK(layer.counts.without_geometry == 1);
    CHECK(layer.counts.empty_skipped == 0);
}

TEST_CASE("--coords gcj02 moves points typed from web maps back to WGS84") {
    test::TempDir dir;
    const std::string path = dir.file("sites.csv");
    const model::Vec2 truth{101.3, 25.7};
    const model::Vec2 typed = io::wgs84_to_gcj02(truth);
    char line[128];
    std::snprintf(line, sizeof line, "项目名称,lon,lat\nA,%.10f,%.10f\n", typed.x, typed.y);
    test::write_text(path, line);
    loading::LoadOptions options;
    options.coords.add("gcj02");
    const auto project = loading::load_project({{path, model::Role::Sites}}, options);
    const auto p = project.layers.at(0).features.at(0).geometry.coords.at(0);
    CHECK(std::fabs(p.x - truth.x) < 1e-8);
    CHECK(std::fabs(p.y - truth.y) < 1e-8);
}
