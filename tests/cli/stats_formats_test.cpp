// Every stats output format opens again with GDAL and holds the same numbers as the JSON.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/io/vector_reader.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

double field(const model::Layer& layer, const model::Feature& f, const std::string& name) {
    for (std::size_t i = 0; i < layer.field_names.size(); ++i)
        if (layer.field_names[i] == name) return model::to_number(f.values[i]).value_or(-1);
    FAIL("no field " << name);
    return -1;
}

std::string text(const model::Layer& layer, const model::Feature& f, const std::string& name) {
    for (std::size_t i = 0; i < layer.field_names.size(); ++i)
        if (layer.field_names[i] == name) return model::to_text(f.values[i]);
    return {};
}

}  // namespace

TEST_CASE("csv and gpkg stats read back with the JSON's keys and numbers (xlsx, for people: stats_report_test.cpp)") {
    test::TempDir dir;
    const std::string sample = "'" + test::sample_county() + "'";
    const auto json = nlohmann::json::parse(test::run_countyatlas("stats " + sample + " --format json").out);
    for (const std::string format : {"csv", "gpkg"}) {
        CAPTURE(format);
        const std::string path = dir.file("stats." + format);
        const auto r = test::run_countyatlas("stats " + sample + " --format " + format + " -o '" + path + "'");
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        const auto layers = io::read_source({path, {}}, {});
        REQUIRE(layers.size() == 1);
        const auto& layer = layers[0];
        // gpkg holds the 12 township polygons; the table formats add the total row.
        CHECK(layer.features.size() == (format == "gpkg" ? 12u : 13u));
        for (std::size_t i = 0; i < 12; ++i) {
            const auto& want = json["regions"][i];
            const auto& f = layer.features[i];
            CHECK(text(layer, f, "township") == want["township"].get<std::string>());
            CHECK(field(layer, f, "villages") == want["villages"].get<double>());
            CHECK(field(layer, f, "population") == want["population"].get<double>());
            CHECK(field(layer, f, "funds_yuan") == doctest::Approx(want["funds_yuan"].get<double>()));
            CHECK(field(layer, f, "poverty_rate") == doctest::Approx(want["poverty_rate"].get<double>()));
            CHECK(field(layer, f, "ditch_km") == doctest::Approx(want["line_km_by_kind"]["ditch"].get<double>()));
            CHECK(field(layer, f, "sites_whole_village") == want["sites_by_type"]["whole_village"].get<double>());
            if (format == "gpkg") CHECK(f.geometry.type == model::GeometryType::Polygon);
        }
    }
}

TEST_CASE("xlsx and gpkg need -o, and a failed write leaves no file") {
    const auto r = test::run_countyatlas("stats '" + test::sample_county() + "' --format gpkg");
    CHECK(r.exit_code == 2);
    CHECK(r.err == "countyatlas: --format gpkg writes a file: give it with -o FILE\n");
    test::TempDir dir;
    const std::string target = dir.file("missing/stats.xlsx");
    const auto w = test::run_countyatlas("stats '" + test::sample_county() + "' --format xlsx -o '" + target + "'");
    CHECK(w.exit_code == 3);  // the output cannot be written: not the input's fault
    CHECK(std::filesystem::is_empty(dir.path()));
}
