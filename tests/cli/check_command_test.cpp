// `countyatlas check`: every decision and every row that cannot be counted, with exit 2 when
// something cannot be counted at all.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

using namespace ca;
namespace fs = std::filesystem;

namespace {

// A county folder as it arrives: GBK villages without .cpg, a project list with one row naming a
// village that does not exist, and an Excel file cut short in copying.
void write_messy_folder(const test::TempDir& dir) {
    fs::create_directory(dir.path() / "county");
    test::write_gbk_villages_without_cpg(dir.file("county/villages.shp"));
    test::write_text(dir.file("county/projects.csv"), "项目名称,乡镇,村名,资金\n水窖,湾碧乡,麻栗树,1000\n沟渠,湾碧乡,大麦地,2000\n");
}

}  // namespace

TEST_CASE("check lists the decisions and the rows that cannot be placed, and exits 0 when all can be counted") {
    test::TempDir dir;
    write_messy_folder(dir);
    const auto result = test::run_countyatlas("check '" + dir.file("county") + "'");
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("  encoding    GBK (detected: not valid UTF-8)") != std::string::npos);
    CHECK(result.out.find("note: [encoding] villages.shp, layer villages: text read as GBK") != std::string::npos);
    CHECK(result.out.find("warning: [site placed by township only] projects.csv, layer projects, row 3: counted in township \"湾碧乡\" "
                          "but in no village: no village \"大麦地\" in township \"湾碧乡\"\n") != std::string::npos);
    CHECK(result.out.find("row 2") == std::string::npos);  // 麻栗树 is found
    CHECK(result.out.find("Everything can be counted.") != std::string::npos);
}

TEST_CASE("check names every file that cannot be read and exits 2; the readable ones are still judged") {
    test::TempDir dir;
    write_messy_folder(dir);
    test::write_layer(dir.file("full.xlsx"), "XLSX", 0, {{"项目名称"}, {"村名"}}, {{"", {"水窖", "麻栗树"}}});
    const std::string whole = test::read_file(dir.file("full.xlsx"));
    test::write_text(dir.file("county/cut.xlsx"), whole.substr(0, whole.size() / 2));
    const auto result = test::run_countyatlas("check '" + dir.file("county") + "' --format json");
    CHECK(result.exit_code == 2);
    const auto j = nlohmann::json::parse(result.out);
    CHECK(j["can_count"] == false);
    CHECK(j["sources"].size() == 2);  // villages and projects
    bool named_cut = false;
    for (const auto& p : j["problems"])
        named_cut = named_cut || (p["severity"] == "error" && p["message"].get<std::string>().rfind("cut.xlsx: ", 0) == 0);
    CHECK(named_cut);
    CHECK(result.err.empty());  // no GDAL chatter
}

TEST_CASE("check on the sample county finds nothing that stops counting") {
    const auto result = test::run_countyatlas("check '" + test::sample_county() + "' --format json");
    CHECK(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["can_count"] == true);
}

TEST_CASE("check reads all sources together, so a layer whose zone only another layer tells is counted") {
    test::TempDir dir;
    test::write_layer(dir.file("villages.shp"), "ESRI Shapefile", 0, {{"村名"}, {"乡镇"}},
                      {{"POLYGON((433000 2845000,434000 2845000,434000 2846000,433000 2846000,433000 2845000))", {"麻栗树", "湾碧乡"}}},
                      {"ENCODING=UTF-8"});
    test::write_layer(dir.file("sites.gpkg"), "GPKG", 0, {{"项目名称"}}, {{"POINT(34433500 2845500)", {"水窖"}}});
    const auto result = test::run_countyatlas("check '" + dir.file("villages.shp") + "' '" + dir.file("sites.gpkg") + "' --format json");
    CHECK(result.exit_code == 0);
    const auto j = nlohmann::json::parse(result.out);
    REQUIRE(j["sources"].size() == 2);
    CHECK(j["sources"][0]["crs"]["epsg"] == 4543);
    CHECK(j["sources"][1]["crs"]["epsg"] == 4522);
}
