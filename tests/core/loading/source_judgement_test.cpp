// What loading decides about each source, and says: encodings per source, missing CRSs, unusable
// coordinates, damaged files, folders, the same data twice, roles that do not fit.
#include <doctest/doctest.h>

#include <cpl_string.h>

#include <filesystem>
#include <fstream>

#include "core/loading/load_project.hpp"
#include "core/model/error.hpp"
#include "support/fixtures.hpp"

using namespace ca;
namespace fs = std::filesystem;

namespace {

const char* const kVillageA = "POLYGON((101 25,101.1 25,101.1 25.1,101 25.1,101 25))";
const char* const kVillageB = "POLYGON((101.1 25,101.2 25,101.2 25.1,101.1 25.1,101.1 25))";

// Two villages as a land bureau sends them: a GBK shapefile; `cpg` false leaves the .cpg out.
std::string write_villages(const test::TempDir& dir, const std::string& name, bool cpg = true) {
    const std::string path = dir.file(name + ".shp");
    test::write_layer(path, "ESRI Shapefile", 4490, {{"村名"}, {"乡镇"}, {"人口", true}},
                      {{kVillageA, {"麻栗树", "湾碧乡", "812"}}, {kVillageB, {"石板箐", "湾碧乡", "640"}}}, {"ENCODING=CP936"});
    if (!cpg) fs::remove(dir.file(name + ".cpg"));
    return path;
}

std::string write_projects_xlsx(const test::TempDir& dir, const std::string& name) {
    const std::string path = dir.file(name);
    test::write_layer(path, "XLSX", 0, {{"项目名称"}, {"乡镇"}, {"村名"}, {"资金"}},
                      {{"", {"水窖工程", "湾碧乡", "麻栗树", "120000"}}, {"", {"沟渠", "湾碧乡", "石板箐", "80000"}}});
    return path;
}

std::string text(const model::Layer& layer, std::size_t feature, model::Meaning m) {
    return model::to_text(layer.value(layer.features.at(feature), m));
}

std::size_t count_kind(const model::Project& project, const std::string& kind) { return project.problems.counts().count(kind) ? project.problems.counts().at(kind) : 0; }

const model::Problem& first_of(const model::Project& project, const std::string& kind) {
    for (const auto& p : project.problems.all())
        if (p.kind == kind) return p;
    FAIL("no problem of kind " << kind);
    throw;
}

std::string load_error(const std::vector<loading::SourceArgument>& sources, const loading::LoadOptions& options = {}) {
    try {
        loading::load_project(sources, options);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("--encoding GBK for a shapefile leaves the Excel project list given beside it untouched") {
    test::TempDir dir;
    const std::string villages = write_villages(dir, "villages", false);
    const std::string projects = write_projects_xlsx(dir, "projects.xlsx");
    loading::LoadOptions options;
    options.read.encoding.add("GBK");
    const auto project = loading::load_project({{villages, model::Role::Villages}, {projects, model::Role::Sites}}, options);
    CHECK(text(project.layers[0], 0, model::Meaning::VillageName) == "麻栗树");
    CHECK(project.layers[0].encoding == "GBK (--encoding)");
    CHECK(text(project.layers[1], 0, model::Meaning::VillageName) == "麻栗树");
    CHECK(project.layers[1].encoding == "UTF-8 (Unicode format)");
}

TEST_CASE("--encoding FILE=ENC applies to that source alone; the others are detected") {
    test::TempDir dir;
    const std::string gbk = dir.file("a.csv"), utf8 = dir.file("b.csv");
    // "项目名称,村委会\n水窖,麻栗树\n" in GBK, and the same in UTF-8.
    test::write_text(gbk, "\xcf\xee\xc4\xbf\xc3\xfb\xb3\xc6,\xb4\xe5\xce\xaf\xbb\xe1\n\xcb\xae\xbd\xd1,\xc2\xe9\xc0\xf5\xca\xf7\n");
    test::write_text(utf8, "项目名称,村委会\n水窖,石板箐\n");
    loading::LoadOptions options;
    options.read.encoding.add("a.csv=GBK");
    const auto project = loading::load_project({{gbk, model::Role::Sites}, {utf8, model::Role::Sites}}, options);
    CHECK(project.layers[0].encoding == "GBK (--encoding)");
    CHECK(text(project.layers[0], 0, model::Meaning::VillageName) == "麻栗树");
    CHECK(project.layers[1].encoding == "UTF-8 (detected: valid UTF-8)");
    CHECK(text(project.layers[1], 0, model::Meaning::VillageName) == "石板箐");
}

TEST_CASE("a CSV in Big5 is read as Big5, and one in GBK as GBK") {
    test::TempDir dir;
    // Headings in English (traditional ones are no known column names), names in traditional hanzi.
    const std::string utf8 = "project_name,village,township\n飲水工程,麻栗樹,灣碧鄉\n道路建設,石板箐,曇華鄉\n產業發展,馬家營,三臺鄉\n";
    auto recoded = [&](const char* encoding) {
        char* raw = CPLRecode(utf8.c_str(), CPL_ENC_UTF8, encoding);
        std::string bytes(raw);
        CPLFree(raw);
        return bytes;
    };
    test::write_text(dir.file("big5.csv"), recoded("BIG5"));
    test::write_text(dir.file("gbk.csv"), recoded("GB18030"));
    const auto big5 = loading::load_project({{dir.file("big5.csv"), model::Role::Sites}}, {});
    CHECK(big5.layers[0].encoding == "Big5 (detected: not valid UTF-8, reads better as Big5 than GBK)");
    CHECK(model::to_text(big5.layers[0].features.at(0).values.at(1)) == "麻栗樹");
    const auto gbk = loading::load_project({{dir.file("gbk.csv"), model::Role::Sites}}, {});
    CHECK(gbk.layers[0].encoding == "GBK (detected: not valid UTF-8)");
    CHECK(model::to_text(gbk.layers[0].features.at(1).values.at(2)) == "曇華鄉");
    CHECK(count_kind(gbk, "encoding") == 1);  // the guess is said
}

TEST_CASE("text that does not decode in the declared encoding is reported with its row and field") {
    test::TempDir dir;
    const std::string villages = write_villages(dir, "villages");
    test::write_text(dir.file("villages.cpg"), "UTF-8");  // a wrong .cpg: the bytes are GBK
    const auto project = loading::load_project({{villages, model::Role::Villages}}, {});
    REQUIRE(count_kind(project, "unreadable text") == 2);
    const model::Problem& p = first_of(project, "unreadable text");
    CHECK(p.line().rfind("villages.shp, layer villages, row 1: field ", 0) == 0);
    CHECK(p.message.find("--encoding villages.shp=ENCODING") != std::string::npos);
}

TEST_CASE("a GeoPackage without CRS in Gauss-Kruger metres with zone prefix is read in that zone, never as degrees") {
    test::TempDir dir;
    const std::string path = dir.file("villages.gpkg");
    test::write_layer(path, "GPKG", 0, {{"村名"}},
                      {{"POLYGON((34433000 2845000,34434000 2845000,34434000 2846000,34433000 2846000,34433000 2845000))", {"麻栗树"}}});
    const auto guessed = loading::load_project({{path, model::Role::Villages}}, {});
    loading::LoadOptions zone34;
    zone34.read.assume_crs = "EPSG:4522";
    const auto assumed = loading::load_project({{path, model::Role::Villages}}, zone34);
    const auto& layer = guessed.layers.at(0);
    CHECK(layer.source_crs.epsg == 4522);
    CHECK(layer.source_crs.how.find("zone prefix 34") != std::string::npos);
    CHECK(layer.features[0].geometry.coords == assumed.layers[0].features[0].geometry.coords);
    CHECK(layer.features[0].geometry.coords[0].x == doctest::Approx(101.33).epsilon(0.001));
    CHECK(first_of(guessed, "CRS guessed").severity == model::Severity::Warning);
}

TEST_CASE("Gauss-Kruger metres without prefix take the zone of the other layers; alone they are refused with the candidates") {
    test::TempDir dir;
    const std::string ditches = dir.file("ditches.shp");
    test::write_layer(ditches, "ESRI Shapefile", 0, {{"类型"}}, {{"LINESTRING(433000 2845000,434000 2846000)", {"沟渠"}}}, {"ENCODING=UTF-8"});
    const std::string villages = write_villages(dir, "villages");  // lon/lat around 101°E: zone CM 102°E
    const auto project = loading::load_project({{villages, model::Role::Villages}, {ditches, model::Role::Lines}}, {});
    CHECK(project.layers[1].source_crs.epsg == 4543);
    CHECK(first_of(project, "CRS guessed").message.find("--assume-crs EPSG:4543") != std::string::npos);
    CHECK(load_error({{ditches, model::Role::Lines}}) ==
          "ditches.shp, layer ditches: has no coordinate reference system (no .prj or CRS in the file) and its numbers do not "
          "say which; they look like Gauss-Kruger metres without zone prefix, one of EPSG 4534, 4535, 4536, 4537, 4538, 4539, "
          "4540, 4541, 4542, 4543, 4544, 4545, 4546, 4547, 4548, 4549, 4550, 4551, 4552, 4553, 4554; pass --assume-crs EPSG:CODE");
}

TEST_CASE("degrees without a CRS are read as CGCS2000 lon/lat, with a warning") {
    test::TempDir dir;
    const std::string path = dir.file("nocrs.shp");
    test::write_layer(path, "ESRI Shapefile", 0, {{"村名"}}, {{kVillageA, {"麻栗树"}}}, {"ENCODING=UTF-8"});
    const auto project = loading::load_project({{path, model::Role::Villages}}, {});
    CHECK(project.layers[0].source_crs.epsg == 4490);
    CHECK(first_of(project, "CRS guessed").line() ==
          "nocrs.shp, layer nocrs: no CRS declared; the numbers are degrees, read as CGCS2000 lon/lat (EPSG:4490); pass "
          "--assume-crs EPSG:CODE if it is another");
}

TEST_CASE("a vertex at lon 400 or NaN leaves its feature out, reported with its id; a layer with none left is an error") {
    test::TempDir dir;
    const std::string path = dir.file("pipes.geojson");
    test::write_text(path, R"({"type":"FeatureCollection","features":[
      {"type":"Feature","id":1,"properties":{"类型":"管道"},"geometry":{"type":"LineString","coordinates":[[101,25],[101.1,25.1]]}},
      {"type":"Feature","id":2,"properties":{"类型":"管道"},"geometry":{"type":"LineString","coordinates":[[101,25],[400,95]]}}]})");
    const auto project = loading::load_project({{path, model::Role::Lines}}, {});
    REQUIRE(project.layers[0].features.size() == 1);
    CHECK(project.layers[0].counts.unusable_skipped == 1);
    CHECK(first_of(project, "unusable coordinates").line() ==
          "pipes.geojson, layer pipes, feature 2: lon/lat (400, 95) lies outside where WGS 84 can be used; feature left out");
    const std::string all_bad = dir.file("bad.geojson");
    test::write_text(all_bad, R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-4.3e11,25]}}]})");
    CHECK(load_error({{all_bad, model::Role::Sites}}).find("bad.geojson, layer bad: none of its coordinates can be in") == 0);
}

