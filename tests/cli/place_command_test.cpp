// `countyatlas place`: rows that name their village get a point inside it (a U-shaped village
// too, whose centroid lies outside it), rows with a point keep it, the others are written without
// geometry and named on stderr. The output is read back with GDAL.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <gdal.h>
#include <ogr_api.h>

#include "support/fixtures.hpp"

using namespace ca;

namespace {

// 马鞍村 is a U of 0.01° cells with its south-west corner at 101°E 25°N: a bar three cells wide
// and one high, two arms one cell wide rising two cells from its ends. Its centroid, (1.5,
// 1.357) cells, lies in the notch between the arms.
const std::vector<std::pair<double, double>> kU = {{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}};

std::string u_wkt() {
    std::string wkt = "POLYGON((";
    for (std::size_t i = 0; i < kU.size(); ++i)
        wkt += (i ? "," : "") + std::to_string(101 + kU[i].first * 0.01) + " " + std::to_string(25 + kU[i].second * 0.01);
    return wkt + "))";
}

// Even-odd ray casting over the U's ring, in degrees.
bool inside_u(double lon, double lat) {
    bool in = false;
    for (std::size_t i = 0, j = kU.size() - 2; i + 1 < kU.size(); j = i++) {
        const double xi = 101 + kU[i].first * 0.01, yi = 25 + kU[i].second * 0.01;
        const double xj = 101 + kU[j].first * 0.01, yj = 25 + kU[j].second * 0.01;
        if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) in = !in;
    }
    return in;
}

struct PlacedRow {
    std::map<std::string, std::string> fields;  // NULL fields absent
    std::map<std::string, OGRFieldType> types;
    std::optional<std::pair<double, double>> point;
};

std::vector<PlacedRow> read_placed(const std::string& path, const std::string& layer_name) {
    std::vector<PlacedRow> rows;
    GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    REQUIRE(ds != nullptr);
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, layer_name.c_str());
    REQUIRE(layer != nullptr);
    CHECK(OGR_L_GetGeomType(layer) == wkbPoint);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    OGR_L_ResetReading(layer);
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        PlacedRow row;
        for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
            OGRFieldDefnH field = OGR_FD_GetFieldDefn(defn, i);
            row.types[OGR_Fld_GetNameRef(field)] = OGR_Fld_GetType(field);
            if (OGR_F_IsFieldSetAndNotNull(f, i)) row.fields[OGR_Fld_GetNameRef(field)] = OGR_F_GetFieldAsString(f, i);
        }
        if (OGRGeometryH g = OGR_F_GetGeometryRef(f)) row.point = std::pair{OGR_G_GetX(g, 0), OGR_G_GetY(g, 0)};
        rows.push_back(std::move(row));
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return rows;
}

// Villages 马鞍村 (the U) and 石板箐 of 湾碧乡, 大麦地 of 铁锁乡; a project list in CSV as offices
// keep it, coordinates on one row only.
struct PlaceCounty {
    test::TempDir dir;
    PlaceCounty() {
        test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}, {"人口", true}},
                          {{u_wkt(), {"马鞍村", "湾碧乡", "300"}},
                           {test::square_wkt(101.04, 25.0, 0.01), {"石板箐", "湾碧乡", "200"}},
                           {test::square_wkt(101.04, 25.02, 0.01), {"大麦地", "铁锁乡", "100"}}});
        test::write_text(dir.file("sites.csv"),
                         "项目名称,乡镇,村名,总投资,经度,纬度\n"
                         "一号水池,湾碧乡,石板箐,12.5,101.045,25.005\n"  // row 2: its own point, in 石板箐
                         "二号沟渠,湾碧乡,马鞍村委会,8,,\n"              // row 3: by name, in the U
                         "三号管道,湾碧乡, 马鞍 ,20,,\n"                 // row 4: the same village
                         "四号水窖,铁锁乡,黄家湾,5,,\n"                  // row 5: township only
                         "五号培训,三台乡,不知村,3,,\n"                  // row 6: no such township
                         "六号道路,铁锁乡,大麦地,7,,\n");                // row 7: by name
    }
    std::string args(const std::string& more) const {
        return "place --villages '" + dir.file("villages.gpkg") + "' --sites '" + dir.file("sites.csv") + "' " + more;
    }
};

}  // namespace

