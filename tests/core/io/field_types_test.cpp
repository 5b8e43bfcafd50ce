// The declared integer columns of a source: a GeoPackage's and a shapefile's, none for a CSV.
#include <doctest/doctest.h>

#include "core/io/field_types.hpp"
#include "core/loading/load_project.hpp"
#include "support/fixtures.hpp"

using namespace ca;

TEST_CASE("integer_fields names the integer columns a source declares, and none of a CSV") {
    test::TempDir dir;
    const std::vector<test::FieldSpec> fields = {{"项目名称"}, {"年度", true}, {"户数", true}};
    const std::vector<test::Row> rows = {{"POINT(101 25)", {"水窖", "2015", "12"}}};
    test::write_layer(dir.file("sites.gpkg"), "GPKG", 4490, fields, rows);
    test::write_layer(dir.file("sites.shp"), "ESRI Shapefile", 4490, fields, rows, {"ENCODING=UTF-8"});
    test::write_text(dir.file("sites.csv"), "项目名称,年度,户数\n水窖,2015,12\n");
    for (const char* file : {"sites.gpkg", "sites.shp"}) {
        CAPTURE(file);
        const auto project = loading::load_project({{dir.file(file), model::Role::Sites}}, {});
        CHECK(io::integer_fields(project.layers.front()) == std::set<std::string>{"年度", "户数"});
    }
    const auto csv = loading::load_project({{dir.file("sites.csv"), model::Role::Sites}}, {});
    CHECK(io::integer_fields(csv.layers.front()).empty());
}
