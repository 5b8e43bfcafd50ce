// What a map shows: township borders and names dissolved from villages, the villages' extent,
// symbols per kind and type, and a legend of what is on the page.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "core/loading/load_project.hpp"
#include "core/scene/build.hpp"
#include "core/scene/style.hpp"
#include "core/scene/townships.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

std::string square(double lon, double lat, double side = 0.05) { return test::square_wkt(lon, lat, side); }

// Four villages of 5 km around 102°E, 25.5°N, no township layer: 甲镇 west, 乙乡 east.
struct County {
    test::TempDir dir;
    County() {
        test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}},
                          {{square(101.95, 25.45), {"甲村", "甲镇"}}, {square(101.95, 25.5), {"乙村", "甲镇"}},
                           {square(102.0, 25.45), {"丙村", "乙乡"}}, {square(102.0, 25.5), {"丁村", "乙乡"}}});
    }
    model::Project load(const std::vector<loading::SourceArgument>& more = {}) const {
        std::vector<loading::SourceArgument> sources = {{dir.file("villages.gpkg"), model::Role::Villages}};
        sources.insert(sources.end(), more.begin(), more.end());
        return loading::load_project(sources, {});
    }
};

std::vector<std::string> legend_keys(const scene::Scene& s) {
    std::vector<std::string> keys;
    for (const auto& e : s.legend) keys.push_back(e.key);
    return keys;
}

}  // namespace

TEST_CASE("without a township layer, township borders are dissolved from the villages and drawn above the village borders") {
    const County county;
    const auto s = scene::build(county.load());
    std::vector<std::size_t> township_strokes;
    std::size_t last_village_border = 0;
    for (std::size_t i = 0; i < s.items.size(); ++i)
        if (const auto* stroke = std::get_if<scene::Stroke>(&s.items[i])) {
            if (stroke->outline_of) last_village_border = i;
            else township_strokes.push_back(i);
        }
    REQUIRE(township_strokes.size() == 2);
    for (std::size_t i : township_strokes) {
        const auto& stroke = std::get<scene::Stroke>(s.items[i]);
        CHECK(i > last_village_border);
        CHECK(stroke.color == scene::style::kTownshipBorder);
        CHECK(stroke.width_px > scene::style::kVillageBorderPx);
        // Each township is its two villages' union: one 5 x 10 km ring, no inner edge left.
        CHECK(stroke.shape_m.ring_count() == 1);
        const auto e = stroke.shape_m.extent();
        CHECK(e.height() / e.width() == doctest::Approx(2.2).epsilon(0.05));  // 0.1° of latitude over 0.05° of longitude at 25.5°N
    }
    // Township names come first among the labels, larger than village names.
    std::set<std::string> townships;
    for (const auto& l : s.labels)
        if (l.priority == 0) {
            townships.insert(l.text);
            CHECK(l.size_px > 14);
        }
    CHECK(townships == std::set<std::string>{"甲镇", "乙乡"});
}

TEST_CASE("a township layer, when there is one, is drawn instead of the dissolved villages") {
    const County county;
    test::write_layer(county.dir.file("townships.gpkg"), "GPKG", 4490, {{"乡镇"}}, {{square(101.95, 25.45, 0.1), {"全县镇"}}});
    const auto s = scene::build(county.load({{county.dir.file("townships.gpkg"), model::Role::Townships}}));
    std::vector<std::string> names;
    for (const auto& l : s.labels)
        if (l.priority == 0) names.push_back(l.text);
    CHECK(names == std::vector<std::string>{"全县镇"});
}

TEST_CASE("the map's extent is the villages', so a site typed 30 km outside does not stretch it") {
    const County county;
    test::write_layer(county.dir.file("sites.gpkg"), "GPKG", 4490, {{"项目类型"}},
                      {{"POINT(101.97 25.47)", {"整村推进"}}, {"POINT(102.35 25.5)", {"培训"}}});  // the second ~35 km east
    const auto without = scene::build(county.load());
    const auto project = county.load({{county.dir.file("sites.gpkg"), model::Role::Sites}});
    const auto with = scene::build(project);
    CHECK(with.extent_m.min_x == doctest::Approx(without.extent_m.min_x));
    CHECK(with.extent_m.max_x == doctest::Approx(without.extent_m.max_x));
    CHECK(with.extent_m.max_y == doctest::Approx(without.extent_m.max_y));
    // About 10 x 11 km of villages and a 2 % margin.
    CHECK(with.extent_m.width() == doctest::Approx(10050 * 1.04).epsilon(0.02));
    // The viewer draws the stray site (it may be panned to); a page of the data leaves it out,
    // and its type out of the legend.
    auto markers = [](const scene::Scene& s) { return std::count_if(s.items.begin(), s.items.end(), [](const auto& i) { return std::holds_alternative<scene::Marker>(i); }); };
    CHECK(markers(with) == 2);
    CHECK(legend_keys(with) == std::vector<std::string>{"training", "whole_village"});
    scene::BuildOptions page;
    page.page_extent_m = model::Extent{};
    const auto on_page = scene::build(project, {}, nullptr, page);
    CHECK(markers(on_page) == 1);
    CHECK(legend_keys(on_page) == std::vector<std::string>{"whole_village"});
}

