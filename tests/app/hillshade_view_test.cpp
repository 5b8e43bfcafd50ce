// The viewer's hillshade (on the GPU), under a display: the flank facing the sun is the lighter.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/io/working_crs.hpp"
#include "support/dem_writer.hpp"
#include "support/fixtures.hpp"
#include "support/viewer_run.hpp"

using namespace ca;

namespace {

// Mean of r + g + b over the 5 × 5 pixels around a ground point (lon/lat, drawn in EPSG:4543).
double brightness(const test::Shot& shot, const test::Image& image, double lon, double lat) {
    std::vector<model::Vec2> p{{lon, lat}};
    io::make_projection("EPSG:4543")->forward(p);
    const auto [x, y] = shot.pixel(p[0]);
    double sum = 0;
    for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx) {
            const auto rgb = image.at(x + dx, y + dy);
            sum += rgb.r + rgb.g + rgb.b;
        }
    return sum / 25;
}

}  // namespace

TEST_CASE("in the viewer, the flank of a ridge facing the sun is lighter, and turning the sun flips it") {
    test::TempDir dir;
    std::filesystem::create_directory(dir.file("data"));
    // One village of 20 km over a north-south ridge along 102°E, and the DEM beside it in the folder.
    test::write_layer(dir.file("data/villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}}, {{test::square_wkt(101.9, 25.4, 0.2), {"岭村", "岭乡"}}});
    test::write_ridge_dem(dir.file("data/dem.tif"));
    const auto shots = test::run_viewer_script(dir.path().string(), dir.file("data"),
                                               {"labels off", "terrain azimuth 270", "screenshot " + dir.file("west.png"), "terrain azimuth 90",
                                                "screenshot " + dir.file("east.png"), "terrain visible off", "screenshot " + dir.file("none.png")});
    REQUIRE(shots.size() == 3);
    const test::Image west_sun(shots[0].path), east_sun(shots[1].path), no_shade(shots[2].path);
    // Flanks 0.05° (5 km) either side of the crest, in the village. Slope 0.3, sun 45° high:
    // lit (0.707 + 0.212) / 1.044 = 0.88 (× 0.93), away (0.707 − 0.212) / 1.044 = 0.47 (× 0.71).
    const double west_flank = brightness(shots[0], west_sun, 101.95, 25.5), east_flank = brightness(shots[0], west_sun, 102.05, 25.5);
    CHECK(west_flank > east_flank * 1.2);
    CHECK(brightness(shots[1], east_sun, 102.05, 25.5) > brightness(shots[1], east_sun, 101.95, 25.5) * 1.2);
    // Shade only darkens the village's own colour; hidden, both flanks are the plain fill.
    const double plain = brightness(shots[2], no_shade, 101.95, 25.5);
    CHECK(plain == doctest::Approx(brightness(shots[2], no_shade, 102.05, 25.5)).epsilon(0.01));
    CHECK(west_flank < plain);
    CHECK(west_flank > plain * 0.85);  // light: the choropleth stays readable
}
