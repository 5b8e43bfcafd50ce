// `countyatlas stats`: the contract's JSON keys, CSV columns, files and errors.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

using namespace ca;

namespace {

const std::vector<std::string> kRowKeys = {
    "township", "villages", "households", "population", "poor_households", "poor_population", "poverty_rate",
    "income_per_capita", "poor_villages", "covered_poor_villages", "coverage", "sites", "sites_by_type", "funds_yuan",
    "beneficiary_households", "beneficiary_people", "funds_per_poor_person", "line_km_by_kind", "ponds", "pond_capacity_m3",
    // added to the contract's keys: how the sites were placed
    "sites_exact", "sites_by_name"};

std::vector<std::string> keys_of(const nlohmann::json& object) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : object.items()) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    return keys;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

TEST_CASE("stats --format json on the sample has exactly the contract's keys") {
    const auto r = test::run_countyatlas("stats '" + test::sample_county() + "' --by township --format json");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(keys_of(j) == sorted({"poverty_line_yuan", "poor_rate_threshold", "regions", "total", "unmatched_sites", "township_only_sites",
                                "location_conflicts"}));
    CHECK(j["poverty_line_yuan"] == 2300);
    CHECK(j["poor_rate_threshold"] == 0.3);
    REQUIRE(j["regions"].size() == 12);
    auto township_keys = kRowKeys;
    township_keys.push_back("sites_township_only");
    for (const auto& row : j["regions"]) CHECK(keys_of(row) == sorted(township_keys));
    CHECK(keys_of(j["total"]) == sorted(township_keys));
    CHECK(j["total"]["township"].is_null());
    CHECK(j["total"]["sites_by_type"].size() == 7);
    CHECK(j["total"]["line_km_by_kind"]["ditch"].get<double>() == doctest::Approx(56.0).epsilon(0.01));
    CHECK(j["total"]["line_km_by_kind"]["pipeline"].get<double>() == doctest::Approx(59.0).epsilon(0.01));
    CHECK(j["total"]["pond_capacity_m3"].is_number_integer());
}

TEST_CASE("stats --by village gives village rows with village_name and township") {
    const auto r = test::run_countyatlas("stats --villages '" + test::sample_county() + ":villages' --by village --format json");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    auto keys = kRowKeys;
    keys.push_back("village_name");
    for (const auto& row : j["regions"]) CHECK(keys_of(row) == sorted(keys));
    CHECK(j["total"]["sites"] == 0);  // no sites given
    CHECK(j["total"]["line_km_by_kind"].empty());
}

TEST_CASE("stats --format csv flattens nested objects into the contract's column names") {
    test::TempDir dir;
    const std::string out = dir.file("stats.csv");
    const auto r = test::run_countyatlas("stats '" + test::sample_county() + "' --format csv -o '" + out + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.empty());
    std::istringstream lines(test::read_file(out));
    std::string header, line;
    std::getline(lines, header);
    CHECK(header.rfind("township,villages,households,population,", 0) == 0);
    for (const char* column : {",sites_whole_village,", ",sites_industry,", ",ditch_km,", ",pipeline_km,", ",u_trough_km,"})
        CHECK(header.find(column) != std::string::npos);
    int rows = 0;
    std::string last;
    while (std::getline(lines, line)) ++rows, last = line;
    CHECK(rows == 13);              // 12 townships and the total
    CHECK(last.rfind(",133,", 0) == 0);  // the total: empty township, 133 villages
}

TEST_CASE("stats without villages fails with one line and exit 2, writing where it cannot with exit 3") {
    test::TempDir dir;
    const auto no_villages = test::run_countyatlas("stats --sites '" + test::sample_county() + ":sites'");
    CHECK(no_villages.exit_code == 2);
    CHECK(no_villages.err == "countyatlas: no villages layer: pass the village boundaries with --villages FILE\n");

    const std::string target = dir.file("no/such/folder/stats.json");
    const auto unwritable = test::run_countyatlas("stats '" + test::sample_county() + "' --format json -o '" + target + "'");
    CHECK(unwritable.exit_code == 3);
    CHECK(unwritable.err == "countyatlas: " + target + ": cannot write the file: No such file or directory (is the folder there and writable?)\n");
    CHECK_FALSE(std::filesystem::exists(dir.file("no")));
}

TEST_CASE("stats prints a readable table by default, with the county total last") {
    const auto r = test::run_countyatlas("stats '" + test::sample_county() + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.rfind("乡镇", 0) == 0);
    CHECK(r.out.find("\n合计 ") != std::string::npos);
    CHECK(r.out.find("金碧镇") != std::string::npos);
}

TEST_CASE("progress goes to stderr only at a terminal: piped, stats says nothing there") {
    const auto r = test::run_countyatlas("stats '" + test::sample_county() + "' --format json");
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto at_terminal = test::run("script -qc \"'" + std::string(CA_BINARY) + "' stats '" + test::sample_county() +
                                       "' --format json -o /dev/null\" /dev/null");
    REQUIRE_MESSAGE(at_terminal.exit_code == 0, at_terminal.err);  // script(1), from util-linux, gives it a terminal
    CHECK(at_terminal.out.find("cut lines done") != std::string::npos);
}