TEST_CASE("the legend lists only the kinds of works on the page, each with its own symbol") {
    const County county;
    test::write_layer(county.dir.file("ponds.gpkg"), "GPKG", 4490, {{"类型"}},
                      {{"POINT(101.97 25.47)", {"坝塘"}}, {"POINT(102.02 25.47)", {"水井"}}, {"POINT(101.97 25.52)", {"小坝塘"}},
                       {"POINT(102.6 25.5)", {"水窖"}}});  // the cellar 60 km east, off the page
    scene::BuildOptions page;
    page.page_extent_m = model::Extent{};
    const auto s = scene::build(county.load({{county.dir.file("ponds.gpkg"), model::Role::Ponds}}), {}, nullptr, page);
    REQUIRE(legend_keys(s) == std::vector<std::string>{"pond", "well"});
    CHECK(s.legend[0].kind == scene::LegendEntry::Kind::Square);
    CHECK(s.legend[1].kind == scene::LegendEntry::Kind::Triangle);
    CHECK(s.legend[0].color == scene::style::pond_marker("pond").color);
}

TEST_CASE("every infrastructure kind and project type has a symbol of its own, in Okabe-Ito colours") {
    using Group = scene::style::Symbol::Group;
    const std::vector<std::pair<Group, std::vector<std::string>>> groups = {
        {Group::PointWork, {"pond", "reservoir", "cellar", "well"}},
        {Group::LineWork, {"ditch", "pipeline", "u_trough", "road", "power"}},
        {Group::ProjectType, {"whole_village", "relocation", "industry", "microcredit", "training", "housing", "other"}}};
    const auto palette = scene::style::okabe_ito();
    for (const auto& [group, keys] : groups) {
        std::set<std::tuple<int, int, int, int, float>> looks;
        for (const auto& key : keys) {
            const auto& s = scene::style::symbol_of(key, group);
            CAPTURE(key);
            CHECK(s.key == key);  // a row of its own, not the fallback
            looks.insert({s.color.r * 65536 + s.color.g * 256 + s.color.b, static_cast<int>(s.shape), 0, 0, s.dash_px[0]});
            if (key != "other") CHECK(std::find(palette.begin(), palette.end(), s.color) != palette.end());
        }
        CHECK(looks.size() == keys.size());  // no two alike in colour, shape and dash
    }
    // Point works never look like a project site (a circle).
    for (const char* kind : {"pond", "reservoir", "cellar", "well", "something else"})
        CHECK(scene::style::pond_marker(kind).shape != scene::MarkerShape::Circle);
}

TEST_CASE("a thin gap left between two villages of a township is no township border") {
    test::TempDir dir;
    // 甲村 and 乙村 of 甲镇, 20 m apart along their shared side, with a third village closing the
    // gap's ends: their union has the gap as a long, thin hole.
    test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}},
                      {{"POLYGON((101.95 25.45,101.99 25.45,101.99 25.5,101.95 25.5,101.95 25.45),(101.96 25.46,101.96 25.47,101.97 25.47,101.97 25.46,101.96 25.46))",
                        {"甲村", "甲镇"}},
                       {"POLYGON((101.9902 25.45,102.03 25.45,102.03 25.5,101.9902 25.5,101.9902 25.45))", {"乙村", "甲镇"}},
                       {"POLYGON((101.95 25.5,102.03 25.5,102.03 25.52,101.95 25.52,101.95 25.5))", {"丙村", "甲镇"}},
                       {"POLYGON((101.95 25.43,102.03 25.43,102.03 25.45,101.95 25.45,101.95 25.43))", {"丁村", "甲镇"}},
                       // an enclave of another township inside 甲村: a real border
                       {"POLYGON((101.96 25.46,101.97 25.46,101.97 25.47,101.96 25.47,101.96 25.46))", {"戊村", "乙乡"}}});
    const auto outlines = scene::dissolved_townships(loading::load_project({{dir.file("villages.gpkg"), model::Role::Villages}}, {}));
    REQUIRE(outlines.size() == 2);
    CHECK(outlines[0].name == "甲镇");
    // Its outer ring and the enclave's hole; the gap's hole is gone.
    CHECK(outlines[0].shape_m.ring_count() == 2);
    CHECK(outlines[1].shape_m.ring_count() == 1);
}
