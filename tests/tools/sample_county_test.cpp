// The committed sample county is what the generator makes, and has the shape DOMAIN.md asks for.
#include <doctest/doctest.h>

#include <set>

#include "core/analysis/geos_context.hpp"
#include "core/loading/load_project.hpp"
#include "support/fixtures.hpp"

using namespace ca;

TEST_CASE("regenerating the sample gives the committed data, feature for feature") {
    test::TempDir dir;
    const auto result = test::run(std::string("'") + CA_SAMPLE_GENERATOR + "' '" + dir.path().string() + "'");
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    const auto fresh = loading::load_project({{dir.file("county.gpkg"), model::Role::Unknown}}, {});
    const auto committed = loading::load_project({{test::sample_county(), model::Role::Unknown}}, {});
    REQUIRE(fresh.layers.size() == committed.layers.size());
    for (std::size_t l = 0; l < fresh.layers.size(); ++l) {
        const auto& a = fresh.layers[l];
        const auto& b = committed.layers[l];
        CAPTURE(a.name);
        REQUIRE(a.features.size() == b.features.size());
        for (std::size_t i = 0; i < a.features.size(); ++i) {
            CHECK(a.features[i].geometry.coords == b.features[i].geometry.coords);
            CHECK(a.features[i].values == b.features[i].values);
        }
    }
}

TEST_CASE("the sample county has 12 townships, ~130 villages, one village in two parts and one enclave") {
    const auto project = loading::load_project({{test::sample_county(), model::Role::Unknown}}, {});
    const auto& villages = *project.layers_with(model::Role::Villages).at(0);
    std::set<std::string> townships;
    std::size_t multipart = 0, with_hole = 0;
    for (const auto& f : villages.features) {
        townships.insert(model::to_text(villages.value(f, model::Meaning::Township)));
        multipart += f.geometry.part_count() > 1;
        with_hole += f.geometry.ring_count() > f.geometry.part_count();
    }
    CHECK(townships.size() == 12);
    CHECK(townships.count("金碧镇") == 1);
    CHECK(villages.features.size() >= 120);
    CHECK(villages.features.size() <= 140);
    CHECK(multipart == 1);
    CHECK(with_hole == 1);
    // Village polygons are valid and do not overlap: their areas add up to the county's.
    analysis::GeosContext geos;
    std::vector<GEOSGeometry*> parts;
    double sum = 0;
    for (const auto& f : villages.features) {
        model::Geometry g = f.geometry;
        project.working->forward(g.coords);
        auto h = geos.to_geos(g);
        CHECK(GEOSisValid_r(geos.handle(), h.get()) == 1);
        double a = 0;
        GEOSArea_r(geos.handle(), h.get(), &a);
        sum += a;
        parts.push_back(h.release());
    }
    auto all = geos.own(GEOSGeom_createCollection_r(geos.handle(), GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
    auto county = geos.own(GEOSUnaryUnion_r(geos.handle(), all.get()));
    double county_area = 0;
    GEOSArea_r(geos.handle(), county.get(), &county_area);
    CHECK(sum == doctest::Approx(county_area).epsilon(1e-6));
    CHECK(county_area / 1e6 > 3000);  // km²: a mountain county of DOMAIN.md's size
    CHECK(county_area / 1e6 < 6000);
}
