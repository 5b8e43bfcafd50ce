// `countyatlas import`: a project sheet as offices write it (title rows, a 合计 row, money in 万元)
// appended to a GeoPackage project list and read back with GDAL: the data rows only, money in the
// list's unit, the duplicate left out, the unmatched row named with its candidate; --dry-run and an
// unwritable list change nothing; a save killed at any moment leaves the list as before or complete.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gdal.h>
#include <ogr_api.h>
#include <cpl_error.h>
#include <ogr_srs_api.h>

#include "support/fixtures.hpp"
#include "support/sheet_writer.hpp"

using namespace ca;
namespace fs = std::filesystem;

namespace {

using Fields = std::map<std::string, std::string>;  // field name -> value as text; NULL fields absent

// One row of the list this office keeps: text, 万元, year, households, and a point.
struct ListRow {
    std::string project, township, village;
    double funds_wan = 0;
    int year = 0, households = 0;
    double lon = 0, lat = 0;
};

// The office's project list: a GeoPackage point layer `sites` with funds in 万元 and no column
// for beneficiary people. Written in one transaction (a list of 200k rows takes a second).
void write_list(const std::string& path, const std::vector<ListRow>& rows) {
    GDALAllRegister();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    REQUIRE(ds != nullptr);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 4490);
    OGRLayerH layer = GDALDatasetCreateLayer(ds, "sites", srs, wkbPoint, nullptr);
    OSRDestroySpatialReference(srs);
    const std::pair<const char*, OGRFieldType> fields[] = {{"项目名称", OFTString}, {"乡镇", OFTString},   {"村名", OFTString},
                                                            {"投资（万元）", OFTReal}, {"年度", OFTInteger}, {"受益户数", OFTInteger}};
    for (const auto& [name, type] : fields) {
        OGRFieldDefnH field = OGR_Fld_Create(name, type);
        OGR_L_CreateField(layer, field, TRUE);
        OGR_Fld_Destroy(field);
    }
    GDALDatasetStartTransaction(ds, FALSE);
    for (const ListRow& r : rows) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        OGR_F_SetFieldString(f, 0, r.project.c_str());
        OGR_F_SetFieldString(f, 1, r.township.c_str());
        OGR_F_SetFieldString(f, 2, r.village.c_str());
        OGR_F_SetFieldDouble(f, 3, r.funds_wan);
        OGR_F_SetFieldInteger(f, 4, r.year);
        OGR_F_SetFieldInteger(f, 5, r.households);
        OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(point, 0, r.lon, r.lat);
        OGR_F_SetGeometryDirectly(f, point);
        REQUIRE(OGR_L_CreateFeature(layer, f) == OGRERR_NONE);
        OGR_F_Destroy(f);
    }
    REQUIRE(GDALDatasetCommitTransaction(ds) == OGRERR_NONE);
    GDALClose(ds);
}

// Every feature of a layer, in file order, read with GDAL alone; nullopt when it cannot be opened.
std::optional<std::vector<Fields>> read_rows(const std::string& path, const std::string& layer_name) {
    GDALAllRegister();  // a test run alone has registered no driver yet
    CPLPushErrorHandler(CPLQuietErrorHandler);  // "non conformant file extension" of a .bak
    GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    CPLPopErrorHandler();
    if (!ds) return std::nullopt;
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, layer_name.c_str());
    if (!layer) {
        GDALClose(ds);
        return std::nullopt;
    }
    std::vector<Fields> rows;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    OGR_L_ResetReading(layer);
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        Fields row;
        for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
            if (OGR_F_IsFieldSetAndNotNull(f, i)) row[OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i))] = OGR_F_GetFieldAsString(f, i);
        row["(geometry)"] = OGR_F_GetGeometryRef(f) ? "point" : "none";
        rows.push_back(std::move(row));
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return rows;
}

// The test sheet, its row 12 naming 赵佳 of 三台乡: a homophone of the village 赵家 there.
test::Sheet sheet_with_homophone() {
    test::Sheet sheet = test::county_project_sheet("1302");
    for (auto& cell : sheet.cells)
        if (cell.row == 12 && cell.col == 2) cell.text = "赵佳";
    return sheet;
}