TEST_CASE("a damaged Excel file is an error or is read whole, never a smaller count") {
    test::TempDir dir;
    std::vector<test::Row> rows;
    for (int i = 0; i < 60; ++i) rows.push_back({"", {"项目" + std::to_string(i), "麻栗树", std::to_string(1000 + i)}});
    const std::string good = dir.file("good.xlsx");
    test::write_layer(good, "XLSX", 0, {{"项目名称"}, {"村名"}, {"资金"}}, rows);
    const std::string bytes = test::read_file(good);
    int errors = 0;
    for (std::size_t at = 40; at < bytes.size(); at += 97) {
        std::string damaged = bytes;
        damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
        const std::string path = dir.file("damaged.xlsx");
        test::write_text(path, damaged);
        CAPTURE(at);
        try {
            const auto project = loading::load_project({{path, model::Role::Sites}}, {});
            CHECK(project.layers.at(0).features.size() == rows.size());
        } catch (const Error& e) {
            ++errors;
            CHECK(std::string(e.what()).rfind("damaged.xlsx", 0) == 0);
        }
    }
    CHECK(errors > 0);
    test::write_text(dir.file("cut.xlsx"), bytes.substr(0, bytes.size() / 2));
    CHECK(load_error({{dir.file("cut.xlsx"), model::Role::Sites}}).rfind("cut.xlsx", 0) == 0);
}

