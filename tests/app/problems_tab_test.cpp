// The viewer's Problems tab, driven by --script: what loading and counting met in a messy county
// folder, counted on the tab, and a click that takes the map to the problem's place.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/loading/load_project.hpp"
#include "support/fixtures.hpp"
#include "support/viewer_run.hpp"

using namespace ca;
namespace fs = std::filesystem;

namespace {

constexpr double kOutsideLon = 101.30, kOutsideLat = 25.05;  // east of both villages

// GBK villages without .cpg; a project list with a row naming a township and village that do not
// exist (line 3) and a row whose point lies outside every village (line 4).
std::string write_messy_county(const test::TempDir& dir) {
    fs::create_directory(dir.path() / "county");
    test::write_gbk_villages_without_cpg(dir.file("county/villages.shp"));
    test::write_text(dir.file("county/projects.csv"), "项目名称,乡镇,村名,资金,经度,纬度\n"
                                                      "水窖,湾碧乡,麻栗树,1000,101.05,25.05\n"
                                                      "沟渠,三台乡,大麦地,2000,,\n"
                                                      "道路,湾碧乡,石板箐,3000," + std::to_string(kOutsideLon) + "," + std::to_string(kOutsideLat) + "\n");
    return dir.file("county");
}

std::vector<std::string> lines_of(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The 1-based number `problem-click` takes for the listed problem whose place is `place`.
std::size_t listed_number(const std::vector<std::string>& lines, const std::string& place) {
    std::size_t n = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (lines[i].rfind("warning\t", 0) != 0 && lines[i].rfind("error\t", 0) != 0 && lines[i].rfind("note\t", 0) != 0) continue;
        ++n;
        if (lines[i].find("\t" + place + "\t") != std::string::npos) return n;
    }
    FAIL("no problem at " << place);
    return 0;
}

}  // namespace

TEST_CASE("the Problems tab lists loading's and counting's problems by kind and counts errors and warnings on its label") {
    test::TempDir dir;
    const std::string county = write_messy_county(dir);
    test::run_viewer_script(dir.path().string(), county, {"tab problems", "save-problems " + dir.file("zh.txt"), "screenshot " + dir.file("zh.png")});
    const auto zh = lines_of(dir.file("zh.txt"));
    REQUIRE(!zh.empty());
    // By hand: the GBK guess is a note; the two sites that cannot be placed are warnings.
    CHECK(zh[0] == "问题 (2)");
    std::size_t warnings = 0, notes = 0;
    for (const auto& line : zh) warnings += line.rfind("warning\t", 0) == 0, notes += line.rfind("note\t", 0) == 0;
    CHECK(warnings == 2);
    CHECK(notes >= 1);
    const std::string all = [&] {
        std::string text;
        for (const auto& line : zh) text += line + "\n";
        return text;
    }();
    CHECK(all.find("# 未匹配的项目 (2)\n") != std::string::npos);  // the kind as the Chinese tab heads it
    CHECK(all.find("warning\tprojects.csv, 第 3 行\tcounted in no region: ") != std::string::npos);
    CHECK(all.find("warning\tprojects.csv, 第 4 行\tcounted in no region: ") != std::string::npos);
    CHECK(all.find("note\tvillages.shp\ttext read as GBK") != std::string::npos);

    test::run_viewer_script(dir.path().string(), county,
                            {"language en", "tab problems", "save-problems " + dir.file("en.txt"), "screenshot " + dir.file("en.png")}, "en_US.UTF-8");
    const auto en = lines_of(dir.file("en.txt"));
    REQUIRE(!en.empty());
    CHECK(en[0] == "Problems (2)");
    CHECK(std::find(en.begin(), en.end(), "# unmatched site (2)") != en.end());
    CHECK(listed_number(en, "projects.csv, row 4") > 0);
}

