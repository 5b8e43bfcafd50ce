// Zonal terrain statistics against values worked by hand on planes and a cone, in a projected and
// a geographic CRS, with nodata and a village smaller than a pixel.
#include <cmath>
#include <numbers>
#include <optional>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/loading/load_project.hpp"
#include "core/terrain/zonal.hpp"
#include "support/dem_writer.hpp"
#include "support/fixtures.hpp"
#include "support/workbook_probe.hpp"

namespace ca {
namespace {

constexpr double kDegree = std::numbers::pi / 180;
// A 100 × 100 DEM of 30 m pixels in CGCS2000 / 3-degree Gauss-Krüger CM 102E, its north-west
// corner at (500000, 2800000): pixel (c, r) covers x 500000 + 30c … + 30(c + 1).
constexpr double kX0 = 500000, kY0 = 2800000, kCell = 30;

test::DemSpec projected_dem() {
    test::DemSpec spec;
    spec.epsg = 4543;
    spec.geotransform = {kX0, kCell, 0, kY0, 0, -kCell};
    return spec;
}

// z = 1000 + 0.5 · (x − x0): slope atan(0.5) = 26.565° everywhere, steeper than 25°.
double eastward_plane(int col, int) { return 1000 + 0.5 * kCell * (col + 0.5); }

std::string rectangle(double x0, double y0, double x1, double y1) {
    char wkt[256];
    std::snprintf(wkt, sizeof wkt, "POLYGON((%.3f %.3f,%.3f %.3f,%.3f %.3f,%.3f %.3f,%.3f %.3f))", x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
    return wkt;
}

// 大坡村: x 500615–501215 (half a pixel in at both sides), rows 30–49; 坝子村: cols 60–69, rows
// 30–39 exactly, same township; 小组村: 5 m × 1.5 m inside pixel (80, 80), between the scanlines
// (which cross a pixel row at 3.75, 11.25… m from its top), another township.
void write_villages(const std::string& path, int epsg) {
    test::write_layer(path, "GPKG", epsg, {{"村名"}, {"乡镇"}, {"人口", true}, {"贫困人口", true}},
                      {{rectangle(kX0 + 615, kY0 - 50 * kCell, kX0 + 1215, kY0 - 30 * kCell), {"大坡村", "高山乡", "500", "200"}},
                       {rectangle(kX0 + 60 * kCell, kY0 - 40 * kCell, kX0 + 70 * kCell, kY0 - 30 * kCell), {"坝子村", "高山乡", "400", "40"}},
                       {rectangle(kX0 + 80 * kCell + 10, kY0 - 80 * kCell - 3, kX0 + 80 * kCell + 15, kY0 - 80 * kCell - 1.5),
                        {"小组村", "河谷乡", "30", "3"}}});
}

terrain::VillageTerrain terrain_of(const std::string& villages, const std::string& dem, double high_altitude_m = 2500) {
    const auto project = loading::load_project({{villages, model::Role::Villages}, {dem, model::Role::Dem}}, {});
    return terrain::village_terrain(project, high_altitude_m);
}

double mean(const analysis::TerrainSums& s, double analysis::TerrainSums::*sum) { return s.*sum / s.area_m2; }

}  // namespace

TEST_CASE("zonal terrain on a plane of known slope in a projected CRS: edge pixels weighted by the part inside") {
    test::TempDir dir;
    test::write_dem(dir.file("dem.tif"), projected_dem(), eastward_plane);
    write_villages(dir.file("villages.gpkg"), 4543);
    const auto terrain = terrain_of(dir.file("villages.gpkg"), dir.file("dem.tif"), 1450);
    REQUIRE(terrain.villages.size() == 3);
    const auto& slope_village = terrain.villages[0];
    // By hand: pixel centres x − x0 = 615 (half), 645 … 1185, 1215 (half): weighted mean 915.
    CHECK(mean(slope_village, &analysis::TerrainSums::elevation_m_m2) == doctest::Approx(1000 + 0.5 * 915).epsilon(1e-9));
    CHECK(slope_village.area_m2 == doctest::Approx(600.0 * 600.0).epsilon(1e-6));
    CHECK(slope_village.min_m == doctest::Approx(1000 + 0.5 * 615));
    CHECK(slope_village.max_m == doctest::Approx(1000 + 0.5 * 1215));
    CHECK(mean(slope_village, &analysis::TerrainSums::slope_deg_m2) == doctest::Approx(std::atan(0.5) / kDegree).epsilon(1e-6));
    CHECK(mean(slope_village, &analysis::TerrainSums::steep_m2) == doctest::Approx(1.0));
    // Above 1450 m: the pixels from x − x0 = 915 on, 10 whole and the half at the edge, of 20.
    CHECK(mean(slope_village, &analysis::TerrainSums::high_m2) == doctest::Approx(10.5 / 20));
    // Smaller than a pixel: the value of the pixel it lies in, weighted by its own area.
    const auto& tiny = terrain.villages[2];
    CHECK(tiny.min_m == doctest::Approx(1000 + 0.5 * kCell * 80.5));
    CHECK(tiny.max_m == doctest::Approx(tiny.min_m));
    CHECK(mean(tiny, &analysis::TerrainSums::elevation_m_m2) == doctest::Approx(tiny.min_m));
    CHECK(tiny.area_m2 == doctest::Approx(7.5).epsilon(2e-3));  // its own area, on the ellipsoid
    CHECK(terrain.not_covered == 0);
    CHECK(terrain.partly_covered == 0);
}

TEST_CASE("the terrain of a count is taken again when the villages and the DEM are the same, measured again when a village moved") {
    test::TempDir dir;
    test::write_dem(dir.file("dem.tif"), projected_dem(), eastward_plane);
    write_villages(dir.file("villages.gpkg"), 4543);
    auto project = loading::load_project({{dir.file("villages.gpkg"), model::Role::Villages}, {dir.file("dem.tif"), model::Role::Dem}}, {});
    analysis::StatsOptions first, second, third;
    terrain::attach_terrain(project, first);
    terrain::attach_terrain(project, second, &first);
    CHECK(second.village_terrain == first.village_terrain);  // the same measurement, not a copy
    // 大坡村's first vertex 300 m west: its terrain is measured anew (and it reaches lower ground).
    auto& moved = project.layers.front().features.front().geometry.coords;
    std::vector<model::Vec2> at = {moved.front()};
    project.working->forward(at);
    at.front().x -= 300;
    project.working->inverse(at);
    moved.front() = moved.back() = at.front();
    terrain::attach_terrain(project, third, &first);
    CHECK(third.village_terrain != first.village_terrain);
    CHECK(third.village_terrain->at(0).min_m < first.village_terrain->at(0).min_m);
}

TEST_CASE("zonal terrain leaves out nodata pixels and says which villages the DEM does not cover") {
    test::TempDir dir;
    test::DemSpec spec = projected_dem();
    spec.nodata = -9999;
    // No data east of x − x0 = 900 (columns 30 on), and none at all over the tiny village.
    test::write_dem(dir.file("dem.tif"), spec, [](int col, int row) { return col >= 30 || (col == 80 && row == 80) ? -9999 : eastward_plane(col, row); });
    write_villages(dir.file("villages.gpkg"), 4543);
    const auto terrain = terrain_of(dir.file("villages.gpkg"), dir.file("dem.tif"));
    const auto& half = terrain.villages[0];
    // By hand: 9.5 pixels a row with data (615 half, 645 … 885), 20 rows of 900 m².
    CHECK(half.area_m2 == doctest::Approx(9.5 * 20 * 900).epsilon(1e-6));
    CHECK(mean(half, &analysis::TerrainSums::elevation_m_m2) == doctest::Approx(1000 + 0.5 * (0.5 * 615 + 30 * 225 + 15 * 9) / 9.5).epsilon(1e-9));
    CHECK(half.max_m == doctest::Approx(1000 + 0.5 * 885));
    CHECK_FALSE(terrain.villages[1].has_data());  // 坝子村 lies wholly on nodata
    CHECK_FALSE(terrain.villages[2].has_data());
    CHECK(terrain.partly_covered == 1);
    CHECK(terrain.not_covered == 2);
}

TEST_CASE("zonal terrain in a geographic CRS measures slopes in metres on the ellipsoid: a plane and a cone") {
    test::TempDir dir;
    // 0.0005° pixels around 101°E 25°N. Metres per degree on CGCS2000's ellipsoid at a latitude:
    const double a = 6378137, f = 1 / 298.257222101, e2 = f * (2 - f);
    auto north_m_per_deg = [&](double lat) { return kDegree * a * (1 - e2) / std::pow(1 - e2 * std::sin(lat * kDegree) * std::sin(lat * kDegree), 1.5); };
    auto east_m_per_deg = [&](double lat) {
        return kDegree * a * std::cos(lat * kDegree) / std::sqrt(1 - e2 * std::sin(lat * kDegree) * std::sin(lat * kDegree));
    };
    test::DemSpec spec;
    spec.width = spec.height = 200;
    spec.geotransform = {100.95, 0.0005, 0, 25.05, 0, -0.0005};
    auto lat_of = [&](int row) { return 25.05 - 0.0005 * (row + 0.5); };
    auto lon_of = [&](int col) { return 100.95 + 0.0005 * (col + 0.5); };
    test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}},
                      {{test::square_wkt(100.965, 25.015, 0.02), {"北坡村", "高山乡"}}, {test::square_wkt(100.965, 24.965, 0.02), {"南坡村", "高山乡"}}});
    SUBCASE("a plane rising northwards by half a metre per metre: 26.57°") {
        test::write_dem(dir.file("dem.tif"), spec, [&](int, int row) { return 1000 + 0.5 * (lat_of(row) - 25.0) * north_m_per_deg(lat_of(row)); });
        const auto terrain = terrain_of(dir.file("villages.gpkg"), dir.file("dem.tif"));
        for (const auto& village : terrain.villages)
            CHECK(mean(village, &analysis::TerrainSums::slope_deg_m2) == doctest::Approx(std::atan(0.5) / kDegree).epsilon(2e-3));
    }
    SUBCASE("a cone of 30° flanks around 100.95+0.05°E 25°N") {
        test::write_dem(dir.file("dem.tif"), spec, [&](int col, int row) {
            const double lat = lat_of(row);
            return 3000 - std::tan(30 * kDegree) * std::hypot((lon_of(col) - 101.0) * east_m_per_deg(lat), (lat - 25.0) * north_m_per_deg(lat));
        });
        const auto terrain = terrain_of(dir.file("villages.gpkg"), dir.file("dem.tif"));
        for (const auto& village : terrain.villages) {
            CHECK(mean(village, &analysis::TerrainSums::slope_deg_m2) == doctest::Approx(30).epsilon(1e-2));
            CHECK(mean(village, &analysis::TerrainSums::steep_m2) == doctest::Approx(1.0));
        }
    }
}

