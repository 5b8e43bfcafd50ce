// `countyatlas rank` and `countyatlas clusters` on the sample county.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

using namespace ca;

TEST_CASE("rank lists villages from the highest poverty rate down, agreeing with stats") {
    const auto rank = test::run_countyatlas("rank '" + test::sample_county() + "' --top 10 --format json");
    REQUIRE_MESSAGE(rank.exit_code == 0, rank.err);
    const auto list = nlohmann::json::parse(rank.out);
    REQUIRE(list.size() == 10);
    const auto stats = nlohmann::json::parse(test::run_countyatlas("stats '" + test::sample_county() + "' --by village --format json").out);
    double highest = 0;
    for (const auto& row : stats["regions"]) highest = std::max(highest, row["poverty_rate"].get<double>());
    CHECK(list[0]["rank"] == 1);
    CHECK(list[0]["poverty_rate"].get<double>() == highest);
    for (std::size_t i = 1; i < list.size(); ++i) CHECK(list[i - 1]["poverty_rate"].get<double>() >= list[i]["poverty_rate"].get<double>());
}

TEST_CASE("rank by income puts the poorest township first") {
    const auto rank = test::run_countyatlas("rank '" + test::sample_county() + "' --by township --metric income_per_capita --format json");
    REQUIRE_MESSAGE(rank.exit_code == 0, rank.err);
    const auto list = nlohmann::json::parse(rank.out);
    REQUIRE(list.size() == 12);
    for (std::size_t i = 1; i < list.size(); ++i)
        CHECK(list[i - 1]["income_per_capita"].get<double>() <= list[i]["income_per_capita"].get<double>());
    CHECK(list[11]["township"] == "金碧镇");  // the valley town of the county seat is richest
}

TEST_CASE("rank --uncovered lists only poor villages without a site, with distances") {
    const auto r = test::run_countyatlas("rank '" + test::sample_county() + "' --uncovered --format json");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto list = nlohmann::json::parse(r.out);
    const auto stats = nlohmann::json::parse(test::run_countyatlas("stats '" + test::sample_county() + "' --format json").out);
    const int uncovered = stats["total"]["poor_villages"].get<int>() - stats["total"]["covered_poor_villages"].get<int>();
    CHECK(static_cast<int>(list.size()) == uncovered);
    for (const auto& row : list) {
        CHECK(row["nearest_site_m"].get<double>() > 0);  // a site touching it would cover it
        CHECK(row["nearest_pipeline_m"].get<double>() >= 0);
        CHECK(row["nearest_ditch_m"].get<double>() >= 0);
    }
}

TEST_CASE("clusters finds the mountain poverty cluster and is repeatable with a seed") {
    const std::string args = "clusters '" + test::sample_county() + "' --metric poverty_rate --permutations 199 --seed 3";
    const auto a = test::run_countyatlas(args);
    REQUIRE_MESSAGE(a.exit_code == 0, a.err);
    CHECK(a.out == test::run_countyatlas(args).out);
    const auto j = nlohmann::json::parse(a.out);
    CHECK(j["moran"]["i"].get<double>() > 0.3);  // the sample puts poverty in the remote mountains
    CHECK(j["moran"]["p_value"].get<double>() == doctest::Approx(1.0 / 200));
    int high_high = 0, high_high_in_mountain_townships = 0;
    for (const auto& v : j["villages"])
        if (v["cluster"] == "HH") {
            ++high_high;
            const std::string t = v["township"];
            high_high_in_mountain_townships += t == "铁锁乡" || t == "三台乡" || t == "湾碧乡" || t == "昙华乡" || t == "桂花镇";
        }
    CHECK(high_high > 0);
    CHECK(high_high_in_mountain_townships * 10 >= high_high * 8);
}

TEST_CASE("an unknown metric is refused with the list of metrics") {
    const auto r = test::run_countyatlas("rank '" + test::sample_county() + "' --metric wealth");
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("countyatlas: --metric wealth is not one of: poverty_rate, poor_population,", 0) == 0);
}

TEST_CASE("clusters --format gpkg writes village polygons with their cluster class") {
    test::TempDir dir;
    const std::string out = dir.file("clusters.gpkg");
    const auto r = test::run_countyatlas("clusters '" + test::sample_county() + "' --permutations 99 --format gpkg -o '" + out + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto info = nlohmann::json::parse(test::run_countyatlas("info --format json '" + out + "'").out);
    const auto& layer = info["layers"][0];
    CHECK(layer["layer"] == "clusters");
    CHECK(layer["features"] == 133);
    CHECK(layer["geometry_type"] == "Multi Polygon");
    const auto& fields = layer["all_fields"];
    CHECK(std::find(fields.begin(), fields.end(), "cluster") != fields.end());
    CHECK(std::find(fields.begin(), fields.end(), "gi_star_z") != fields.end());
}