TEST_CASE("a folder opens each file once: a shapefile's copy without .cpg and an Excel list's CSV export are left out") {
    test::TempDir dir;
    fs::create_directory(dir.path() / "county");
    test::TempDir scratch;
    write_villages(scratch, "villages");
    write_villages(scratch, "villages_copy", false);
    for (const auto& entry : fs::directory_iterator(scratch.path())) fs::copy_file(entry.path(), dir.path() / "county" / entry.path().filename());
    write_projects_xlsx(dir, "county/projects.xlsx");
    test::write_text(dir.file("county/projects.csv"), "项目名称,乡镇,村名,资金\n水窖工程,湾碧乡,麻栗树,120000\n沟渠,湾碧乡,石板箐,80000\n");
    const auto project = loading::load_project({{dir.file("county"), model::Role::Unknown}}, {});
    REQUIRE(project.layers.size() == 2);
    CHECK(project.layers_with(model::Role::Villages).size() == 1);
    CHECK(project.layers_with(model::Role::Sites).size() == 1);
    CHECK(count_kind(project, "same data twice") == 2);
    CHECK(first_of(project, "same data twice").line() ==
          "projects.xlsx, layer projects: holds the same 2 features as projects.csv (layer projects); left out so they are not "
          "counted twice");
}

TEST_CASE("one file in two roles is refused; the same file named twice is read once; points given as villages are refused") {
    test::TempDir dir;
    const std::string villages = write_villages(dir, "villages");
    CHECK(load_error({{villages, model::Role::Villages}, {villages, model::Role::Sites}}) ==
          "villages.shp: is given as villages and as sites; give each file in one role, or it is counted twice");
    const auto twice = loading::load_project({{villages, model::Role::Villages}, {dir.file("./villages.shp"), model::Role::Villages}}, {});
    CHECK(twice.layers.size() == 1);
    CHECK(count_kind(twice, "named twice") == 1);
    const std::string points = dir.file("points.gpkg");
    test::write_layer(points, "GPKG", 4490, {{"村名"}}, {{"POINT(101.05 25.05)", {"麻栗树"}}});
    CHECK(load_error({{points, model::Role::Villages}}) ==
          "points.gpkg, layer points: is given as villages but holds point features; villages need polygons");
}

