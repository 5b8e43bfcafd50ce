// The CPU hillshade against values worked by hand (and by gdaldem hillshade) on planes.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>

#include "core/scene/hillshade.hpp"

using namespace ca;

namespace {

// A grid of `n` × `n` cells of 10 m, its north-west corner at (0, 0), elevations z(east_m, north_m)
// at the cell centres.
model::ElevationGrid plane(int n, const std::function<float(double, double)>& z) {
    model::ElevationGrid grid;
    grid.width = grid.height = n;
    grid.extent_m.add({0, -10.0 * n});
    grid.extent_m.add({10.0 * n, 0});
    for (int row = 0; row < n; ++row)
        for (int col = 0; col < n; ++col) grid.z.push_back(z(10 * col + 5, -10 * row - 5));
    return grid;
}

}  // namespace

TEST_CASE("the hillshade of a plane is gdaldem hillshade's value, worked by hand") {
    // z = 0.1·east − 0.2·north: dz/dx = 0.1, dz/dy = −0.2. Sun at azimuth 315°, altitude 45°:
    // (sin 45° − cos 45°·(0.1·sin 315° − 0.2·cos 315°)) / √(1 + 0.01 + 0.04)
    //   = (0.70711 + 0.70711·0.21213) / 1.02470 = 0.83645; gdaldem writes 1 + 254·0.83645 = 213.
    const auto grid = plane(5, [](double e, double n) { return static_cast<float>(0.1 * e - 0.2 * n); });
    CHECK(scene::hillshade(grid, 2, 2, 315, 45) == doctest::Approx(0.83645).epsilon(1e-4));
    CHECK(scene::hillshade_of_gradient(0.1, -0.2, 315, 45) == doctest::Approx(0.83645).epsilon(1e-4));
    // Flat ground: sin(altitude), whatever the azimuth.
    const auto flat = plane(3, [](double, double) { return 1200.0f; });
    CHECK(scene::hillshade(flat, 1, 1, 90, 30) == doctest::Approx(0.5));
}

TEST_CASE("a slope facing the sun is lit, one facing away is shaded, and turning the sun flips them") {
    // z = 0.1·east: the slope faces west. (sin 45° ± cos 45°·0.1) / √1.01 = 0.77395 and 0.63324.
    const auto grid = plane(5, [](double e, double) { return static_cast<float>(0.1 * e); });
    CHECK(scene::hillshade(grid, 2, 2, 270, 45) == doctest::Approx(0.77395).epsilon(1e-4));
    CHECK(scene::hillshade(grid, 2, 2, 90, 45) == doctest::Approx(0.63324).epsilon(1e-4));
    // A wall facing away from a low sun is in full shade, never negative.
    const auto wall = plane(3, [](double e, double) { return static_cast<float>(10 * e); });
    CHECK(scene::hillshade(wall, 1, 1, 90, 10) == 0.0f);
}

TEST_CASE("the hillshade keeps the map light and leaves nodata untouched") {
    CHECK(scene::shade_factor(0) == doctest::Approx(0.45));
    CHECK(scene::shade_factor(1) == doctest::Approx(1.0));
    // Nodata: no shade of its own; a nodata neighbour takes the centre's elevation.
    auto grid = plane(3, [](double e, double) { return static_cast<float>(0.1 * e); });
    grid.z[4] = NAN;
    CHECK(std::isnan(scene::hillshade(grid, 1, 1, 315, 45)));
    const auto pixels = scene::hillshade_pixels(grid, {});
    CHECK(pixels[4] == 0x00FFFFFFu);  // white multiplies nothing
    // The cell west of it (z 0.5; 1.5 to the north-east and south-east): its edge and its nodata
    // neighbours take 0.5, so dz/dx = ((1.5 + 2·0.5 + 1.5) − 4·0.5) / 80 = 0.025 and dz/dy = 0.
    CHECK(scene::hillshade(grid, 0, 1, 315, 45) == doctest::Approx(scene::hillshade_of_gradient(0.025, 0, 315, 45)));
    // Tint: green lowland, near-white peaks.
    const auto low = scene::hypsometric_tint(1000, 1000, 3000), high = scene::hypsometric_tint(3000, 1000, 3000);
    CHECK(low[1] > low[0]);
    CHECK(high[0] > 0.95f);
}