TEST_CASE("zonal terrain across the seams of the strips the DEM is read in, and in feet stored as scaled integers") {
    test::TempDir dir;
    test::DemSpec spec = projected_dem();
    spec.height = 600;  // strips of 256 rows (a stripped GeoTIFF): seams after rows 255 and 511
    // z = 1000 + 0.5 · (x − x0) + 0.3 · (y0 − y): slope atan(√(0.5² + 0.3²)) = 30.26°, on both sides of a seam.
    auto tilted = [](int col, int row) { return 1000 + 0.5 * kCell * (col + 0.5) + 0.3 * kCell * (row + 0.5); };
    test::write_layer(dir.file("villages.gpkg"), "GPKG", 4543, {{"村名"}, {"乡镇"}},
                      {{rectangle(kX0 + 20 * kCell, kY0 - 270 * kCell, kX0 + 40 * kCell, kY0 - 250 * kCell), {"跨缝村", "高山乡"}}});
    SUBCASE("metres") {
        test::write_dem(dir.file("dem.tif"), spec, tilted);
        const auto village = terrain_of(dir.file("villages.gpkg"), dir.file("dem.tif")).villages.at(0);
        // By hand: columns 20–39 and rows 250–269, pixel centres at their means 30 and 260.
        CHECK(mean(village, &analysis::TerrainSums::elevation_m_m2) == doctest::Approx(1000 + 0.5 * kCell * 30 + 0.3 * kCell * 260));
        CHECK(mean(village, &analysis::TerrainSums::slope_deg_m2) == doctest::Approx(std::atan(std::hypot(0.5, 0.3)) / kDegree).epsilon(1e-6));
        CHECK(village.min_m == doctest::Approx(tilted(20, 250)));
        CHECK(village.max_m == doctest::Approx(tilted(39, 269)));
    }
    SUBCASE("feet, stored as tenths of a foot above 100 ft") {
        spec.scale = 0.1, spec.offset = 100, spec.unit = "ft";
        test::write_dem(dir.file("dem.tif"), spec, [&](int col, int row) { return (tilted(col, row) / 0.3048 - 100) / 0.1; });
        const auto village = terrain_of(dir.file("villages.gpkg"), dir.file("dem.tif")).villages.at(0);
        CHECK(mean(village, &analysis::TerrainSums::elevation_m_m2) == doctest::Approx(1000 + 0.5 * kCell * 30 + 0.3 * kCell * 260).epsilon(1e-5));
        CHECK(mean(village, &analysis::TerrainSums::slope_deg_m2) == doctest::Approx(std::atan(std::hypot(0.5, 0.3)) / kDegree).epsilon(1e-4));
    }
}

