// Coordinates from the CRSs county data arrives in, checked against PROJ's own cs2cs.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/io/vector_reader.hpp"
#include "core/io/working_crs.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

enum class AxisOrder { NorthingFirst, EastingFirst };

// cs2cs takes and gives coordinates in each CRS's own axis order: northing first for the Chinese
// Gauss-Krüger CRSs, easting first for UTM, latitude first for EPSG:4490.
model::Vec2 cs2cs_to_lonlat(int epsg, double easting, double northing, AxisOrder order) {
    std::ostringstream command;
    command.precision(15);
    command << "echo ";
    if (order == AxisOrder::NorthingFirst) command << northing << " " << easting;
    else command << easting << " " << northing;
    command << " | cs2cs -f %.12f EPSG:" << epsg << " EPSG:4490";
    const auto result = test::run(command.str());
    REQUIRE_MESSAGE(result.exit_code == 0, "cs2cs failed (is proj-bin installed?): " << result.err);
    double lat = 0, lon = 0;
    REQUIRE(std::sscanf(result.out.c_str(), "%lf %lf", &lat, &lon) == 2);
    return {lon, lat};
}

// Reads a three-vertex line in `epsg` and compares every vertex with cs2cs: a polygon or line
// must come through as whole as a single point.
void check_against_cs2cs(int epsg, double easting, double northing, AxisOrder order = AxisOrder::NorthingFirst) {
    CAPTURE(epsg);
    const std::vector<std::pair<double, double>> vertices = {
        {easting, northing}, {easting + 1000.25, northing + 500.5}, {easting - 700.75, northing + 1200.125}};
    test::TempDir dir;
    const std::string path = dir.file("line.gpkg");
    std::ostringstream wkt;
    wkt.precision(15);
    wkt << "LINESTRING(";
    for (std::size_t i = 0; i < vertices.size(); ++i) wkt << (i ? "," : "") << vertices[i].first << " " << vertices[i].second;
    wkt << ")";
    test::write_layer(path, "GPKG", epsg, {}, {{wkt.str(), {}}});
    const auto layers = io::read_source({path, {}}, {});
    CHECK(layers[0].source_crs.epsg == epsg);
    const auto& coords = layers.at(0).features.at(0).geometry.coords;
    REQUIRE(coords.size() == vertices.size());
    for (std::size_t i = 0; i < vertices.size(); ++i) {
        const model::Vec2 proj = cs2cs_to_lonlat(epsg, vertices[i].first, vertices[i].second, order);
        // 1 mm on the ground: 1e-8 degrees of latitude is 1.1 mm.
        const double metres_per_degree = 111320.0;
        CHECK(std::fabs(coords[i].y - proj.y) * metres_per_degree < 0.001);
        CHECK(std::fabs(coords[i].x - proj.x) * metres_per_degree * std::cos(proj.y * M_PI / 180) < 0.001);
    }
}

}  // namespace

TEST_CASE("a Gauss-Kruger line without zone prefix reads as the lon/lat cs2cs gives, to 1 mm") {
    check_against_cs2cs(4543, 433187.612, 2845231.407);  // CGCS2000 / 3-degree GK CM 102E
}

TEST_CASE("a Gauss-Kruger line with zone prefix reads as the lon/lat cs2cs gives, to 1 mm") {
    check_against_cs2cs(4522, 34433187.612, 2845231.407);  // CGCS2000 / 3-degree GK zone 34
}

TEST_CASE("Xi'an 1980 and Beijing 1954 Gauss-Kruger lines read as cs2cs gives them") {
    check_against_cs2cs(2383, 433187.612, 2845231.407);  // Xian 1980 / 3-degree GK CM 102E
    check_against_cs2cs(2431, 433187.612, 2845231.407);  // Beijing 1954 / 3-degree GK CM 102E
}

TEST_CASE("UTM lines read as cs2cs gives them") { check_against_cs2cs(32647, 732000.5, 2846000.25, AxisOrder::EastingFirst); }

TEST_CASE("the working CRS is the 3-degree Gauss-Kruger zone nearest the data") {
    model::Extent yunnan;
    yunnan.add({100.9, 25.3});
    yunnan.add({101.7, 26.1});
    auto working = io::choose_working_crs(yunnan);
    CHECK(working->epsg() == 4543);  // central meridian 102E
    model::Extent beijing;
    beijing.add({116.2, 39.8});
    beijing.add({116.5, 40.0});
    CHECK(io::choose_working_crs(beijing)->epsg() == 4548);  // 117E
    model::Extent europe;
    europe.add({10.0, 50.0});
    europe.add({10.5, 50.5});
    CHECK(io::choose_working_crs(europe)->epsg() == 32632);

    // Forward and back returns the same point to well under a millimetre.
    std::vector<model::Vec2> points{{101.3, 25.7}};
    working->forward(points);
    CHECK(points[0].x == doctest::Approx(500000 - 70150).epsilon(0.01));  // ~70 km west of 102E
    working->inverse(points);
    CHECK(std::fabs(points[0].x - 101.3) < 1e-9);
    CHECK(std::fabs(points[0].y - 25.7) < 1e-9);
}
