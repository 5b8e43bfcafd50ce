// Reading text in the source's own encoding: GBK shapefiles with and without .cpg, --encoding.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/io/vector_reader.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

// A GBK shapefile as land bureaus send them: Chinese field names and values, written by GDAL
// with ENCODING=CP936 (which also writes a .cpg saying so).
std::string write_gbk_villages(const test::TempDir& dir) {
    const std::string path = dir.file("villages.shp");
    test::write_layer(path, "ESRI Shapefile", 4490, {{"村名"}, {"乡镇"}, {"人口", true}},
                      {{"POLYGON((101 25,101.1 25,101.1 25.1,101 25.1,101 25))", {"麻栗树", "湾碧乡", "812"}},
                       {"POLYGON((101.1 25,101.2 25,101.2 25.1,101.1 25.1,101.1 25))", {"石板箐", "昙华乡", "640"}}},
                      {"ENCODING=CP936"});
    return path;
}

}  // namespace

TEST_CASE("a GBK shapefile with a .cpg reads back as the right Chinese") {
    test::TempDir dir;
    const std::string path = write_gbk_villages(dir);
    REQUIRE(std::filesystem::exists(dir.file("villages.cpg")));
    const auto layers = io::read_source({path, {}}, {});
    REQUIRE(layers.size() == 1);
    const auto& layer = layers[0];
    CHECK(layer.field_names == std::vector<std::string>{"村名", "乡镇", "人口"});
    CHECK(model::to_text(layer.value(layer.features[0], model::Meaning::VillageName)) == "麻栗树");
    CHECK(model::to_text(layer.value(layer.features[1], model::Meaning::Township)) == "昙华乡");
    CHECK(model::to_number(layer.value(layer.features[1], model::Meaning::Population)) == 640.0);
    CHECK(layer.encoding == "GBK (.cpg)");
}

TEST_CASE("a GBK shapefile without .cpg is recognised as GBK because it is not valid UTF-8") {
    test::TempDir dir;
    const std::string path = write_gbk_villages(dir);
    std::filesystem::remove(dir.file("villages.cpg"));
    const auto layers = io::read_source({path, {}}, {});
    const auto& layer = layers[0];
    CHECK(layer.field_names[0] == "村名");
    CHECK(model::to_text(layer.value(layer.features[0], model::Meaning::VillageName)) == "麻栗树");
    CHECK(layer.encoding == "GBK (detected: not valid UTF-8)");
}

TEST_CASE("--encoding overrides what the .cpg says") {
    test::TempDir dir;
    const std::string path = write_gbk_villages(dir);
    test::write_text(dir.file("villages.cpg"), "UTF-8");  // a wrong .cpg, as happens
    const auto layers = io::read_source({path, {}}, {.encoding = "GBK", .assume_crs = {}});
    CHECK(model::to_text(layers[0].value(layers[0].features[0], model::Meaning::VillageName)) == "麻栗树");
    CHECK(layers[0].encoding == "GBK (--encoding)");
}

TEST_CASE("a CSV saved by Excel in GBK is decoded too") {
    test::TempDir dir;
    const std::string path = dir.file("projects.csv");
    // "项目名称,村委会\n水窖工程,麻栗树\n" in GBK bytes.
    test::write_text(path, "\xcf\xee\xc4\xbf\xc3\xfb\xb3\xc6,\xb4\xe5\xce\xaf\xbb\xe1\n\xcb\xae\xbd\xd1\xb9\xa4\xb3\xcc,\xc2\xe9\xc0\xf5\xca\xf7\n");
    const auto layers = io::read_source({path, {}}, {});
    CHECK(layers[0].field_names == std::vector<std::string>{"项目名称", "村委会"});
    CHECK(model::to_text(layers[0].value(layers[0].features[0], model::Meaning::VillageName)) == "麻栗树");
}
