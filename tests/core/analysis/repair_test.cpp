// Polygon repair: bow-ties, short rings, valid input untouched.
#include <doctest/doctest.h>

#include "core/analysis/repair.hpp"
#include "core/analysis/triangulate.hpp"

using namespace ca;

namespace {

model::Geometry polygon(std::vector<std::vector<model::Vec2>> rings) {
    model::Geometry g;
    g.type = model::GeometryType::Polygon;
    g.begin_part();
    for (const auto& r : rings) g.add_ring(r);
    return g;
}

double area(const analysis::GeosContext& geos, const model::Geometry& g) {
    auto h = geos.to_geos(g);
    double a = 0;
    GEOSArea_r(geos.handle(), h.get(), &a);
    return a;
}

}  // namespace

TEST_CASE("a bow-tie is repaired into its two triangles") {
    analysis::GeosContext geos;
    // Self-intersecting at (1,1): two triangles of area 1 each.
    model::Geometry bowtie = polygon({{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}});
    CHECK(analysis::repair_in_place(geos, bowtie));
    CHECK(bowtie.type == model::GeometryType::Polygon);
    CHECK(bowtie.part_count() == 2);
    CHECK(area(geos, bowtie) == doctest::Approx(2.0));
    CHECK(GEOSisValid_r(geos.handle(), geos.to_geos(bowtie).get()) == 1);
}

TEST_CASE("a valid polygon with a hole is left as it is") {
    analysis::GeosContext geos;
    model::Geometry square = polygon({{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}, {{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}}});
    const model::Geometry before = square;
    CHECK_FALSE(analysis::repair_in_place(geos, square));
    CHECK(square.coords == before.coords);
}

TEST_CASE("triangles of a polygon with a hole cover its area exactly") {
    analysis::GeosContext geos;
    model::Geometry square = polygon({{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}, {{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}}});
    const auto triangles = analysis::triangulate(geos, square);
    REQUIRE(triangles.size() % 3 == 0);
    double total = 0;
    for (std::size_t i = 0; i < triangles.size(); i += 3) {
        const auto a = triangles[i], b = triangles[i + 1], c = triangles[i + 2];
        total += std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2;
    }
    CHECK(total == doctest::Approx(15.0));
    const model::Vec2 inside = analysis::point_inside(geos, square);
    CHECK_FALSE((inside.x > 1 && inside.x < 2 && inside.y > 1 && inside.y < 2));  // not in the hole
}

TEST_CASE("a label point lies inside a C-shaped polygon and away from its hole") {
    // A C open to the right: its extent's centre (2, 2) is in the mouth, outside the polygon.
    model::Geometry c = polygon({{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 3}, {4, 3}, {4, 4}, {0, 4}, {0, 0}}});
    const model::Vec2 p = analysis::label_point(c);
    CHECK(p.x > 0);
    CHECK(p.x < 1);  // in the C's back, the only span at mid-height
    model::Geometry ring = polygon({{{0, 0}, {6, 0}, {6, 4}, {0, 4}, {0, 0}}, {{1, 1}, {4, 1}, {4, 3}, {1, 3}, {1, 1}}});
    const model::Vec2 q = analysis::label_point(ring);
    CHECK_FALSE((q.x > 1 && q.x < 4));  // not in the hole: the span right of it (4..6) is wider than left (0..1)
    CHECK(q.x == doctest::Approx(5.0));
}