// A folder with the new sheet, the villages it names, and the list: 水窖 of 马家营 from 2014 and
// 沟渠 of 李家村村委会 from 2015 (the sheet's row 8 again, its village written the long way).
struct ImportCounty {
    test::TempDir dir;
    std::string sheet = dir.file("new.xlsx"), villages = dir.file("villages.gpkg"), list = dir.file("projects.gpkg");
    ImportCounty() {
        test::write_xlsx(sheet, {sheet_with_homophone()});
        test::write_sheet_villages(villages);
        write_list(list, {{"水窖", "金碧镇", "马家营", 5, 2014, 3, 101.05, 25.05}, {"沟渠", "金碧镇", "李家村村委会", 12.5, 2015, 20, 101.15, 25.05}});
    }
    std::string arguments(const std::string& more = "") const {
        return "import --sites '" + sheet + "' --villages '" + villages + "' --into '" + list + "'" + (more.empty() ? "" : " " + more);
    }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("import appends the sheet's data rows to a GeoPackage list: money in 万元, the duplicate left out, the unmatched row with its candidate") {
    ImportCounty county;
    const auto result = test::run_countyatlas(county.arguments());
    INFO(result.err);
    INFO(result.out);
    REQUIRE(result.exit_code == 0);
    const auto rows = read_rows(county.list, "sites");
    REQUIRE(rows);
    // The two rows it had, then rows 7, 10, 11 and 12: row 8 is in the list already, 13 is 合计.
    REQUIRE(rows->size() == 6);
    const std::vector<std::string> names = {"水窖", "沟渠", "水窖", "道路", "管道", "水池"};
    // 1,234.5 and 30 are in the sheet's 万元; "12.5万" is 12.5 万元; "125000元" is 12.5 万元 too.
    const std::vector<std::string> funds = {"5", "12.5", "1234.5", "12.5", "30", "12.5"};
    const std::vector<std::string> villages = {"马家营", "李家村村委会", "马家营", "王家", "赵家", "赵佳"};
    for (std::size_t i = 0; i < rows->size(); ++i) {
        CHECK((*rows)[i].at("项目名称") == names[i]);
        CHECK((*rows)[i].at("投资（万元）") == funds[i]);
        CHECK((*rows)[i].at("村名") == villages[i]);
    }
    CHECK((*rows)[2].at("年度") == "2015");
    CHECK((*rows)[2].at("受益户数") == "10");
    CHECK((*rows)[3].count("受益户数") == 0);  // empty in the sheet: NULL, not 0
    CHECK((*rows)[3].at("(geometry)") == "none");  // no coordinates: placed by its names when counted
    // The decisions, one line each, and the summary.
    CHECK(contains(result.err, "countyatlas: column 序号 has no field in projects.gpkg; not imported"));
    CHECK(contains(result.err, "countyatlas: column 受益人数 has no field in projects.gpkg; not imported"));
    CHECK(contains(result.err, "countyatlas: new.xlsx, row 8: already in projects.gpkg as feature 2; left out (--allow-duplicates appends it)\n"));
    CHECK(contains(result.err, "countyatlas: new.xlsx, row 12: in no village: "));
    CHECK(contains(result.err, "best candidate 赵家 (三台乡): "));
    CHECK(contains(result.err, "countyatlas: appended 4 rows to projects.gpkg (1 duplicates left out, 1 rows unmatched)\n"));
    // The preview: the mapping, then a line per data row.
    CHECK(contains(result.out, "  投资（万元） <- 计划投资 (万元)\n"));
    CHECK(contains(result.out, "  row 7  水窖  金碧镇 马家营: village 马家营 (金碧镇)\n"));
    CHECK(contains(result.out, "  row 8  沟渠  金碧镇 李家村: village 李家村 (金碧镇); already in projects.gpkg as feature 2, left out\n"));
    CHECK_FALSE(contains(result.out, "row 13"));
    CHECK(fs::exists(county.list + ".bak"));
    CHECK(read_rows(county.list + ".bak", "sites")->size() == 2);
}

TEST_CASE("import into a list in yuan converts 万元, uses the list file's own villages, and --map fills a field no meaning links") {
    test::TempDir dir;
    const std::string sheet = dir.file("new.xlsx"), list = dir.file("county.gpkg");
    test::write_xlsx(sheet, {test::county_project_sheet("1302")});
    fs::copy_file(test::sample_county(), list);
    const auto rows_before = read_rows(list, "sites");
    REQUIRE(rows_before);
    const std::size_t before = rows_before->size();
    const auto result = test::run_countyatlas("import --sites '" + sheet + "' --into '" + list + "' --map batch=序号");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto rows = read_rows(list, "sites");
    REQUIRE(rows);
    REQUIRE(rows->size() == before + 5);  // the sample holds none of these rows
    // Rows 7, 8, 10, 11, 12 in yuan: 1234.5万, 12.5万, "12.5万", 30万, "125000元".
    const std::vector<std::string> yuan = {"12345000", "125000", "125000", "300000", "125000"};
    const std::vector<std::string> batch = {"1", "2", "4", "5", "6"};  // 序号, by --map
    for (std::size_t i = 0; i < yuan.size(); ++i) {
        CHECK((*rows)[before + i].at("funds_yuan") == yuan[i]);
        CHECK((*rows)[before + i].at("batch") == batch[i]);
    }
    CHECK((*rows)[before].at("beneficiary_people") == "40");
    CHECK(contains(result.out, "  batch <- 序号 (--map)\n"));
    CHECK(contains(result.out, "  funds_yuan (元) <- 计划投资 (万元)\n"));
    CHECK_FALSE(contains(result.err, "column 序号"));
    // Matched against the sample's own villages layer, where none of the sheet's villages is.
    CHECK_FALSE(contains(result.out, "village not checked"));
    CHECK(contains(result.err, "countyatlas: appended 5 rows to county.gpkg (0 duplicates left out, 5 rows unmatched)\n"));
}

TEST_CASE("import --dry-run shows the preview and leaves the list byte for byte as it was") {
    ImportCounty county;
    const std::string before = test::read_file(county.list);
    const auto names_before = test::file_names_in(county.dir.path());
    const auto result = test::run_countyatlas(county.arguments("--dry-run"));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "  row 12  水池  三台乡 赵佳: in no village: "));
    CHECK(contains(result.err, "countyatlas: dry run: would append 4 rows to projects.gpkg (1 duplicates left out, 1 rows unmatched); nothing written\n"));
    CHECK(test::read_file(county.list) == before);
    CHECK(test::file_names_in(county.dir.path()) == names_before);  // no .bak, no temporary file
}

