// Moran's I, LISA and Gi* on square lattices with answers worked by hand, contiguity from geometry.
#include <doctest/doctest.h>

#include <cmath>

#include "core/analysis/autocorrelation.hpp"
#include "core/analysis/spatial_weights.hpp"

using namespace ca;
using namespace ca::analysis;

namespace {

// An n x n lattice of unit squares, row by row from the top left; contiguity from the polygons.
Neighbours lattice(int n) {
    std::vector<model::Geometry> squares;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            model::Geometry g;
            g.type = model::GeometryType::Polygon;
            g.begin_part();
            const double x = c, y = -r;
            g.add_ring(std::vector<model::Vec2>{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}});
            squares.push_back(g);
        }
    std::vector<const model::Geometry*> pointers;
    for (const auto& g : squares) pointers.push_back(&g);
    GeosContext geos;
    return queen_neighbours(geos, pointers);
}

std::vector<double> hot_spot(int n) {
    std::vector<double> v(static_cast<std::size_t>(n * n), 0.0);
    v[static_cast<std::size_t>((n / 2) * n + n / 2)] = 1;
    return v;
}

}  // namespace

TEST_CASE("queen contiguity on a lattice: corners 3, edges 5, interior 8 neighbours") {
    const auto w = lattice(3);
    CHECK(w[0] == std::vector<std::size_t>{1, 3, 4});
    CHECK(w[1].size() == 5);
    CHECK(w[4].size() == 8);
    const auto big = lattice(10);
    CHECK(big[0].size() == 3);
    CHECK(big[5].size() == 5);
    CHECK(big[55].size() == 8);
}

TEST_CASE("Moran's I of one hot spot on a 3x3 lattice is -4/15") {
    // Worked by hand: z = 8/9 at the centre, -1/9 elsewhere; sum z² = 8/9; sum z_i lag_i = -96/405.
    const auto m = global_moran(hot_spot(3), lattice(3), {});
    CHECK(m.i == doctest::Approx(-4.0 / 15));
    CHECK(m.expected == doctest::Approx(-1.0 / 8));
}

TEST_CASE("Moran's I of a 3x3 checkerboard is -7/30") {
    const std::vector<double> board = {1, 0, 1, 0, 1, 0, 1, 0, 1};
    CHECK(global_moran(board, lattice(3), {}).i == doctest::Approx(-7.0 / 30));
}

TEST_CASE("a smooth gradient is strongly clustered, significant at the smallest p 999 permutations allow") {
    std::vector<double> gradient;
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 10; ++c) gradient.push_back(c);
    const auto w = lattice(10);
    const auto m = global_moran(gradient, w, {.permutations = 999, .seed = 1, .significance = 0.05});
    CHECK(m.i > 0.8);
    CHECK(m.p_value == doctest::Approx(1.0 / 1000));
    const auto lisa = local_moran(gradient, w, {.permutations = 999, .seed = 1, .significance = 0.05});
    CHECK(lisa[0].cluster == LisaClass::LowLow);     // top-left: low among low
    CHECK(lisa[9].cluster == LisaClass::HighHigh);   // top-right: high among high
    CHECK(lisa[44].cluster == LisaClass::NotSignificant);  // the middle columns are near the mean
}

TEST_CASE("a single hot spot on a 10x10 lattice is a High-Low outlier, and Gi* peaks around it") {
    const auto w = lattice(10);
    const auto v = hot_spot(10);
    const auto lisa = local_moran(v, w, {.permutations = 999, .seed = 7, .significance = 0.05});
    CHECK(lisa[55].cluster == LisaClass::HighLow);
    CHECK(lisa[55].p_value == doctest::Approx(1.0 / 1000));  // no draw gives a lower neighbour lag
    const auto gi = getis_ord_gi_star(v, w);
    // Every window holding the spot (the spot's and its 8 neighbours') scores the same and high;
    // windows far from it hold only zeros and score the same low value.
    CHECK(gi[55] > 2.0);
    CHECK(gi[44] == doctest::Approx(gi[55]));
    CHECK(gi[0] < 0);
    CHECK(gi[0] == doctest::Approx(gi[99]));
}

TEST_CASE("Gi* of a 3x3 corner next to the hot spot is sqrt(5)/2") {
    // Corner window: itself and 3 neighbours, holding the single 1. Mean 1/9, S = sqrt(8)/9;
    // Gi* = (1 - 4/9) / (S * sqrt((9*4 - 16) / 8)) = sqrt(5)/2.
    const auto gi = getis_ord_gi_star(hot_spot(3), lattice(3));
    CHECK(gi[0] == doctest::Approx(std::sqrt(5.0) / 2));
    CHECK(gi[4] == doctest::Approx(0.0));  // the centre's window is the whole lattice
}

TEST_CASE("permutation p-values are the same for the same seed") {
    std::vector<double> v;
    for (int i = 0; i < 100; ++i) v.push_back(std::sin(i * 0.7));
    const auto w = lattice(10);
    const auto a = global_moran(v, w, {.permutations = 199, .seed = 42, .significance = 0.05});
    const auto b = global_moran(v, w, {.permutations = 199, .seed = 42, .significance = 0.05});
    CHECK(a.p_value == b.p_value);
    CHECK(a.p_value >= 1.0 / 200);
    CHECK(a.p_value <= 0.5);
}