TEST_CASE("clicking the problem of a site outside every village zooms the map to its point") {
    test::TempDir dir;
    const std::string county = write_messy_county(dir);
    test::run_viewer_script(dir.path().string(), county, {"save-problems " + dir.file("list.txt")});
    const std::size_t n = listed_number(lines_of(dir.file("list.txt")), "projects.csv, 第 4 行");
    const auto shots = test::run_viewer_script(dir.path().string(), county,
                                               {"tab problems", "screenshot " + dir.file("before.png"), "problem-click " + std::to_string(n),
                                                "screenshot " + dir.file("after.png")});
    REQUIRE(shots.size() == 2);
    const auto project = loading::load_project({{county, model::Role::Unknown}}, {});
    std::vector<model::Vec2> point = {{kOutsideLon, kOutsideLat}};
    project.working->forward(point);
    auto shows = [&](const test::Shot& shot) {
        const auto px = shot.viewport.to_px(point[0]);
        return px.x >= 0 && px.y >= 0 && px.x < shot.viewport.width_px && px.y < shot.viewport.height_px;
    };
    // Before: the county fitted to its villages (the point 10 km east of them does not stretch
    // it); after: a kilometre or so around the point.
    CHECK_FALSE(shows(shots[0]));
    CHECK(shows(shots[1]));
    const auto centre = shots[1].viewport.to_px(point[0]);
    CHECK(std::abs(centre.x - shots[1].viewport.width_px / 2.0) < 2);
    CHECK(std::abs(centre.y - shots[1].viewport.height_px / 2.0) < 2);
    CHECK(shots[1].viewport.m_per_px * 4 < shots[0].viewport.m_per_px);
    CHECK(shots[1].viewport.m_per_px * shots[1].viewport.width_px < 5000);
    // The point is picked: the selection's blue ring is drawn around it.
    const test::Image after(shots[1].path);
    const auto [x, y] = shots[1].pixel(point[0]);
    int blue = 0;
    for (int dx = -14; dx <= 14; ++dx)
        for (int dy = -14; dy <= 14; ++dy) {
            const auto c = after.at(x + dx, y + dy);
            blue += c.b > 200 && c.r < 80 && c.g < 150;
        }
    CHECK(blue > 20);
}

namespace {

bool near(test::Rgb c, test::Rgb want, int tolerance = 6) {
    return std::abs(c.r - want.r) <= tolerance && std::abs(c.g - want.g) <= tolerance && std::abs(c.b - want.b) <= tolerance;
}

// Window rows (y) of the right panel most of whose width shows `colour`: a table's header row, a
// selected row (text inside covers only part of it).
std::vector<int> panel_rows_of(const test::Image& image, int panel_left, test::Rgb colour) {
    std::vector<int> rows;
    for (int y = 0; y < image.height(); ++y) {
        int hits = 0, samples = 0;
        for (int x = panel_left + 12; x < image.width() - 12; x += 5, ++samples) hits += near(image.at(x, y), colour);
        if (hits * 2 > samples) rows.push_back(y);
    }
    return rows;
}

}  // namespace

TEST_CASE("clicking the problem of a row without a place opens the attribute table on that row, selected") {
    test::TempDir dir;
    const std::string county = write_messy_county(dir);
    test::run_viewer_script(dir.path().string(), county, {"save-problems " + dir.file("list.txt")});
    const std::size_t n = listed_number(lines_of(dir.file("list.txt")), "projects.csv, 第 3 行");
    const auto shots = test::run_viewer_script(dir.path().string(), county,
                                               {"tab problems", "screenshot " + dir.file("before.png"), "problem-click " + std::to_string(n),
                                                "screenshot " + dir.file("after.png")});
    REQUIRE(shots.size() == 2);
    // Nothing to zoom to: the map stays where it was.
    CHECK(shots[1].viewport.m_per_px == shots[0].viewport.m_per_px);
    // The table (its header row, ImGui's light theme) shows with one row selected below it: the
    // second data row, line 3 of the file, one row's height below the header.
    const int panel_left = shots[1].left + shots[1].viewport.width_px;
    const test::Image after(shots[1].path);
    const auto header = panel_rows_of(after, panel_left, {199, 222, 250});
    const auto selected = panel_rows_of(after, panel_left, {175, 201, 232});
    REQUIRE(!header.empty());
    REQUIRE(!selected.empty());
    const int row_px = selected.back() - selected.front() + 1;
    CHECK(selected.size() == static_cast<std::size_t>(row_px));  // one band
    CHECK(row_px > 12);
    CHECK(std::abs(selected.front() - header.back() - 1 - row_px) <= 3);  // the first data row between
    CHECK(panel_rows_of(test::Image(shots[0].path), panel_left, {199, 222, 250}).empty());  // the Problems tab has no header row
}

