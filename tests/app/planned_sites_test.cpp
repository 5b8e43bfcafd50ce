// The real viewer draws a planned site hollow (white inside a ring of its type's colour) and a
// finished one filled, as print does.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/io/working_crs.hpp"
#include "core/scene/style.hpp"
#include "support/fixtures.hpp"
#include "support/viewer_run.hpp"

using namespace ca;

namespace {

bool is(const test::Rgb& got, scene::Color want, int tolerance) {
    return std::abs(got.r - want.r) <= tolerance && std::abs(got.g - want.g) <= tolerance && std::abs(got.b - want.b) <= tolerance;
}

// Pixels of `colour` within `radius` pixels of (x, y).
int around(const test::Image& image, int x, int y, int radius, scene::Color colour) {
    int n = 0;
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) n += is(image.at(x + dx, y + dy), colour, 20);
    return n;
}

}  // namespace

TEST_CASE("the viewer draws a planned site hollow and a finished one filled, in the same type's colour") {
    test::TempDir dir;
    test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}},
                      {{test::square_wkt(101.95, 25.45, 0.05), {"甲村", "甲镇"}}, {test::square_wkt(102.0, 25.45, 0.05), {"乙村", "甲镇"}}});
    test::write_layer(dir.file("sites.gpkg"), "GPKG", 4490, {{"项目类型"}, {"状态"}},
                      {{"POINT(101.975 25.475)", {"整村推进", "已完工"}}, {"POINT(102.025 25.475)", {"整村推进", "计划"}}});
    // Both files: the quotes close and reopen around the space between them.
    const std::string data = dir.file("villages.gpkg") + "' '" + dir.file("sites.gpkg");
    const auto shots = test::run_viewer_script(dir.path().string(), data, {"labels off", "screenshot " + dir.file("shot.png")});
    REQUIRE(shots.size() == 1);
    const test::Image image(shots[0].path);
    const scene::Color type = scene::style::project_type_color("whole_village"), paper{255, 255, 255, 255};
    // Where each site lands: the window pixel of its projected point (the viewer's working CRS is
    // the zone of 102°E, EPSG:4543, as its report says).
    auto site_px = [&](double lon, double lat) {
        std::vector<model::Vec2> p = {{lon, lat}};
        io::make_projection("EPSG:4543")->forward(p);
        return shots[0].pixel(p[0]);
    };
    const auto [fx, fy] = site_px(101.975, 25.475);
    const auto [px, py] = site_px(102.025, 25.475);
    CHECK(is(image.at(fx, fy), type, 20));
    CHECK(is(image.at(px, py), paper, 12));
    // The planned one's ring is its type's colour: a ring's worth of pixels around the white.
    CHECK(around(image, px, py, 4, type) >= 8);
}