TEST_CASE("zonal terrain in Web Mercator: slopes on the ground, not in the projection's stretched metres") {
    test::TempDir dir;
    // 30 projected metres a pixel around 101°E 25°N, where a projected metre is cos 25° of a ground metre.
    const double x0 = 11243247.0, y0 = 2875744.0, ground = std::cos(25 * kDegree);
    test::DemSpec spec;
    spec.epsg = 3857;
    spec.geotransform = {x0, kCell, 0, y0, 0, -kCell};
    // Half a metre up per ground metre eastwards: 26.57°, where the projection's metres would say 24.4°.
    test::write_dem(dir.file("dem.tif"), spec, [&](int col, int) { return 1000 + 0.5 * ground * kCell * (col + 0.5); });
    test::write_layer(dir.file("villages.gpkg"), "GPKG", 3857, {{"村名"}, {"乡镇"}},
                      {{rectangle(x0 + 20 * kCell, y0 - 60 * kCell, x0 + 60 * kCell, y0 - 20 * kCell), {"墨卡托村", "高山乡"}}});
    const auto village = terrain_of(dir.file("villages.gpkg"), dir.file("dem.tif")).villages.at(0);
    CHECK(mean(village, &analysis::TerrainSums::slope_deg_m2) == doctest::Approx(std::atan(0.5) / kDegree).epsilon(2e-3));
    // The area too is the ground's, on the ellipsoid: 40 × 40 pixels of 30 cos φ · N/a by 30 cos φ · M/a.
    const double e2 = 0.00669438002290, s2 = std::pow(std::sin(25 * kDegree), 2);
    const double east_m = kCell * ground / std::sqrt(1 - e2 * s2), north_m = kCell * ground * (1 - e2) / std::pow(1 - e2 * s2, 1.5);
    CHECK(village.area_m2 == doctest::Approx(1600 * east_m * north_m).epsilon(5e-4));
}