TEST_CASE("projects that appear in two lists are reported with their rows") {
    test::TempDir dir;
    test::write_text(dir.file("a.csv"), "项目名称,村名,年度\n水窖,麻栗树,2011\n沟渠,石板箐,2011\n");
    test::write_text(dir.file("b.csv"), "项目名称,村名,年度\n道路,马家营,2012\n水窖,麻栗树,2011\n");
    const auto project = loading::load_project({{dir.file("a.csv"), model::Role::Sites}, {dir.file("b.csv"), model::Role::Sites}}, {});
    REQUIRE(count_kind(project, "projects in two lists") == 1);
    CHECK(first_of(project, "projects in two lists").line() ==
          "b.csv, layer b, row 3: 1 projects here (rows 3) are also in a.csv (same name, village and year) and are counted twice; "
          "remove one copy");
}

TEST_CASE("a layer without prefix takes its zone from another layer without CRS whose prefix names it") {
    test::TempDir dir;
    // Both in CGCS2000 zone 34 (central meridian 102°E); only the sites carry the prefix.
    const std::string villages = dir.file("villages.shp"), sites = dir.file("sites.gpkg");
    test::write_layer(villages, "ESRI Shapefile", 0, {{"村名"}},
                      {{"POLYGON((433000 2845000,434000 2845000,434000 2846000,433000 2846000,433000 2845000))", {"麻栗树"}}}, {"ENCODING=UTF-8"});
    test::write_layer(sites, "GPKG", 0, {{"项目名称"}}, {{"POINT(34433500 2845500)", {"水窖"}}});
    const auto project = loading::load_project({{villages, model::Role::Villages}, {sites, model::Role::Sites}}, {});
    CHECK(project.layers[0].source_crs.epsg == 4543);
    CHECK(project.layers[1].source_crs.epsg == 4522);
    const model::Vec2 site = project.layers[1].features[0].geometry.coords[0];
    const model::Extent village = project.layers[0].features[0].geometry.extent();
    CHECK(site.x > village.min_x);  // the site lands inside its village
    CHECK(site.x < village.max_x);
    CHECK(site.y > village.min_y);
    CHECK(site.y < village.max_y);
}

