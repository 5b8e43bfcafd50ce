// The first map of a database's county, thinned by the server: every layer there, outlines with
// fewer vertices, sites one per symbol-sized cell.
#include <doctest/doctest.h>

#include "core/loading/load_project.hpp"
#include "core/postgis/thinned_map.hpp"
#include "postgis/test_database.hpp"
#include "support/fixtures.hpp"

namespace ca {
namespace {

std::size_t vertices(const model::Layer& layer) {
    std::size_t n = 0;
    for (const auto& f : layer.features) n += f.geometry.coords.size();
    return n;
}

TEST_CASE("the server thins a published county to the pixel for a first map") {
    test::TempDir dir;
    test::TestSchema schema;
    schema.publish("'" + test::sample_county() + "'", dir.file("p.cap.json"));
    const std::string base = test::test_database() + " " + schema.name() + ".";
    const std::vector<std::pair<std::string, model::Role>> tables = {
        {base + "villages", model::Role::Villages}, {base + "sites", model::Role::Sites}, {base + "lines", model::Role::Lines}};
    const model::Project full = loading::load_project({{tables[0].first, model::Role::Villages}, {tables[1].first, model::Role::Sites},
                                                        {tables[2].first, model::Role::Lines}},
                                                       {});
    const model::Project coarse = postgis::read_thinned_map(tables, 60);  // a thumbnail: 60 pixels across
    const model::Project fine = postgis::read_thinned_map(tables, 3000);
    REQUIRE(coarse.layers.size() == 3);
    CHECK(coarse.layers[0].role == model::Role::Villages);
    CHECK(coarse.layers[0].features.size() == full.layers[0].features.size());  // every village drawn
    CHECK(vertices(coarse.layers[0]) < vertices(full.layers[0]) / 3);
    CHECK(vertices(coarse.layers[0]) < vertices(fine.layers[0]));
    CHECK(vertices(coarse.layers[2]) < vertices(full.layers[2]));
    CHECK(coarse.layers[1].features.size() < full.layers[1].features.size());  // several sites share a 4-pixel cell
    CHECK(coarse.layers[1].features.size() > 20);
    // At 3000 pixels nearly each has a cell of its own (the sample has projects at one spot).
    CHECK(fine.layers[1].features.size() + 2 >= full.layers[1].features.size());
    CHECK(fine.layers[1].features.size() > coarse.layers[1].features.size());
    CHECK(coarse.layers[1].mapping.has(model::Meaning::ProjectType));  // what picks the symbol travels along
    CHECK(coarse.layers[0].mapping.has(model::Meaning::Township));
}

}  // namespace
}  // namespace ca