TEST_CASE("import --allow-duplicates appends the row the list holds already") {
    ImportCounty county;
    const auto result = test::run_countyatlas(county.arguments("--allow-duplicates"));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(read_rows(county.list, "sites")->size() == 7);
    CHECK(contains(result.err, "countyatlas: new.xlsx, row 8: already in projects.gpkg as feature 2; kept (--allow-duplicates)\n"));
    CHECK(contains(result.err, "countyatlas: appended 5 rows to projects.gpkg (0 duplicates left out, 1 rows unmatched)\n"));
}

TEST_CASE("import into a GeoJSON list exits 3 with one line and leaves it unchanged") {
    ImportCounty county;
    const std::string list = county.dir.file("projects.geojson");
    test::write_layer(list, "GeoJSON", 4490, {{"project_name"}, {"township"}, {"village_name"}}, {{"POINT(101.05 25.05)", {"水窖", "金碧镇", "马家营"}}});
    const std::string before = test::read_file(list);
    const auto result = test::run_countyatlas("import --sites '" + county.sheet + "' --villages '" + county.villages + "' --into '" + list + "'");
    CHECK(result.exit_code == 3);
    CHECK(contains(result.err, "countyatlas: projects.geojson, layer projects: cannot be saved in its own format (GeoJSON); nothing was saved."));
    CHECK_FALSE(contains(result.err, "countyatlas: appended"));
    CHECK(test::read_file(list) == before);
}

TEST_CASE("import --map naming a field or column that does not exist is bad input") {
    ImportCounty county;
    const std::string before = test::read_file(county.list);
    auto result = test::run_countyatlas(county.arguments("--map 批次=序号"));
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "countyatlas: projects.gpkg, layer sites: --map 批次=序号: the list has no field 批次; its fields: 项目名称, 乡镇, 村名, 投资（万元）, 年度, 受益户数\n"));
    result = test::run_countyatlas(county.arguments("--map 年度=备注"));
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "countyatlas: new.xlsx, layer Sheet1: --map 年度=备注: the sheet has no column 备注; its columns: 序号, "));
    CHECK(test::read_file(county.list) == before);
}

