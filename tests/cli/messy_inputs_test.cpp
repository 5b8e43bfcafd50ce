// The command line on a county's everyday files: options meant for one source leave the others
// as they are, a folder counts each file once, and stderr says what was decided.
#include <doctest/doctest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

using namespace ca;
namespace fs = std::filesystem;

namespace {

nlohmann::json stats_json(const std::string& arguments) {
    const auto result = test::run_countyatlas("stats " + arguments + " --format json");
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    return nlohmann::json::parse(result.out);
}

std::string sample_projects_csv() { return (fs::path(CA_SOURCE_DIR) / "data" / "sample" / "projects_by_name.csv").string(); }

// The sample's project list as the office also keeps it: an Excel workbook (written by GDAL).
std::string projects_xlsx(const test::TempDir& dir) {
    const std::string path = dir.file("projects.xlsx");
    const auto result = test::run("ogr2ogr -f XLSX '" + path + "' '" + sample_projects_csv() + "' -nln projects");
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    return path;
}

}  // namespace

TEST_CASE("--encoding given for a GBK file leaves Unicode sources, and so the figures, as they are") {
    test::TempDir dir;
    const std::string county = "'" + test::sample_county() + "'";
    const std::string xlsx = "--sites '" + projects_xlsx(dir) + "'";
    const auto plain = stats_json(county + " " + xlsx);
    CHECK(plain["total"]["sites"].get<int>() > 289);  // the sheet's projects were placed by name
    CHECK(stats_json(county + " " + xlsx + " --encoding GBK") == plain);
    CHECK(stats_json(county + " " + xlsx + " --encoding other.dbf=GBK") == plain);
}

TEST_CASE("--coords FILE=gcj02 moves that file's points only") {
    test::TempDir dir;
    const std::string county = "'" + test::sample_county() + "'";
    test::write_text(dir.file("track.csv"), "项目名称,乡镇,村委会,经度,纬度\n巡查,桂花镇,杨家山,101.0692,26.0229\n");
    const auto plain = stats_json(county);
    const auto with_track = stats_json(county + " --sites '" + dir.file("track.csv") + "' --coords track.csv=gcj02");
    CHECK(with_track["total"]["sites"].get<int>() == plain["total"]["sites"].get<int>() + 1);
    CHECK(with_track["total"]["funds_yuan"] == plain["total"]["funds_yuan"]);
    CHECK(with_track["total"]["sites_exact"].get<int>() == plain["total"]["sites_exact"].get<int>() + 1);
    const auto bad = test::run_countyatlas("stats " + county + " --coords track.csv=gcj03");
    CHECK(bad.exit_code == 2);
    CHECK(bad.err == "countyatlas: --coords track.csv=gcj03: gcj03 is not one of wgs84, gcj02, bd09\n");
}

TEST_CASE("stats on a folder counts a project list kept as .xlsx and .csv once, and says it left one out") {
    test::TempDir dir;
    fs::create_directory(dir.path() / "county");
    fs::copy_file(test::sample_county(), dir.path() / "county" / "county.gpkg");
    fs::copy_file(sample_projects_csv(), dir.path() / "county" / "projects.csv");
    fs::rename(projects_xlsx(dir), dir.path() / "county" / "projects.xlsx");
    const auto once = stats_json("'" + test::sample_county() + "' --sites '" + sample_projects_csv() + "'");
    const auto result = test::run_countyatlas("stats '" + dir.file("county") + "' --format json");
    REQUIRE(result.exit_code == 0);
    const auto folder = nlohmann::json::parse(result.out);
    CHECK(folder["total"]["sites"] == once["total"]["sites"]);
    CHECK(folder["total"]["funds_yuan"] == once["total"]["funds_yuan"]);
    CHECK(result.err.find("countyatlas: warning: projects.xlsx, layer projects: holds the same 15 features as projects.csv "
                          "(layer projects); left out so they are not counted twice\n") != std::string::npos);
}