TEST_CASE("a sites layer without a recognised village name or funds column is offered for field mapping") {
    test::TempDir dir;
    const std::string county = write_messy_county(dir);
    test::write_text(dir.file("county/projects.csv"), "项目名称,乡镇,地点,金额,经度,纬度\n水窖,湾碧乡,麻栗树,1000,101.05,25.05\n");
    const auto shots = test::run_viewer_script(dir.path().string(), county,
                                               {"tab problems", "save-problems " + dir.file("list.txt"), "screenshot " + dir.file("closed.png"),
                                                "map-fields 0", "screenshot " + dir.file("open.png")});
    const auto lines = lines_of(dir.file("list.txt"));
    REQUIRE(lines.size() > 1);
    CHECK(lines[1] == "fields\tprojects\tvillage_name funds_yuan ");
    // The layers panel unfolds the layer's field mapping: its combos fill the panel below the layer.
    const test::Image closed(shots.at(0).path), open(shots.at(1).path);
    int changed = 0;
    for (int y = 150; y < 500; y += 3)
        for (int x = 20; x < 270; x += 3) {
            const auto a = closed.at(x, y), b = open.at(x, y);
            changed += a.r != b.r || a.g != b.g || a.b != b.b;
        }
    CHECK(changed > 1000);
}

TEST_CASE("with nothing to report the Problems tab says every row is counted") {
    test::TempDir dir;
    fs::create_directory(dir.path() / "county");
    // GeoPackage text is Unicode: no encoding to guess; both projects are placed.
    test::write_layer(dir.file("county/villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}, {"人口", true}, {"贫困人口", true}},
                      {{"POLYGON((101 25,101.1 25,101.1 25.1,101 25.1,101 25))", {"麻栗树", "湾碧乡", "812", "300"}},
                       {"POLYGON((101.1 25,101.2 25,101.2 25.1,101.1 25.1,101.1 25))", {"石板箐", "湾碧乡", "640", "100"}}});
    test::write_text(dir.file("county/projects.csv"), "项目名称,乡镇,村名,资金,经度,纬度\n水窖,湾碧乡,麻栗树,1000,101.05,25.05\n沟渠,湾碧乡,石板箐,2000,,\n");
    test::run_viewer_script(dir.path().string(), dir.file("county"), {"tab problems", "save-problems " + dir.file("zh.txt")});
    test::run_viewer_script(dir.path().string(), dir.file("county"), {"tab problems", "save-problems " + dir.file("en.txt")}, "en_US.UTF-8");
    CHECK(lines_of(dir.file("zh.txt")) == std::vector<std::string>{"问题 (0)", "没有问题：每一行都已计入。"});
    CHECK(lines_of(dir.file("en.txt")) == std::vector<std::string>{"Problems (0)", "No problems: every row is counted."});
}

TEST_CASE("a long list scrolls with a clipper, and a click far down it brings its table row into view") {
    test::TempDir dir;
    const std::string county = write_messy_county(dir);
    // 300 projects of a township that does not exist, without a location: lines 2 to 301.
    std::string csv = "项目名称,乡镇,村名,资金\n";
    for (int i = 0; i < 300; ++i) csv += "沟渠" + std::to_string(i) + ",三台乡,大麦地,2000\n";
    test::write_text(dir.file("county/projects.csv"), csv);
    test::run_viewer_script(dir.path().string(), county, {"save-problems " + dir.file("list.txt")});
    const auto lines = lines_of(dir.file("list.txt"));
    CHECK(lines.at(0) == "问题 (300)");
    CHECK(std::find(lines.begin(), lines.end(), "# 未匹配的项目 (300)") != lines.end());
    const std::size_t n = listed_number(lines, "projects.csv, 第 280 行");
    const auto shots = test::run_viewer_script(dir.path().string(), county, {"tab problems", "problem-click " + std::to_string(n),
                                                                             "screenshot " + dir.file("after.png")});
    // Row 280 is far below the table's first screen: it was scrolled to, and shows selected.
    const int panel_left = shots.at(0).left + shots.at(0).viewport.width_px;
    const auto selected = panel_rows_of(test::Image(shots[0].path), panel_left, {175, 201, 232});
    REQUIRE(!selected.empty());
    CHECK(selected.size() == static_cast<std::size_t>(selected.back() - selected.front() + 1));  // one band
}

TEST_CASE("a villages layer left without a name field is an error in the Problems tab, with the button to map it") {
    test::TempDir dir;
    const std::string county = write_messy_county(dir);
    test::run_viewer_script(dir.path().string(), county, {"layer 1 field village_name=none", "save-problems " + dir.file("list.txt")});
    const auto lines = lines_of(dir.file("list.txt"));
    REQUIRE(lines.size() > 2);
    CHECK(lines[0] == "问题 (1)");  // counting's warnings are gone with the counting; its error stays
    CHECK(lines[1] == "fields\tvillages\tvillage_name ");
    CHECK(std::find(lines.begin(), lines.end(), "# 无法统计 (1)") != lines.end());
    CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
              return l.rfind("error\tvillages.shp\tlayer villages: has no village name field", 0) == 0;
          }) == 1);
}

