// A county published to a real PostGIS server: read back in every role, mixed with files, and
// counted on the server with the same figures as here.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "bench/synthetic_region.hpp"
#include "postgis/test_database.hpp"
#include "support/fixtures.hpp"

namespace ca {
namespace {

using nlohmann::json;

std::string sample_sheet() { return std::string(CA_SOURCE_DIR) + "/data/sample/projects_by_name.csv"; }

// Publishes the sample county with its project sheet (rows placed by name, some unplaceable).
std::string publish_sample(const test::TempDir& dir, const test::TestSchema& schema) {
    return schema.publish("'" + test::sample_county() + "' --sites '" + sample_sheet() + "'", dir.file("shared.cap.json"));
}

json stats_json(const std::string& arguments) {
    const auto r = test::run_countyatlas("stats " + arguments + " --format json");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return json::parse(r.out);
}

// Counts and money exactly, kilometres within 0.01 %, row by row and key by key.
void require_same_figures(const json& a, const json& b, const std::string& where) {
    CAPTURE(where);
    REQUIRE(a.type() == b.type());
    if (a.is_object()) {
        REQUIRE(a.size() == b.size());
        for (auto it = a.begin(); it != a.end(); ++it) {
            REQUIRE_MESSAGE(b.contains(it.key()), std::string(where + "." + it.key()));
            require_same_figures(it.value(), b.at(it.key()), where + "." + it.key());
        }
    } else if (a.is_array()) {
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) require_same_figures(a[i], b[i], where + "[" + std::to_string(i) + "]");
    } else if (a.is_number_float() && where.find("_km") == std::string::npos && where.find("line_km") == std::string::npos &&
               where.find("rate") == std::string::npos && where.find("coverage") == std::string::npos && where.find("income") == std::string::npos &&
               where.find("per_poor") == std::string::npos) {
        REQUIRE(a.get<double>() == doctest::Approx(b.get<double>()).epsilon(1e-12));  // sums of the same numbers in another order
    } else if (a.is_number()) {
        REQUIRE(a.get<double>() == doctest::Approx(b.get<double>()).epsilon(1e-4));
    } else {
        REQUIRE(a == b);
    }
}

TEST_CASE("the sample county published to PostGIS counts the same on the server, here from the database, and from its files") {
    test::TempDir dir;
    test::TestSchema schema;
    const std::string project = publish_sample(dir, schema);
    for (const std::string by : {"village", "township"}) {
        const auto server = test::run_countyatlas("stats '" + project + "' --by " + by + " --engine server --format json");
        REQUIRE_MESSAGE(server.exit_code == 0, server.err);
        CHECK(server.err.find("counted on the PostGIS server") != std::string::npos);
        const json local = stats_json("'" + project + "' --by " + by + " --engine local");
        const json files = stats_json("'" + test::sample_county() + "' --sites '" + sample_sheet() + "' --by " + by);
        require_same_figures(json::parse(server.out), local, by + " server/local");
        require_same_figures(local, files, by + " database/files");
    }
    // What the comparison covered: rows placed by name, by township only, and unplaceable ones.
    const json total = stats_json("'" + project + "' --engine server")["total"];
    const json file_total = stats_json("'" + test::sample_county() + "' --sites '" + sample_sheet() + "'")["total"];
    CHECK(total["sites"].get<int>() > 289);  // the sheet's placed rows beside the map's 289 sites
    CHECK(total["funds_yuan"].get<double>() == file_total["funds_yuan"].get<double>());

    // Ranking counts on the server too, with the same order and figures.
    for (const std::string metric : {"poverty_rate", "coverage"}) {
        const auto ranked_server = test::run_countyatlas("rank '" + project + "' --metric " + metric + " --format json --engine server");
        const auto ranked_local = test::run_countyatlas("rank '" + project + "' --metric " + metric + " --format json --engine local");
        REQUIRE_MESSAGE(ranked_server.exit_code == 0, ranked_server.err);
        require_same_figures(json::parse(ranked_server.out), json::parse(ranked_local.out), "rank " + metric);
    }
    // How the loader placed each row of the sheet is kept beside it: most by their village's name.
    const std::string placed = test::psql("SELECT placement_precision || ' ' || count(*) FROM " + schema.name() +
                                          ".sites_2 GROUP BY placement_precision ORDER BY 1");
    CHECK(placed.find("village ") != std::string::npos);
    CHECK(placed.find("exact ") != std::string::npos);  // the rows with lon/lat

    // The township table with its polygons back into the database, for other tools.
    const auto written = test::run_countyatlas("stats '" + project + "' --format postgis -o '" + test::test_database() + " " + schema.name() + ".township_stats'");
    REQUIRE_MESSAGE(written.exit_code == 0, written.err);
    const json townships = stats_json("'" + project + "'")["regions"];
    CHECK(test::psql("SELECT count(*) FROM " + schema.name() + ".township_stats") == std::to_string(townships.size()) + "\n");
    CHECK(test::psql("SELECT sites || ' ' || ST_GeometryType(geom) || ' ' || ST_SRID(geom) FROM " + schema.name() +
                     ".township_stats WHERE township = '金碧镇'") == "5 ST_MultiPolygon 4490\n");
}

TEST_CASE("every role read from PostGIS mixed with files counts as the files do") {
    test::TempDir dir;
    test::TestSchema schema;
    publish_sample(dir, schema);
    const std::string gpkg = test::sample_county();
    const auto mixed = test::run_countyatlas("stats --villages " + schema.table_argument("villages") + " --townships " + schema.table_argument("townships") +
                                             " --sites '" + gpkg + ":sites' --lines " + schema.table_argument("lines") + " --ponds '" + gpkg +
                                             ":ponds' --format json");
    REQUIRE_MESSAGE(mixed.exit_code == 0, mixed.err);
    CHECK(mixed.err.find("counted on the PostGIS server") == std::string::npos);  // files among them: counted here
    const json files = stats_json("'" + gpkg + "'");
    require_same_figures(json::parse(mixed.out)["regions"], files["regions"], "mixed");

    // A bare database (its schema) opens every layer with its role guessed, as a GeoPackage does.
    const auto info = test::run_countyatlas("info '" + test::test_database() + " schemas=" + schema.name() + "' --format json");
    REQUIRE_MESSAGE(info.exit_code == 0, info.err);
    const json layers = json::parse(info.out)["layers"];
    std::map<std::string, std::string> roles;
    for (const auto& layer : layers) roles[layer["layer"].get<std::string>()] = layer["role"].get<std::string>();
    CHECK(roles["villages"] == "villages");
    CHECK(roles["sites"] == "sites");
    CHECK(roles["lines"] == "lines");
    CHECK(roles["ponds"] == "ponds");
    CHECK(roles.count("countyatlas_load_notes") == 0);  // the loader's notes are not a layer
}

TEST_CASE("a generated prefecture counts the same on the server as here") {
    test::TempDir dir;
    test::TestSchema schema;
    // A quarter of the bench's prefecture (40 x 40 villages with winding shared borders, lines
    // crossing them and running along them), so the suite stays short.
    bench::RegionSize size{"test-prefecture", 40, 25000, 5000, 1600};
    bench::write_region(size, dir.file("region.gpkg"));
    const std::string project = dir.file("region.cap.json");
    schema.publish("'" + dir.file("region.gpkg") + "'", project);
    const json server = stats_json("'" + project + "' --by village --engine server");
    const json local = stats_json("'" + project + "' --by village --engine local");
    require_same_figures(server, local, "prefecture");
    CHECK(server["total"]["sites"].get<int>() > 24000);
    CHECK_FALSE(server["unmatched_sites"].empty());  // sites outside the region, listed alike by both
}

}  // namespace
}  // namespace ca