TEST_CASE("place gives rows that name their village a point inside it, and keeps each row's own fields") {
    PlaceCounty county;
    const std::string out = county.dir.file("placed.gpkg");
    const auto r = test::run_countyatlas(county.args("-o '" + out + "'"));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto rows = read_placed(out, "sites");
    REQUIRE(rows.size() == 6);
    const std::vector<std::string> precision = {"exact", "village", "village", "township", "none", "village"};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CAPTURE(i);
        CHECK(rows[i].fields.at("precision") == precision[i]);
        CHECK(rows[i].fields.at("source_row") == std::to_string(i + 2));  // the CSV's line numbers
        CHECK(rows[i].fields.at("source_file") == "sites.csv");
    }
    // The row with coordinates keeps them exactly; its fields are as loaded, numbers as numbers.
    REQUIRE(rows[0].point);
    CHECK(rows[0].point->first == 101.045);
    CHECK(rows[0].point->second == 25.005);
    CHECK(rows[0].fields.at("项目名称") == "一号水池");
    CHECK(rows[0].types.at("总投资") == OFTReal);
    CHECK(rows[0].fields.at("总投资") == "12.5");
    CHECK(rows[0].types.at("经度") == OFTReal);
    CHECK(rows[0].types.at("source_row") == OFTInteger64);
    CHECK(rows[0].fields.at("village_name") == "石板箐");
    CHECK(rows[0].fields.at("township") == "湾碧乡");
    // The U's rows: one point, inside the U, though the U's centroid is not.
    REQUIRE(rows[1].point);
    CHECK(inside_u(rows[1].point->first, rows[1].point->second));
    CHECK_FALSE(inside_u(101 + 1.5 * 0.01, 25 + 9.5 / 7 * 0.01));
    CHECK(rows[2].point == rows[1].point);
    CHECK(rows[1].fields.at("village_name") == "马鞍村");
    CHECK(rows[1].fields.at("村名") == "马鞍村委会");  // the row's own text, as typed
    REQUIRE(rows[5].point);
    CHECK(rows[5].point->first > 101.04);
    CHECK(rows[5].point->first < 101.05);
    CHECK(rows[5].point->second > 25.02);
    CHECK(rows[5].point->second < 25.03);
    // Township-only and unplaced rows: no geometry; the township where known.
    CHECK_FALSE(rows[3].point);
    CHECK(rows[3].fields.at("township") == "铁锁乡");
    CHECK(rows[3].fields.count("village_name") == 0);
    CHECK_FALSE(rows[4].point);
    CHECK(rows[4].fields.count("township") == 0);
    CHECK(r.err.find("countyatlas: warning: sites.csv, layer sites, row 6: placed nowhere: no township \"三台乡\" among the villages; "
                     "written without geometry\n") != std::string::npos);
    CHECK(r.err.find("row 5: in township 铁锁乡 only: no village \"黄家湾\" in township \"铁锁乡\"; written without geometry\n") != std::string::npos);
    CHECK(r.err.find("placed.gpkg, layer sites: 6 rows of 6; 1 exact, 3 village (a point inside it), 1 township, 1 none; 2 without geometry\n") !=
          std::string::npos);
}

TEST_CASE("place --skip-unplaced leaves out the rows in no village, and says so") {
    PlaceCounty county;
    const std::string out = county.dir.file("placed.gpkg");
    const auto r = test::run_countyatlas(county.args("--skip-unplaced -o '" + out + "'"));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto rows = read_placed(out, "sites");
    REQUIRE(rows.size() == 4);
    for (const auto& row : rows) CHECK(row.point);
    CHECK(r.err.find("row 6: placed nowhere: no township \"三台乡\" among the villages; left out (--skip-unplaced)\n") != std::string::npos);
    CHECK(r.err.find("4 rows of 6; 1 exact, 3 village (a point inside it), 1 township, 1 none; 0 without geometry; 2 left out by --skip-unplaced\n") !=
          std::string::npos);
}

TEST_CASE("place refuses a run without villages, and an output that is not a GeoPackage, in one line") {
    PlaceCounty county;
    const auto no_villages = test::run_countyatlas("place --sites '" + county.dir.file("sites.csv") + "' -o '" + county.dir.file("p.gpkg") + "'");
    CHECK(no_villages.exit_code == 2);
    CHECK(no_villages.err == "countyatlas: no villages layer: pass the village boundaries with --villages FILE\n");
    CHECK_FALSE(std::filesystem::exists(county.dir.file("p.gpkg")));
    const auto missing = test::run_countyatlas(county.args("").replace(county.args("").find("villages.gpkg"), 13, "gone.shp") + "-o '" +
                                               county.dir.file("p.gpkg") + "'");
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("gone.shp") != std::string::npos);
    CHECK(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);
    const auto shp = test::run_countyatlas(county.args("-o '" + county.dir.file("p.shp") + "'"));
    CHECK(shp.exit_code == 2);
    CHECK(shp.err == "countyatlas: -o " + county.dir.file("p.shp") + ": place writes GeoPackage files only; name the output FILE.gpkg\n");
}
