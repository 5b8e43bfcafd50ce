// The embedded engine's border rules, kept by the server engine: a site on the border between two
// villages, and a ditch running along it, each counted once, in the first village.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "postgis/test_database.hpp"
#include "support/fixtures.hpp"

namespace ca {
namespace {

using nlohmann::json;

const json& village(const json& stats, const std::string& name) {
    for (const auto& row : stats["regions"])
        if (row["village_name"] == name) return row;
    FAIL("no village " << name);
    return stats;
}

TEST_CASE("on the server a site on a shared border and a pipe along it count once, in the first village, as here") {
    test::TempDir dir;
    test::TestSchema schema;
    // 西村 (first) and 东村 share the meridian 0.01°E from 0.00° to 0.01°N.
    test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}, {"人口", true}, {"贫困人口", true}},
                      {{test::square_wkt(0, 0, 0.01), {"西村", "甲镇", "400", "200"}}, {test::square_wkt(0.01, 0, 0.01), {"东村", "甲镇", "800", "80"}}});
    test::write_layer(dir.file("sites.gpkg"), "GPKG", 4490, {{"项目类型"}, {"资金"}},
                      {{"POINT(0.01 0.004)", {"培训", "30000"}}, {"POINT(0.015 0.005)", {"产业扶贫", "50000"}}});
    // 0.002°..0.008°N along the border, then 0.002° of longitude east inside 东村.
    test::write_layer(dir.file("lines.gpkg"), "GPKG", 4490, {{"kind"}}, {{"LINESTRING(0.01 0.002,0.01 0.008,0.012 0.008)", {"管道"}}});
    schema.publish("--villages '" + dir.file("villages.gpkg") + "' --sites '" + dir.file("sites.gpkg") + "' --lines '" + dir.file("lines.gpkg") + "'",
                   dir.file("p.cap.json"));
    auto stats = [&](const std::string& engine) {
        const auto r = test::run_countyatlas("stats '" + dir.file("p.cap.json") + "' --by village --format json --engine " + engine);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return json::parse(r.out);
    };
    const json server = stats("server"), local = stats("local");
    for (const std::string name : {"西村", "东村"}) {
        CAPTURE(name);
        CHECK(village(server, name)["sites"] == village(local, name)["sites"]);
        CHECK(village(server, name)["funds_yuan"] == village(local, name)["funds_yuan"]);
        CHECK(village(server, name)["line_km_by_kind"]["pipeline"].get<double>() ==
              doctest::Approx(village(local, name)["line_km_by_kind"]["pipeline"].get<double>()).epsilon(1e-6));
    }
    // By hand: 0.006° of latitude is 663.4 m at the equator (meridian arc of CGCS2000), 0.002° of
    // longitude 222.6 m; the border stretch is 西村's, the rest 东村's.
    CHECK(village(server, "西村")["sites"] == 1);
    CHECK(village(server, "西村")["funds_yuan"] == 30000);
    CHECK(village(server, "西村")["line_km_by_kind"]["pipeline"].get<double>() == doctest::Approx(0.6634).epsilon(1e-3));
    CHECK(village(server, "东村")["line_km_by_kind"]["pipeline"].get<double>() == doctest::Approx(0.2226).epsilon(1e-3));
    CHECK(server["total"]["line_km_by_kind"]["pipeline"].get<double>() == doctest::Approx(0.8860).epsilon(1e-3));
}

}  // namespace
}  // namespace ca