namespace {

constexpr int kBigSheetRows = 50000;

// A sheet of 50 000 projects in the four villages of write_sheet_villages, headed on row 1.
void write_big_sheet(const std::string& path) {
    test::Sheet sheet;
    const char* header[] = {"乡镇", "村委会", "项目名称", "计划投资（万元）", "年度"};
    for (int col = 0; col < 5; ++col) sheet.cells.push_back({1, col, header[col]});
    const std::pair<const char*, const char*> villages[] = {{"金碧镇", "马家营"}, {"金碧镇", "李家村"}, {"三台乡", "王家"}, {"三台乡", "赵家"}};
    for (int i = 0; i < kBigSheetRows; ++i) {
        const int row = i + 2;
        sheet.cells.push_back({row, 0, villages[i % 4].first});
        sheet.cells.push_back({row, 1, villages[i % 4].second});
        sheet.cells.push_back({row, 2, "项目" + std::to_string(i)});
        sheet.cells.push_back({row, 3, static_cast<double>(i % 100) + 0.5});
        sheet.cells.push_back({row, 4, 2016.0});
    }
    test::write_xlsx(path, {sheet});
}

std::size_t rows_in(const std::string& path) {
    const auto rows = read_rows(path, "sites");
    REQUIRE(rows);
    return rows->size();
}

// Whether `path` exists and was written since `since`: a journal of this run, not one a kill left.
bool written_since(const std::string& path, fs::file_time_type since) {
    std::error_code ec;
    const auto written = fs::last_write_time(path, ec);
    return !ec && written >= since;
}

// Runs the import and kills it with SIGKILL `delay_s` after `trigger` is written (after the start
// when `trigger` is empty), unless it ends first; its exit status, or -SIGKILL.
int import_killed(const std::vector<std::string>& arguments, const std::string& trigger, double delay_s, const std::string& err) {
    using Clock = std::chrono::steady_clock;
    const auto started = fs::file_time_type::clock::now();
    const pid_t pid = test::spawn_countyatlas(arguments, err);
    std::optional<Clock::time_point> deadline;
    int status = 0;
    for (;;) {
        if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
        if (!deadline && (trigger.empty() || written_since(trigger, started))) deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(delay_s));
        if (deadline && Clock::now() >= *deadline) break;
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

}  // namespace

TEST_CASE("an import killed at any moment leaves the list as it was or complete, and the next import works") {
    test::TempDir dir;
    const std::string sheet = dir.file("big.xlsx"), villages = test::write_sheet_villages(dir.file("villages.gpkg"));
    write_big_sheet(sheet);
    const std::string list = dir.file("projects.gpkg"), journal = list + "-journal", err = dir.file("err.txt");
    write_list(list, {{"水窖", "金碧镇", "马家营", 5, 2014, 3, 101.05, 25.05}});
    const std::vector<std::string> arguments = {"import", "--sites", sheet, "--villages", villages, "--into", list, "--allow-duplicates"};
    std::set<std::size_t> states = {rows_in(list)};  // every count the list has had
    // Kills while the sheet is read and the rows reviewed, then at moments of the GeoPackage
    // transaction (its -journal exists while it runs), then around its commit and the read-back.
    const std::vector<std::pair<std::string, double>> kills = {{"", 0.05}, {"", 0.2}, {"", 0.5},        {"", 1.0},
                                                               {journal, 0}, {journal, 0.01}, {journal, 0.03}, {journal, 0.06},
                                                               {journal, 0.1}, {journal, 0.15}, {journal, 0.2}, {journal, 0.3},
                                                               {journal, 0.5}, {journal, 0.8}};
    int killed = 0, in_transaction = 0, killed_complete = 0;
    for (const auto& kill : kills) {
        const std::string& trigger = kill.first;  // named, not bound: clang 14 lets no INFO capture a structured binding
        const double delay_s = kill.second;
        const std::size_t before = rows_in(list);
        const auto started = fs::file_time_type::clock::now();
        const int status = import_killed(arguments, trigger, delay_s, err);
        killed += status == -SIGKILL;
        in_transaction += status == -SIGKILL && written_since(journal, started);  // killed while writing
        // The next read, by countyatlas, rolls the interrupted transaction back (a read-only
        // SQLite connection cannot: it fails on the journal) and sees the list whole.
        const auto info = test::run_countyatlas("info '" + list + "'");
        CHECK_MESSAGE(info.exit_code == 0, info.err);
        const auto now = read_rows(list, "sites");
        REQUIRE(now);
        const std::size_t after = now->size();
        killed_complete += status == -SIGKILL && after == before + kBigSheetRows;  // killed after the commit, reading back
        if (after == before + kBigSheetRows) {  // complete: every row, in the sheet's order
            CHECK((*now)[before].at("项目名称") == "项目0");
            CHECK((*now)[after - 1].at("项目名称") == "项目" + std::to_string(kBigSheetRows - 1));
        }
        INFO("killed " << delay_s << " s after " << (trigger.empty() ? "the start" : "the journal appeared") << ": " << before << " rows before, " << after
                       << " after, exit " << status);
        CHECK((after == before || after == before + kBigSheetRows));
        if (status == 0) CHECK(after == before + kBigSheetRows);
        states.insert(after);
        if (fs::exists(list + ".bak")) CHECK(states.count(rows_in(list + ".bak")) == 1);  // a whole earlier version, never half
    }
    MESSAGE(killed << " runs killed, " << in_transaction << " of them inside the GeoPackage transaction, " << killed_complete << " after its commit");
    CHECK(killed >= 8);
    CHECK(in_transaction >= 3);  // the kills did fall inside the save itself
    // Whatever the kills left beside the list (a journal, a temporary .part of a backup), the next import runs whole.
    const std::size_t before = rows_in(list);
    REQUIRE(import_killed(arguments, "", 600, err) == 0);
    CHECK(rows_in(list) == before + kBigSheetRows);
    CHECK_FALSE(fs::exists(journal));
}

TEST_CASE("import of a CSV sheet with coordinates gives each row its point in the list") {
    ImportCounty county;
    const std::string sheet = county.dir.file("new.csv");
    test::write_text(sheet, "项目名称,乡镇,村名,经度,纬度,投资\n水窖,三台乡,王家,101.05,25.15,12.5万\n道路,三台乡,赵家,,,3000元\n");
    const auto result =
        test::run_countyatlas("import --sites '" + sheet + "' --villages '" + county.villages + "' --into '" + county.list + "'");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "  point <- 经度, 纬度\n"));
    CHECK(contains(result.out, "  row 2  水窖  三台乡 王家: village 王家 (三台乡), by its point\n"));
    CHECK(contains(result.out, "  row 3  道路  三台乡 赵家: village 赵家 (三台乡)\n"));
    CHECK_FALSE(contains(result.err, "column 经度"));
    CHECK_FALSE(contains(result.err, "column 投资"));
    GDALDatasetH ds = GDALOpenEx(county.list.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    REQUIRE(ds != nullptr);
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, "sites");
    REQUIRE(OGR_L_GetFeatureCount(layer, TRUE) == 4);
    OGRFeatureH added = OGR_L_GetFeature(layer, 3);
    REQUIRE(added != nullptr);
    OGRGeometryH point = OGR_F_GetGeometryRef(added);
    REQUIRE(point != nullptr);
    CHECK(OGR_G_GetX(point, 0) == doctest::Approx(101.05).epsilon(1e-9));
    CHECK(OGR_G_GetY(point, 0) == doctest::Approx(25.15).epsilon(1e-9));
    CHECK(OGR_F_GetFieldAsDouble(added, OGR_F_GetFieldIndex(added, "投资（万元）")) == 12.5);
    OGR_F_Destroy(added);
    OGRFeatureH last = OGR_L_GetFeature(layer, 4);
    CHECK(OGR_F_GetGeometryRef(last) == nullptr);
    CHECK(OGR_F_GetFieldAsDouble(last, OGR_F_GetFieldIndex(last, "投资（万元）")) == 0.3);  // 3000元 in 万元
    OGR_F_Destroy(last);
    GDALClose(ds);
}