TEST_CASE("stats with a DEM: terrain columns for villages, townships weighted by area, and the high altitude used") {
    test::TempDir dir;
    test::write_dem(dir.file("dem.tif"), projected_dem(), eastward_plane);
    write_villages(dir.file("villages.gpkg"), 4543);
    const auto result = test::run_countyatlas("stats --villages " + dir.file("villages.gpkg") + " --dem " + dir.file("dem.tif") +
                                              " --by township --format json --high-altitude 1450");
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json["high_altitude_m"] == 1450);
    const auto& township = json["regions"][1];  // 河谷乡 sorts first
    REQUIRE(township["township"] == "高山乡");
    // 大坡村 360,000 m² at 1457.5 m; 坝子村 90,000 m², columns 60–69: 1000 + 0.5 · 1950 = 1975 m.
    CHECK(township["elevation_mean_m"].get<double>() == doctest::Approx((360000 * 1457.5 + 90000 * 1975) / 450000.0));
    CHECK(township["elevation_max_m"].get<double>() == doctest::Approx(1000 + 0.5 * 2085));
    CHECK(township["steep_share"].get<double>() == doctest::Approx(1.0));
    CHECK(township["high_altitude_share"].get<double>() == doctest::Approx((360000 * 0.525 + 90000) / 450000.0));
    CHECK(result.err.find("dem.tif: DEM of 100 × 100 pixels") != std::string::npos);

    // The workbook for the report carries the same figures, under Chinese headings with units.
    const std::string xlsx = dir.file("乡镇统计.xlsx");
    REQUIRE(test::run_countyatlas("stats --villages " + dir.file("villages.gpkg") + " --dem " + dir.file("dem.tif") + " --format xlsx -o " + xlsx)
                .exit_code == 0);
    const auto cells = test::workbook_cells(xlsx, test::workbook_sheets(xlsx).at(0));
    std::optional<std::size_t> column;
    std::optional<std::string> value;
    for (const auto& row : cells)
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (row[c] == "平均海拔（米）") column = c;
            if (column && !row.empty() && row[0] == "高山乡" && *column < row.size()) value = row[*column];
        }
    REQUIRE(value);
    CHECK(std::stod(*value) == doctest::Approx(1561));
}

}  // namespace ca
