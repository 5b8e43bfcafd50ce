// Fill triangles: ear clipping for plain rings, GEOS for rings with holes; both must cover the
// polygon exactly, or the map shows gaps or colour spilling over a neighbour.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "core/analysis/triangulate.hpp"
#include "core/loading/load_project.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

double area_of(const std::vector<model::Vec2>& triangles) {
    double total = 0;
    for (std::size_t i = 0; i + 2 < triangles.size(); i += 3) {
        const auto a = triangles[i], b = triangles[i + 1], c = triangles[i + 2];
        total += std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2;
    }
    return total;
}

model::Geometry ring_polygon(const std::vector<model::Vec2>& ring) {
    model::Geometry g;
    g.type = model::GeometryType::Polygon;
    g.begin_part();
    g.add_ring(ring);
    return g;
}

}  // namespace

TEST_CASE("a concave ring, either way round, is covered exactly and no triangle leaves it") {
    // A U shape: its notch (1..3 x 2..4) must stay empty.
    std::vector<model::Vec2> u = {{0, 0}, {4, 0}, {4, 4}, {3, 4}, {3, 2}, {1, 2}, {1, 4}, {0, 4}, {0, 0}};
    analysis::GeosContext geos;
    for (int turn = 0; turn < 2; ++turn) {
        const auto triangles = analysis::triangulate(geos, ring_polygon(u));
        CHECK(triangles.size() == 3 * 6);  // n - 2 triangles for n = 8 corners
        CHECK(area_of(triangles) == doctest::Approx(12.0));
        for (std::size_t i = 0; i < triangles.size(); i += 3) {
            const model::Vec2 centre{(triangles[i].x + triangles[i + 1].x + triangles[i + 2].x) / 3,
                                     (triangles[i].y + triangles[i + 1].y + triangles[i + 2].y) / 3};
            CHECK_FALSE((centre.x > 1 && centre.x < 3 && centre.y > 2));
        }
        std::reverse(u.begin(), u.end());
    }
}

TEST_CASE("flat and repeated vertices give no empty triangles") {
    analysis::GeosContext geos;
    const auto triangles = analysis::triangulate(geos, ring_polygon({{0, 0}, {1, 0}, {2, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}));
    CHECK(area_of(triangles) == doctest::Approx(4.0));
    for (std::size_t i = 0; i < triangles.size(); i += 3)
        CHECK(area_of({triangles[i], triangles[i + 1], triangles[i + 2]}) > 0);
}

TEST_CASE("a ring crossing itself falls back to GEOS without failing") {
    analysis::GeosContext geos;
    const auto triangles = analysis::triangulate(geos, ring_polygon({{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}));
    CHECK(triangles.size() % 3 == 0);
}

TEST_CASE("every sample village is covered by its triangles to its own area") {
    const auto project = loading::load_project({{test::sample_county(), model::Role::Unknown}}, {});
    analysis::GeosContext geos;
    int checked = 0;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) {
            model::Geometry g = f.geometry;
            project.working->forward(g.coords);
            double area = 0;  // shoelace: outer rings add, holes subtract
            for (std::size_t r = 0; r < g.ring_count(); ++r) {
                const auto ring = g.ring(r);
                double twice = 0;
                for (std::size_t i = 0; i + 1 < ring.size(); ++i) twice += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
                bool outer = false;
                for (std::size_t p = 0; p < g.part_count(); ++p) outer = outer || g.part_first_ring(p) == r;
                area += (outer ? 1 : -1) * std::abs(twice) / 2;
            }
            CHECK(area_of(analysis::triangulate(geos, g)) == doctest::Approx(area).epsilon(1e-9));
            ++checked;
        }
    CHECK(checked > 100);
}
