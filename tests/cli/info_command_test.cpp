// `countyatlas info`: JSON on the sample, and one-line errors with exit 2 on broken files.
#include <doctest/doctest.h>

#include <filesystem>

#include <gdal.h>
#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

using namespace ca;

namespace {

int gdal_feature_count(const std::string& path, const std::string& layer) {
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    REQUIRE(ds);
    const int n = static_cast<int>(OGR_L_GetFeatureCount(GDALDatasetGetLayerByName(ds, layer.c_str()), TRUE));
    GDALClose(ds);
    return n;
}

int line_count(const std::string& text) {
    int n = 0;
    for (char c : text) n += c == '\n';
    return n;
}

}  // namespace

TEST_CASE("info --format json on the sample describes every layer") {
    const auto result = test::run_countyatlas("info --format json '" + test::sample_county() + "'");
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    const auto j = nlohmann::json::parse(result.out);
    const std::vector<std::string> names = {"townships", "villages", "sites", "lines", "ponds"};
    REQUIRE(j["layers"].size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto& layer = j["layers"][i];
        CAPTURE(names[i]);
        CHECK(layer["layer"] == names[i]);
        CHECK(layer["role"] == names[i]);  // the sample's layer names are the roles
        CHECK(layer["role_source"] == "guessed");
        CHECK(layer["driver"] == "GPKG");
        CHECK(layer["crs"]["epsg"] == 4490);
        CHECK(layer["encoding"] == "UTF-8 (Unicode format)");
        CHECK(layer["features"] == gdal_feature_count(test::sample_county(), names[i]));
        CHECK(layer["counts"]["repaired"] == 0);
        const auto& e = layer["extent_lonlat"];
        CHECK(e[0].get<double>() > 100.5);
        CHECK(e[2].get<double>() < 102.0);
        CHECK(e[1].get<double>() > 25.0);
        CHECK(e[3].get<double>() < 26.5);
    }
    CHECK(j["layers"][1]["fields"]["poor_population"]["source"] == "poor_population");
    CHECK(j["layers"][2]["fields"]["funds_yuan"]["source"] == "funds_yuan");
    CHECK(j["working_crs"]["epsg"] == 4543);
}

TEST_CASE("info names the recognised Chinese fields and the 万元 scale of a project table") {
    const auto csv = (std::filesystem::path(CA_SOURCE_DIR) / "data" / "sample" / "projects_by_name.csv").string();
    const auto result = test::run_countyatlas("info --format json '" + csv + "'");
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    const auto layer = nlohmann::json::parse(result.out)["layers"][0];
    CHECK(layer["role"] == "sites");
    CHECK(layer["fields"]["funds_yuan"]["source"] == "总投资(万元)");
    CHECK(layer["fields"]["funds_yuan"]["scale"] == 10000.0);
    CHECK(layer["fields"]["village_name"]["source"] == "村委会");
    CHECK(layer["counts"]["without_geometry"].get<int>() + layer["counts"]["from_lon_lat"].get<int>() == layer["features"]);
}

TEST_CASE("broken inputs give one line naming the file, and exit status 2") {
    test::TempDir dir;
    // A shapefile to break in several ways.
    const std::string good = dir.file("good.shp");
    std::vector<test::Row> rows;
    for (int i = 0; i < 40; ++i)
        rows.push_back({"POLYGON((101 25,101.1 25,101.1 25.1,101.05 25.12,101 25.1,101 25))", {"v" + std::to_string(i)}});
    test::write_layer(good, "ESRI Shapefile", 4490, {{"村名"}}, rows, {"ENCODING=UTF-8"});
    namespace fs = std::filesystem;
    auto copy_as = [&](const std::string& stem, std::initializer_list<const char*> exts) {
        for (const char* ext : exts) fs::copy_file(dir.file(std::string("good") + ext), dir.file(stem + ext));
        return dir.file(stem + ".shp");
    };
    const std::string truncated = copy_as("truncated", {".shp", ".shx", ".dbf", ".prj"});
    fs::resize_file(truncated, fs::file_size(truncated) / 2);
    const std::string no_dbf = copy_as("nodbf", {".shp", ".shx", ".prj"});
    // Gauss-Kruger metres with no zone prefix and no .prj: no other layer says which zone.
    const std::string no_crs = dir.file("nocrs.shp");
    test::write_layer(no_crs, "ESRI Shapefile", 0, {{"村名"}}, {{"POINT(433000 2845000)", {"v"}}}, {"ENCODING=UTF-8"});
    const std::string empty_gpkg = dir.file("empty.gpkg");
    test::write_text(empty_gpkg, "");
    const std::string bad_json = dir.file("bad.geojson");
    test::write_text(bad_json, "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\",\n");

    struct Case {
        std::string path, expected_start;
    };
    const std::vector<Case> cases = {
        {truncated, "countyatlas: truncated.shp, layer truncated: cannot read feature "},
        {no_dbf, "countyatlas: nodbf.shp: the shapefile's .dbf file is missing"},
        {empty_gpkg, "countyatlas: empty.gpkg: the file is empty (0 bytes)"},
        {bad_json, "countyatlas: bad.geojson: cannot open as vector data: "},
        {no_crs, "countyatlas: nocrs.shp, layer nocrs: has no coordinate reference system"},
        {dir.file("nothere.gpkg"), "countyatlas: " + dir.file("nothere.gpkg") + ": file not found"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.path);
        const auto result = test::run_countyatlas("info '" + c.path + "'");
        CHECK(result.exit_code == 2);
        CHECK(line_count(result.err) == 1);
        CHECK(result.err.rfind(c.expected_start, 0) == 0);
        CHECK(result.out.empty());
    }
}

TEST_CASE("a bad command line exits 2 and --help exits 0") {
    CHECK(test::run_countyatlas("info --format xml x.gpkg").exit_code == 2);
    CHECK(test::run_countyatlas("no-such-command").exit_code == 2);
    const auto help = test::run_countyatlas("--help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Exit status") != std::string::npos);
}