TEST_CASE("a UTF-8 shapefile without .cpg is UTF-8 even when its DBF header holds bytes above 0x7F") {
    test::TempDir dir;
    const std::string path = dir.file("villages.shp");
    std::vector<test::Row> rows;  // 130 records: the record count's low byte is 0x82
    for (int i = 0; i < 130; ++i) rows.push_back({kVillageA, {"麻栗树" + std::to_string(i)}});
    test::write_layer(path, "ESRI Shapefile", 4490, {{"村名"}}, rows, {"ENCODING=UTF-8"});
    fs::remove(dir.file("villages.cpg"));
    const auto project = loading::load_project({{path, model::Role::Villages}}, {});
    CHECK(project.layers[0].encoding == "UTF-8 (detected: valid UTF-8)");
    CHECK(text(project.layers[0], 129, model::Meaning::VillageName) == "麻栗树129");
}

TEST_CASE("a lone .dbf reads as a table, its records numbered from 1") {
    test::TempDir dir;
    write_villages(dir, "villages");
    for (const char* ext : {".shp", ".shx", ".prj"}) fs::remove(dir.file(std::string("villages") + ext));
    const auto project = loading::load_project({{dir.file("villages.dbf"), model::Role::Unknown}}, {});
    REQUIRE(project.layers.size() == 1);
    CHECK(project.layers[0].features.size() == 2);
    CHECK(project.layers[0].features[0].fid == 1);
    CHECK(text(project.layers[0], 1, model::Meaning::VillageName) == "石板箐");
}

TEST_CASE("empty cells are listed one by one up to twenty a field, then counted") {
    test::TempDir dir;
    std::string csv = "项目名称,村名,资金\n";
    for (int i = 0; i < 25; ++i) csv += "水窖" + std::to_string(i) + ",麻栗树,\n";
    test::write_text(dir.file("projects.csv"), csv);
    const auto project = loading::load_project({{dir.file("projects.csv"), model::Role::Sites}}, {});
    CHECK(count_kind(project, "missing value") == 21);
    CHECK(project.problems.all().back().line() == "projects.csv: field 资金 is empty in 25 rows in all (the first 20 are listed)");
}
