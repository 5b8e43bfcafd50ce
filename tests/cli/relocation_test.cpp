// rank --relocation on the sample county and its DEM against the score of the README, worked here
// from the village table (terrain and poverty) and the road distances the ranking reports.
#include <algorithm>
#include <filesystem>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/dem_writer.hpp"
#include "support/fixtures.hpp"

namespace ca {
namespace {

std::string sample_dem() { return (std::filesystem::path(test::sample_county()).parent_path() / "dem.tif").string(); }

nlohmann::json run_json(const std::string& arguments) {
    const auto result = test::run_countyatlas(arguments + " --format json");
    INFO(arguments, result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

struct Weights {
    double steep, altitude, road, poverty;
};

// The expected order: names by score, highest first, ties in the villages' order.
std::vector<std::pair<std::string, double>> scored_by_hand(const nlohmann::json& villages, const nlohmann::json& ranking, const Weights& w) {
    double lowest = 2500, farthest = 0;
    for (const auto& v : villages) lowest = std::min(lowest, v["elevation_mean_m"].get<double>());
    std::map<std::string, double> road_m;
    for (const auto& r : ranking) {
        road_m[r["village_name"].get<std::string>()] = r["road_distance_m"].get<double>();
        farthest = std::max(farthest, r["road_distance_m"].get<double>());
    }
    std::vector<std::pair<std::string, double>> scored;
    for (const auto& v : villages) {
        if (v["poor_villages"] == 0) continue;
        const std::string name = v["village_name"];
        const double altitude = std::clamp((v["elevation_mean_m"].get<double>() - lowest) / (2500 - lowest), 0.0, 1.0);
        const double poverty = v["poverty_rate"].is_null() ? 0 : v["poverty_rate"].get<double>();
        const double score = (w.steep * v["steep_share"].get<double>() + w.altitude * altitude + w.road * road_m.at(name) / farthest +
                              w.poverty * poverty) / (w.steep + w.altitude + w.road + w.poverty);
        scored.emplace_back(name, score);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return scored;
}

void check_order(const nlohmann::json& ranking, const std::vector<std::pair<std::string, double>>& expected) {
    REQUIRE(ranking.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(ranking[i]["village_name"] == expected[i].first);
        // Terrain figures are printed to millionths: the score agrees to that.
        CHECK(ranking[i]["score"].get<double>() == doctest::Approx(expected[i].second).epsilon(1e-5));
    }
}

}  // namespace

TEST_CASE("rank --relocation on the sample: the order worked from the README's score, default weights and others") {
    const std::string data = test::sample_county() + " --dem " + sample_dem();
    const auto villages = run_json("stats " + data + " --by village")["regions"];
    const auto ranking = run_json("rank " + data + " --relocation");
    // The sample's terrain spreads the terms: some steep villages, some above 2500 m, some far from a road.
    REQUIRE(ranking.size() > 100);
    CHECK(std::ranges::any_of(ranking, [](const auto& r) { return r["steep_term"].template get<double>() > 0.3; }));
    CHECK(std::ranges::any_of(ranking, [](const auto& r) { return r["altitude_term"].template get<double>() == 1.0; }));
    check_order(ranking, scored_by_hand(villages, ranking, {0.35, 0.25, 0.20, 0.20}));
    const auto steep_first = run_json("rank " + data + " --relocation --weights steep=1,altitude=0,road=0,poverty=0");
    check_order(steep_first, scored_by_hand(villages, steep_first, {1, 0, 0, 0}));
}

TEST_CASE("rank --relocation by hand: road distances from a point inside each village, and the score's terms") {
    test::TempDir dir;
    // Two poor villages of 2 km × 2 km side by side on flat land (CGCS2000 / GK CM 102E), a road
    // running north-south 5 km east of 远村's centre and 3 km east of 近村's.
    test::write_layer(dir.file("villages.gpkg"), "GPKG", 4543, {{"村名"}, {"乡镇"}, {"人口", true}, {"贫困人口", true}},
                      {{"POLYGON((398000 2766000,400000 2766000,400000 2768000,398000 2768000,398000 2766000))", {"远村", "高山乡", "1000", "500"}},
                       {"POLYGON((400000 2766000,402000 2766000,402000 2768000,400000 2768000,400000 2766000))", {"近村", "高山乡", "1000", "400"}}});
    test::write_layer(dir.file("roads.gpkg"), "GPKG", 4543, {{"kind"}}, {{"LINESTRING(404000 2760000,404000 2775000)", {"公路"}}});
    test::DemSpec flat;
    flat.epsg = 4543, flat.width = 100, flat.height = 180, flat.geotransform = {396000, 100, 0, 2776000, 0, -100};
    test::write_dem(dir.file("dem.tif"), flat, [](int, int) { return 1500; });
    const auto ranking = run_json("rank --villages " + dir.file("villages.gpkg") + " --lines " + dir.file("roads.gpkg") + " --dem " +
                                  dir.file("dem.tif") + " --relocation");
    REQUIRE(ranking.size() == 2);
    // 远村: road 1 (the farthest), poverty 0.5 → (0.2 · 1 + 0.2 · 0.5) / 1 = 0.30; 近村: (0.2 · 0.6 + 0.2 · 0.4) = 0.20.
    CHECK(ranking[0]["village_name"] == "远村");
    CHECK(ranking[0]["road_distance_m"].get<double>() == doctest::Approx(5000).epsilon(1e-4));
    CHECK(ranking[0]["score"].get<double>() == doctest::Approx(0.30).epsilon(1e-6));
    CHECK(ranking[1]["village_name"] == "近村");
    CHECK(ranking[1]["road_distance_m"].get<double>() == doctest::Approx(3000).epsilon(1e-4));
    CHECK(ranking[1]["road_term"].get<double>() == doctest::Approx(0.6).epsilon(1e-4));
    CHECK(ranking[1]["score"].get<double>() == doctest::Approx(0.20).epsilon(1e-4));
    CHECK(ranking[1]["altitude_term"].get<double>() == doctest::Approx(0));  // both at the county's lowest
}

TEST_CASE("rank --relocation without a DEM, or without roads, stops with what to give") {
    const auto no_dem = test::run_countyatlas("rank " + test::sample_county() + " --relocation");
    CHECK(no_dem.exit_code == 2);
    CHECK(no_dem.err.find("--relocation scores steep and high land: give the elevation model with --dem FILE") != std::string::npos);
    test::TempDir dir;
    std::filesystem::copy_file(test::sample_county(), dir.file("county.gpkg"));
    const auto no_roads = test::run_countyatlas("rank --villages " + dir.file("county.gpkg") + ":villages --dem " + sample_dem() + " --relocation");
    CHECK(no_roads.exit_code == 2);
    CHECK(no_roads.err.find("no road among the lines") != std::string::npos);
    const auto without_road_term = test::run_countyatlas("rank --villages " + dir.file("county.gpkg") + ":villages --dem " + sample_dem() +
                                                         " --relocation --weights road=0 --format json");
    CHECK(without_road_term.exit_code == 0);
}

}  // namespace ca
