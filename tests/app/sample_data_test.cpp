// `countyatlas` alone opens the built-in sample county, and its DEM beside it when there is one.
#include <doctest/doctest.h>

#include <filesystem>

#include "support/fixtures.hpp"

using namespace ca;

TEST_CASE("countyatlas run alone loads the sample county's DEM beside it, by role") {
    test::TempDir dir;
    // No display: the viewer draws its map to countyatlas-map.png in the working folder.
    const auto result = test::run("cd '" + dir.path().string() + "' && env -u DISPLAY -u WAYLAND_DISPLAY '" + std::string(CA_BINARY) + "'");
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    CHECK(result.out == "No display: the map was drawn to countyatlas-map.png\n");
    CHECK(std::filesystem::exists(dir.file("countyatlas-map.png")));
    // Loading says what it found in the DEM, as for any DEM named on the command line.
    CHECK(result.err.find("dem.tif: DEM of 1167 × 1142 pixels") != std::string::npos);
}

TEST_CASE("the sample county's files named on the command line load no DEM unless it is named too") {
    // Tests and scripts that count the sample name their files: the DEM beside them stays out.
    const auto without = test::run_countyatlas("stats '" + test::sample_county() + "' --format csv");
    REQUIRE_MESSAGE(without.exit_code == 0, without.err);
    CHECK(without.out.find("elevation_mean_m") == std::string::npos);
    const auto dem = (std::filesystem::path(test::sample_county()).parent_path() / "dem.tif").string();
    const auto with = test::run_countyatlas("stats '" + test::sample_county() + "' --dem '" + dem + "' --format csv");
    REQUIRE_MESSAGE(with.exit_code == 0, with.err);
    CHECK(with.out.find("elevation_mean_m") != std::string::npos);
}