TEST_CASE("import --dry-run into an XLSX list previews its mapping and finds the rows it holds by their row numbers") {
    ImportCounty county;
    const std::string list = county.dir.file("projects.xlsx");
    test::Sheet kept;
    const char* header[] = {"项目名称", "乡镇", "村委会", "资金（万元）", "年度"};
    for (int col = 0; col < 5; ++col) kept.cells.push_back({1, col, header[col]});
    kept.cells.push_back({2, 0, "水池"});
    kept.cells.push_back({2, 1, "三台乡"});
    kept.cells.push_back({2, 2, "赵佳"});
    kept.cells.push_back({2, 3, 12.5});
    test::write_xlsx(list, {kept});
    const std::string before = test::read_file(list);
    const auto result = test::run_countyatlas("import --sites '" + county.sheet + "' --villages '" + county.villages + "' --into '" + list + "' --dry-run");
    INFO(result.out);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "  资金(万元) <- 计划投资 (万元)\n"));
    CHECK(contains(result.out, "  村委会 <- 村委会\n"));
    // Row 12 (水池 of 赵佳, 2015) against the list's row 2 that has no year: the same project. Left
    // out, its village no longer matters (and is not counted as unmatched).
    CHECK(contains(result.out, "; already in projects.xlsx as row 2, left out\n"));
    CHECK_FALSE(contains(result.err, "row 12: in no village"));
    CHECK(contains(result.err, "countyatlas: dry run: would append 4 rows to projects.xlsx (1 duplicates left out, 0 rows unmatched); nothing written\n"));
    CHECK(test::read_file(list) == before);
}

