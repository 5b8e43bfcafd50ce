// Reading tables and layers: rows without coordinates kept, lon/lat columns, CRS errors.
#include <doctest/doctest.h>

#include "core/io/vector_reader.hpp"
#include "core/model/error.hpp"
#include "support/fixtures.hpp"

using namespace ca;

TEST_CASE("a CSV of projects without coordinates loads with all its rows") {
    test::TempDir dir;
    const std::string path = dir.file("projects.csv");
    test::write_text(path,
                     "项目名称,项目类型,乡镇,村委会,总投资(万元)\n"
                     "麻栗树人饮工程,整村推进,湾碧乡,麻栗树村委会,12.5\n"
                     "石板箐核桃基地,产业扶贫,昙华乡,石板箐,30\n"
                     "危房改造,危房改造,铁锁乡, 干海子村 ,8\n");
    const auto layers = io::read_source({path, {}}, {});
    REQUIRE(layers.size() == 1);
    const auto& layer = layers[0];
    REQUIRE(layer.features.size() == 3);
    for (const auto& f : layer.features) CHECK(f.geometry.empty());
    // Rows are the CSV's line numbers, the header being line 1 (DATA-CONTRACT.md).
    CHECK(layer.features[0].fid == 2);
    CHECK(layer.features[2].fid == 4);
    CHECK(model::to_text(layer.value(layer.features[2], model::Meaning::VillageName)) == " 干海子村 ");
    CHECK(layer.mapping[model::Meaning::Funds]->scale == 10000.0);
    CHECK(model::to_number(layer.value(layer.features[1], model::Meaning::Funds)) == 30.0);
}

TEST_CASE("lon/lat columns become points; a swapped pair is put right") {
    test::TempDir dir;
    const std::string path = dir.file("sites.csv");
    test::write_text(path, "name,经度,纬度\nA,101.25,25.61\nB,,\nC,25.62,101.26\nD,not a number,25\n");
    const auto layers = io::read_source({path, {}}, {});
    const auto& f = layers.at(0).features;
    REQUIRE(f.size() == 4);
    CHECK(f[0].geometry.coords.at(0) == model::Vec2{101.25, 25.61});
    CHECK(f[1].geometry.empty());
    CHECK(f[2].geometry.coords.at(0) == model::Vec2{101.26, 25.62});
    CHECK(f[3].geometry.empty());
    CHECK(layers[0].counts.from_lon_lat == 2);
}

TEST_CASE("a layer without a CRS is an error that names file and layer and says what to do") {
    test::TempDir dir;
    // GeoJSON without "crs" is WGS84 by its standard; a shapefile without .prj says nothing.
    const std::string shp = dir.file("nocrs.shp");
    test::write_layer(shp, "ESRI Shapefile", 0, {{"name"}}, {{"POINT(433000 2845000)", {"x"}}});
    try {
        io::read_source({shp, {}}, {});
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) ==
              "nocrs.shp, layer nocrs: has no coordinate reference system (no .prj or CRS in the file); pass --assume-crs "
              "EPSG:4490 (or the code you know it is in)");
    }
    const auto layers = io::read_source({shp, {}}, {.encoding = {}, .assume_crs = "EPSG:4543"});
    CHECK(layers[0].features[0].geometry.coords[0].x == doctest::Approx(101.33).epsilon(0.001));
}

TEST_CASE("a named layer that does not exist lists the layers there are") {
    try {
        io::read_source(io::parse_source(test::sample_county() + ":village"), {});
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "county.gpkg: has no layer \"village\"; its layers are: townships, villages, sites, lines, ponds");
    }
}

TEST_CASE("FILE:LAYER is split at the last colon unless the whole argument is a file") {
    CHECK(io::parse_source("a.gpkg:villages").path == "a.gpkg");
    CHECK(io::parse_source("a.gpkg:villages").layer == "villages");
    CHECK(io::parse_source("plain.shp").layer.empty());
    CHECK(io::parse_source(test::sample_county()).path == test::sample_county());
}

TEST_CASE("an Excel sheet whose cells are all text still has its first row as field names") {
    test::TempDir dir;
    const std::string path = dir.file("projects.xlsx");
    test::write_layer(path, "XLSX", 0, {{"项目名称"}, {"村委会"}, {"总投资(万元)"}},
                      {{"", {"麻栗树人饮工程", "麻栗树", "12.5"}}, {"", {"石板箐核桃基地", "石板箐", "30"}}});
    const auto layers = io::read_source({path, {}}, {});
    const auto& layer = layers.at(0);
    CHECK(layer.features.size() == 2);
    CHECK(layer.field_names == std::vector<std::string>{"项目名称", "村委会", "总投资(万元)"});
    CHECK(model::to_text(layer.value(layer.features[1], model::Meaning::VillageName)) == "石板箐");
}

TEST_CASE("KML from a phone app and FlatGeobuf read with their features and CRS") {
    test::TempDir dir;
    const std::string kml = dir.file("track.kml");
    test::write_layer(kml, "LIBKML", 4326, {{"name"}}, {{"LINESTRING(101.25 25.61,101.26 25.62)", {"沟渠"}}});
    const auto k = io::read_source({kml, {}}, {});
    REQUIRE(k.size() == 1);
    // WGS84 and CGCS2000 differ by centimetres, which PROJ does not model: coordinates stay put.
    const auto& c = k[0].features.at(0).geometry.coords;
    REQUIRE(c.size() == 2);
    CHECK(c[0].x == doctest::Approx(101.25).epsilon(1e-12));
    CHECK(c[1].y == doctest::Approx(25.62).epsilon(1e-12));
    CHECK(k[0].source_crs.epsg == 4326);

    const std::string fgb = dir.file("villages.fgb");
    test::write_layer(fgb, "FlatGeobuf", 4543, {{"村名"}}, {{"POLYGON((433000 2845000,434000 2845000,434000 2846000,433000 2845000))", {"麻栗树"}}});
    const auto f = io::read_source({fgb, {}}, {});
    CHECK(f.at(0).features.at(0).geometry.type == model::GeometryType::Polygon);
    CHECK(f[0].source_crs.epsg == 4543);
    CHECK(model::to_text(f[0].value(f[0].features[0], model::Meaning::VillageName)) == "麻栗树");
}
