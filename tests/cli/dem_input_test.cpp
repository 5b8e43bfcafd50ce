// DEMs as offices receive them: without CRS, two of them, a vector file given as one, in a folder.
#include <filesystem>

#include <doctest/doctest.h>

#include "support/dem_writer.hpp"
#include "support/fixtures.hpp"

namespace ca {
namespace {

// One village of 1 km² at 101°E 25°N, and a DEM of 0.001° pixels over it, 1500 m everywhere.
void write_village_and_dem(const test::TempDir& dir, int dem_epsg, std::array<double, 6> geotransform) {
    test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}, {"人口", true}, {"贫困人口", true}},
                      {{test::square_wkt(101.0, 25.0, 0.01), {"高岭村", "高山乡", "500", "200"}}});
    test::DemSpec spec;
    spec.epsg = dem_epsg;
    spec.width = spec.height = 40;
    spec.geotransform = geotransform;
    test::write_dem(dir.file("dem.tif"), spec, [](int, int) { return 1500; });
}

constexpr std::array<double, 6> kDegrees{100.99, 0.001, 0, 25.02, 0, -0.001};

}  // namespace

TEST_CASE("a DEM without CRS whose corners are degrees is read as CGCS2000 lon/lat, and said so") {
    test::TempDir dir;
    write_village_and_dem(dir, 0, kDegrees);
    const auto result = test::run_countyatlas("stats --by village --format csv --villages " + dir.file("villages.gpkg") + " --dem " + dir.file("dem.tif"));
    INFO(result.err, result.out);
    REQUIRE(result.exit_code == 0);
    CHECK(result.err.find("dem.tif: no CRS declared; the numbers are degrees, read as CGCS2000 lon/lat (EPSG:4490)") != std::string::npos);
    CHECK(result.out.find(",1500,1500,1500,0,0,0") != std::string::npos);  // mean, min, max, slope, steep and high shares
}

TEST_CASE("a DEM without CRS in Gauss-Krüger metres takes the zone of the villages it lies under, and says so") {
    test::TempDir dir;
    // Metres of the zone of central meridian 102°E around 101°E 25°N, without the CRS.
    write_village_and_dem(dir, 0, {398500, 60, 0, 2768000, 0, -60});  // x 398500–400900, y 2765600–2768000
    const auto result = test::run_countyatlas("stats --by village --format json --villages " + dir.file("villages.gpkg") + " --dem " + dir.file("dem.tif"));
    INFO(result.err, result.out);
    REQUIRE(result.exit_code == 0);
    CHECK(result.err.find("dem.tif: no CRS declared; Gauss-Kruger metres without zone prefix, central meridian 102°E guessed from the other "
                          "layers (EPSG:4543)") != std::string::npos);
    CHECK(result.out.find("\"elevation_mean_m\": 1500") != std::string::npos);
}

TEST_CASE("two DEMs, or a vector file given as the DEM, stop with one line naming the files") {
    test::TempDir dir;
    write_village_and_dem(dir, 4490, kDegrees);
    std::filesystem::copy_file(dir.file("dem.tif"), dir.file("dem2.tif"));
    const auto two = test::run_countyatlas("stats --villages " + dir.file("villages.gpkg") + " --dem " + dir.file("dem.tif") + " --dem " + dir.file("dem2.tif"));
    CHECK(two.exit_code == 2);
    CHECK(two.err.find("two DEMs given (dem.tif and dem2.tif)") != std::string::npos);
    std::filesystem::copy_file(dir.file("villages.gpkg"), dir.file("boundaries.gpkg"));
    const auto vector = test::run_countyatlas("stats --villages " + dir.file("villages.gpkg") + " --dem " + dir.file("boundaries.gpkg"));
    CHECK(vector.exit_code == 2);
    CHECK(vector.err.find("boundaries.gpkg: cannot be read as a raster") != std::string::npos);
}

TEST_CASE("a folder holding the villages and a GeoTIFF: the GeoTIFF is the DEM") {
    test::TempDir dir;
    write_village_and_dem(dir, 4490, kDegrees);
    const auto result = test::run_countyatlas("stats --by village --format json " + dir.path().string());
    INFO(result.err, result.out);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("\"elevation_mean_m\": 1500") != std::string::npos);
}

TEST_CASE("a folder's other rasters are left out with a note: a photo, a colour map; two candidates make no DEM") {
    test::TempDir dir;
    write_village_and_dem(dir, 4490, kDegrees);
    test::DemSpec photo;
    photo.bands = 3, photo.width = photo.height = 40, photo.geotransform = kDegrees;
    test::write_dem(dir.file("photo.tif"), photo, [](int, int) { return 128; });
    const auto taken = test::run_countyatlas("stats --by village --format json " + dir.path().string());
    INFO(taken.err);
    REQUIRE(taken.exit_code == 0);
    CHECK(taken.err.find("photo.tif: not taken as the DEM: has 3 bands: an image, not an elevation model") != std::string::npos);
    CHECK(taken.out.find("\"elevation_mean_m\": 1500") != std::string::npos);
    std::filesystem::copy_file(dir.file("dem.tif"), dir.file("dem2.tif"));
    const auto two = test::run_countyatlas("stats --by village --format json " + dir.path().string());
    INFO(two.err);
    REQUIRE(two.exit_code == 0);
    CHECK(two.err.find("several rasters could be the DEM (dem.tif, dem2.tif); none taken: name one with --dem FILE") != std::string::npos);
    CHECK(two.out.find("elevation_mean_m") == std::string::npos);
    // Named with --dem, an image stops the run.
    const auto named = test::run_countyatlas("stats --villages " + dir.file("villages.gpkg") + " --dem " + dir.file("photo.tif"));
    CHECK(named.exit_code == 2);
    CHECK(named.err.find("photo.tif: has 3 bands") != std::string::npos);
}

}  // namespace ca