TEST_CASE("the Problems tab's severity filter hides notes but the label still counts errors and warnings") {
    test::TempDir dir;
    const std::string county = write_messy_county(dir);
    test::run_viewer_script(dir.path().string(), county,
                            {"tab problems", "problems-filter notes off", "save-problems " + dir.file("no_notes.txt"), "problems-filter warnings off",
                             "save-problems " + dir.file("nothing.txt"), "screenshot " + dir.file("nothing.png")});
    const auto no_notes = lines_of(dir.file("no_notes.txt"));
    // Counting's wording is its own: the lines are checked up to the message.
    REQUIRE(no_notes.size() == 4);
    CHECK(no_notes[0] == "问题 (2)");
    CHECK(no_notes[1] == "# 未匹配的项目 (2)");
    CHECK(no_notes[2].rfind("warning\tprojects.csv, 第 3 行\tcounted in no region: ", 0) == 0);
    CHECK(no_notes[3].rfind("warning\tprojects.csv, 第 4 行\tcounted in no region: ", 0) == 0);
    CHECK(lines_of(dir.file("nothing.txt")) == std::vector<std::string>{"问题 (2)"});
}

TEST_CASE("clicking the problem of a village feature zooms to that village and selects it") {
    test::TempDir dir;
    fs::create_directory(dir.path() / "county");
    // Two villages of one township with one name: each is a problem naming its feature.
    test::write_layer(dir.file("county/villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}, {"人口", true}, {"贫困人口", true}},
                      {{"POLYGON((101 25,101.1 25,101.1 25.1,101 25.1,101 25))", {"麻栗树", "湾碧乡", "812", "300"}},
                       {"POLYGON((101.1 25,101.2 25,101.2 25.1,101.1 25.1,101.1 25))", {"麻栗树", "湾碧乡", "640", "100"}}});
    const std::string villages = dir.file("county/villages.gpkg");
    test::run_viewer_script(dir.path().string(), villages, {"save-problems " + dir.file("list.txt")});
    const auto lines = lines_of(dir.file("list.txt"));
    CHECK(lines.at(0) == "问题 (2)");
    const auto project = loading::load_project({{villages, model::Role::Unknown}}, {});
    const auto& second = project.layers.at(0).features.at(1);
    const std::size_t n = listed_number(lines, "villages.gpkg, 要素 " + std::to_string(second.fid));
    const auto shots = test::run_viewer_script(dir.path().string(), villages, {"tab problems", "problem-click " + std::to_string(n),
                                                                               "screenshot " + dir.file("after.png")});
    model::Geometry border = second.geometry;
    project.working->forward(border.coords);
    const auto e = border.extent();
    const auto centre = shots.at(0).viewport.to_px({(e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2});
    CHECK(std::abs(centre.x - shots[0].viewport.width_px / 2.0) < 2);
    CHECK(std::abs(centre.y - shots[0].viewport.height_px / 2.0) < 2);
    // Selected: the selection blue along its border.
    const test::Image image(shots[0].path);
    int blue = 0, samples = 0;
    for (std::size_t i = 0; i + 1 < border.coords.size(); ++i, ++samples) {
        const model::Vec2 mid{(border.coords[i].x + border.coords[i + 1].x) / 2, (border.coords[i].y + border.coords[i + 1].y) / 2};
        const auto [x, y] = shots[0].pixel(mid);
        const auto c = image.at(x, y);
        blue += c.b > 200 && c.r < 80 && c.g < 150;
    }
    CHECK(blue * 10 >= samples * 6);
}