TEST_CASE("import appends to a GBK shapefile list through copies, keeping its encoding") {
    ImportCounty county;
    const std::string list = county.dir.file("projects.shp");
    test::write_layer(list, "ESRI Shapefile", 4490, {{"名称"}, {"乡镇"}, {"村"}, {"资金"}}, {{"POINT(101.05 25.05)", {"水井", "金碧镇", "马家营", "50000"}}},
                      {"ENCODING=CP936"});
    const auto result = test::run_countyatlas("import --sites '" + county.sheet + "' --villages '" + county.villages + "' --into '" + list + "'");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.err, "countyatlas: appended 5 rows to projects.shp (0 duplicates left out, 1 rows unmatched)\n"));
    const auto rows = read_rows(list, "projects");
    REQUIRE(rows);
    REQUIRE(rows->size() == 6);
    CHECK((*rows)[0].at("名称") == "水井");
    CHECK((*rows)[1].at("名称") == "水窖");  // a new row, written in the file's GBK as GDAL reads it
    CHECK((*rows)[1].at("资金") == "12345000");  // yuan: 1,234.5 万元
    CHECK((*rows)[5].at("村") == "赵佳");
    CHECK(fs::exists(county.dir.file("projects.dbf.bak")));
}

TEST_CASE("import into a project file appends to its sites layer and matches rows against its villages") {
    ImportCounty county;
    const std::string project = county.dir.file("county.cap.json");
    test::write_text(project, R"({"countyatlas_project": 1, "layers": [{"path": "villages.gpkg", "role": "villages"}, {"path": "projects.gpkg", "layer": "sites", "role": "sites"}]})"
                              "\n");
    const auto result = test::run_countyatlas("import --sites '" + county.sheet + "' --into '" + project + "'");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "  row 7  水窖  金碧镇 马家营: village 马家营 (金碧镇)\n"));
    CHECK(contains(result.err, "countyatlas: appended 4 rows to projects.gpkg (1 duplicates left out, 1 rows unmatched)\n"));
    CHECK(read_rows(county.list, "sites")->size() == 6);
}

TEST_CASE("import with no villages anywhere says the rows were not matched, and still previews them") {
    ImportCounty county;
    const auto result = test::run_countyatlas("import --sites '" + county.sheet + "' --into '" + county.list + "' --dry-run");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.err, "countyatlas: rows not matched to villages: no villages layer; give one with --villages\n"));
    CHECK(contains(result.out, "  row 7  水窖  金碧镇 马家营: village not checked (no villages layer: give one with --villages)\n"));
    CHECK(contains(result.err, "countyatlas: dry run: would append 4 rows to projects.gpkg (1 duplicates left out, 0 rows unmatched); nothing written\n"));
}
