// Tables through GDAL: written whole or not at all, read back as written, nothing left in memory.
#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/io/table_writer.hpp"
#include "core/model/error.hpp"
#include "support/fixtures.hpp"
#include "support/full_disk.hpp"

using namespace ca;

namespace {

int memory_files() {
    char** list = VSIReadDir("/vsimem/");
    const int n = CSLCount(list);
    CSLDestroy(list);
    return n;
}

}  // namespace

TEST_CASE("a table is written whole in XLSX and GeoPackage, and nothing stays in GDAL's memory") {
    test::TempDir dir;
    const std::vector<io::Column> columns = {{"township", io::ColumnType::Text}, {"villages", io::ColumnType::Integer}, {"poverty_rate", io::ColumnType::Real}};
    const std::vector<io::TableRow> rows = {{{std::string("湾碧乡"), std::int64_t{12}, 0.41}, {}}, {{std::string("三岔河镇"), std::int64_t{9}, 0.375}, {}}};
    const int before = memory_files();
    for (const auto& [name, driver] : {std::pair{"t.xlsx", "XLSX"}, std::pair{"t.gpkg", "GPKG"}}) {
        const std::string file = name;  // CAPTURE's lambda cannot name a structured binding in clang 14
        CAPTURE(file);
        io::write_table(dir.file(name), driver, "township_stats", columns, rows, false);
        CHECK(memory_files() == before);
        GDALDatasetH ds = GDALOpenEx(dir.file(name).c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
        REQUIRE(ds != nullptr);
        OGRLayerH layer = GDALDatasetGetLayerByName(ds, "township_stats");
        REQUIRE(layer != nullptr);
        CHECK(OGR_L_GetFeatureCount(layer, TRUE) == 2);
        OGR_L_ResetReading(layer);
        OGRFeatureH f = OGR_L_GetNextFeature(layer);
        REQUIRE(f != nullptr);
        CHECK(std::string(OGR_F_GetFieldAsString(f, 0)) == "湾碧乡");
        CHECK(OGR_F_GetFieldAsInteger64(f, 1) == 12);
        CHECK(OGR_F_GetFieldAsDouble(f, 2) == doctest::Approx(0.41));
        OGR_F_Destroy(f);
        GDALClose(ds);
    }
}

TEST_CASE("a table that cannot be written whole leaves the old file and nothing in GDAL's memory") {
    test::TempDir dir;
    const std::vector<io::Column> columns = {{"note", io::ColumnType::Text}};
    const std::vector<io::TableRow> rows(2000, io::TableRow{{std::string(200, 'x')}, {}});
    const int before = memory_files();
    for (const auto& [name, driver] : {std::pair{"t.xlsx", "XLSX"}, std::pair{"t.gpkg", "GPKG"}}) {
        const std::string file = name;  // CAPTURE's lambda cannot name a structured binding in clang 14
        CAPTURE(file);
        test::write_text(dir.file(name), "the good old table");
        {
            const test::FileSizeLimit limit(4096);  // the XLSX writer says nothing of a full disk itself
            CHECK_THROWS_WITH(io::write_table(dir.file(name), driver, "notes", columns, rows, false),
                              (dir.file(name) + ": cannot write the file: File too large; the old file is unchanged").c_str());
        }
        CHECK(memory_files() == before);
        std::ifstream in(dir.file(name));
        std::string text;
        std::getline(in, text);
        CHECK(text == "the good old table");
    }
}

TEST_CASE("a point table is written in lon/lat on CGCS2000, a row without a point with a NULL geometry") {
    test::TempDir dir;
    const std::vector<io::Column> columns = {{"name", io::ColumnType::Text}, {"source_row", io::ColumnType::Integer}};
    const std::vector<io::PointRow> rows = {{{std::string("一"), std::int64_t{2}}, model::Vec2{101.3, 25.7}},
                                            {{std::string("二"), std::int64_t{3}}, std::nullopt}};
    io::write_points(dir.file("p.gpkg"), "GPKG", "sites", columns, rows);
    GDALDatasetH ds = GDALOpenEx(dir.file("p.gpkg").c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    REQUIRE(ds != nullptr);
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, "sites");
    REQUIRE(layer != nullptr);
    CHECK(OGR_L_GetGeomType(layer) == wkbPoint);
    CHECK(std::string(OSRGetAuthorityCode(OGR_L_GetSpatialRef(layer), nullptr)) == "4490");
    OGR_L_ResetReading(layer);
    OGRFeatureH f = OGR_L_GetNextFeature(layer);
    REQUIRE(f != nullptr);
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    REQUIRE(g != nullptr);
    CHECK(OGR_G_GetX(g, 0) == 101.3);  // the GeoPackage keeps the doubles as they are
    CHECK(OGR_G_GetY(g, 0) == 25.7);
    OGR_F_Destroy(f);
    f = OGR_L_GetNextFeature(layer);
    REQUIRE(f != nullptr);
    CHECK(OGR_F_GetGeometryRef(f) == nullptr);
    CHECK(OGR_F_GetFieldAsInteger64(f, 1) == 3);
    OGR_F_Destroy(f);
    GDALClose(ds);
}
