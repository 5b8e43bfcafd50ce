// Class breaks against values worked by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "core/analysis/classification.hpp"

using namespace ca::analysis;

namespace {
const std::vector<double> kThreeGroups = {12, 1, 21, 2, 3, 10, 11, 20, 22};  // unsorted on purpose

void check_bounds(const std::vector<double>& got, const std::vector<double>& want) {
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-9));
}
}  // namespace

TEST_CASE("natural breaks find the three obvious groups") {
    check_bounds(class_bounds(kThreeGroups, ClassMethod::NaturalBreaks, 3), {1, 3, 12, 22});
    // Two classes: {1..12} | {20,21,22} has within-class sums of squares 125.5 + 2 = 127.5, less
    // than {1,2,3} | {10..22} with 2 + 154 = 156.
    check_bounds(class_bounds(kThreeGroups, ClassMethod::NaturalBreaks, 2), {1, 12, 22});
}

TEST_CASE("equal intervals split the range evenly") {
    check_bounds(class_bounds(kThreeGroups, ClassMethod::EqualInterval, 3), {1, 8, 15, 22});
}

TEST_CASE("quantiles interpolate between order statistics") {
    // Positions (n-1)/3 = 2.667 and 5.333 in 1 2 3 10 11 12 20 21 22.
    check_bounds(class_bounds(kThreeGroups, ClassMethod::Quantile, 3), {1, 3 + 2.0 / 3 * 7, 12 + 1.0 / 3 * 8, 22});
}

TEST_CASE("standard deviation classes are one deviation wide about the mean") {
    // 0, 2, 4, 6, 8: mean 4, population sd sqrt(8) = 2.828; four classes: mean - sd, mean, mean + sd.
    const std::vector<double> v = {0, 2, 4, 6, 8};
    check_bounds(class_bounds(v, ClassMethod::StandardDeviation, 4), {0, 4 - std::sqrt(8.0), 4, 4 + std::sqrt(8.0), 8});
}

TEST_CASE("manual breaks keep the data's range and drop breaks outside it") {
    check_bounds(class_bounds(kThreeGroups, ClassMethod::Manual, 0, std::vector<double>{15, 5, 100}), {1, 5, 15, 22});
}

TEST_CASE("values fall in the class whose upper bound they do not exceed") {
    const std::vector<double> bounds = {1, 3, 12, 22};
    CHECK(class_of(1, bounds) == 0);
    CHECK(class_of(3, bounds) == 0);
    CHECK(class_of(3.5, bounds) == 1);
    CHECK(class_of(22, bounds) == 2);
    CHECK(class_of(23, bounds) == -1);
    CHECK(class_of(NAN, bounds) == -1);
}

TEST_CASE("few distinct values give few classes, and NaN is ignored") {
    check_bounds(class_bounds(std::vector<double>{5, 5, 5, NAN}, ClassMethod::Quantile, 5), {5, 5});
    check_bounds(class_bounds(std::vector<double>{1, 2, 1, 2}, ClassMethod::NaturalBreaks, 5), {1, 1, 2});
    CHECK(class_bounds(std::vector<double>{}, ClassMethod::EqualInterval, 5).empty());
}

TEST_CASE("natural breaks on many values stay close to the exact answer") {
    std::mt19937_64 rng(7);
    std::vector<double> v;
    for (int group = 0; group < 4; ++group)
        for (int i = 0; i < 2500; ++i) v.push_back(group * 100.0 + static_cast<double>(rng() % 1000) / 100.0);  // 4 clumps
    const auto bounds = class_bounds(v, ClassMethod::NaturalBreaks, 4);
    REQUIRE(bounds.size() == 5);
    // The breaks fall in the gaps between clumps: [~9.99, 100), [~109.99, 200), [~209.99, 300).
    for (int g = 1; g < 4; ++g) {
        CHECK(bounds[static_cast<std::size_t>(g)] >= (g - 1) * 100.0 + 9.0);
        CHECK(bounds[static_cast<std::size_t>(g)] < g * 100.0);
    }
}
