// Class-break methods: quantile, equal interval, Jenks natural breaks, standard deviation, manual.
#include "core/analysis/classification.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/model/text.hpp"

namespace ca::analysis {
namespace {

std::vector<double> sorted_finite(std::span<const double> values) {
    std::vector<double> v;
    for (double x : values)
        if (std::isfinite(x)) v.push_back(x);
    std::sort(v.begin(), v.end());
    return v;
}

double quantile(const std::vector<double>& sorted, double q) {
    const double position = q * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

// Fisher's exact optimal partition of sorted values into k classes by dynamic programming:
// cost[c][j] is the least within-class sum of squares of values[0..j] in c + 1 classes.
std::vector<double> jenks_exact(const std::vector<double>& v, int k) {
    const std::size_t n = v.size();
    std::vector<double> s1(n + 1, 0), s2(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) s1[i + 1] = s1[i] + v[i], s2[i + 1] = s2[i] + v[i] * v[i];
    auto ssd = [&](std::size_t i, std::size_t j) {  // values i..j inclusive
        const double m = static_cast<double>(j - i + 1), s = s1[j + 1] - s1[i];
        return (s2[j + 1] - s2[i]) - s * s / m;
    };
    const auto classes = static_cast<std::size_t>(k);
    std::vector<std::vector<double>> cost(classes, std::vector<double>(n, std::numeric_limits<double>::infinity()));
    std::vector<std::vector<std::size_t>> first(classes, std::vector<std::size_t>(n, 0));  // first index of the last class
    for (std::size_t j = 0; j < n; ++j) cost[0][j] = ssd(0, j);
    for (std::size_t c = 1; c < classes; ++c)
        for (std::size_t j = c; j < n; ++j)
            for (std::size_t i = c; i <= j; ++i) {
                const double total = cost[c - 1][i - 1] + ssd(i, j);
                if (total < cost[c][j]) cost[c][j] = total, first[c][j] = i;
            }
    std::vector<double> bounds(classes + 1);
    bounds[0] = v.front();
    bounds[classes] = v.back();
    std::size_t end = n - 1;
    for (std::size_t c = classes - 1; c >= 1; --c) {
        const std::size_t start = first[c][end];
        bounds[c] = v[start - 1];  // the upper value of the class before
        end = start - 1;
    }
    return bounds;
}

}  // namespace

std::optional<ClassMethod> class_method_from_string(std::string_view name) {
    const std::string key = model::fold_key(name);
    if (key == "quantile" || key == "quantiles") return ClassMethod::Quantile;
    if (key == "equal" || key == "equal_interval" || key == "equal-interval") return ClassMethod::EqualInterval;
    if (key == "jenks" || key == "natural_breaks" || key == "natural-breaks") return ClassMethod::NaturalBreaks;
    if (key == "stddev" || key == "standard_deviation" || key == "std") return ClassMethod::StandardDeviation;
    if (key == "manual") return ClassMethod::Manual;
    return std::nullopt;
}

std::vector<double> class_bounds(std::span<const double> values, ClassMethod method, int classes,
                                 std::span<const double> manual_breaks) {
    const std::vector<double> v = sorted_finite(values);
    if (method == ClassMethod::Manual) classes = static_cast<int>(manual_breaks.size()) + 1;
    if (v.empty() || classes < 1) return {};
    const double lo = v.front(), hi = v.back();
    std::vector<double> distinct = v;
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    const int k = std::min<int>(classes, static_cast<int>(distinct.size()));
    if (k <= 1) return {lo, hi};

    std::vector<double> bounds;
    switch (method) {
        case ClassMethod::Quantile:
            for (int i = 0; i <= k; ++i) bounds.push_back(quantile(v, static_cast<double>(i) / k));
            break;
        case ClassMethod::EqualInterval:
            for (int i = 0; i <= k; ++i) bounds.push_back(i == k ? hi : lo + (hi - lo) * i / k);
            break;
        case ClassMethod::NaturalBreaks:
            if (v.size() <= kExactJenksLimit) {
                bounds = jenks_exact(v, k);
            } else {
                std::vector<double> sample;
                for (std::size_t i = 0; i < kExactJenksLimit; ++i)
                    sample.push_back(v[i * (v.size() - 1) / (kExactJenksLimit - 1)]);
                bounds = jenks_exact(sample, k);
            }
            break;
        case ClassMethod::StandardDeviation: {
            const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
            double ss = 0;
            for (double x : v) ss += (x - mean) * (x - mean);
            const double sd = std::sqrt(ss / static_cast<double>(v.size()));
            bounds.push_back(lo);
            for (int i = 1; i < k; ++i) {
                const double b = mean + (i - k / 2.0) * sd;
                if (b > lo && b < hi) bounds.push_back(b);
            }
            bounds.push_back(hi);
            break;
        }
        case ClassMethod::Manual:
            bounds.push_back(lo);
            for (double b : manual_breaks)
                if (b > lo && b < hi) bounds.push_back(b);
            std::sort(bounds.begin() + 1, bounds.end());
            bounds.push_back(hi);
            break;
    }
    return bounds;
}

int class_of(double value, const std::vector<double>& bounds) {
    if (bounds.size() < 2 || !std::isfinite(value) || value < bounds.front() || value > bounds.back()) return -1;
    for (std::size_t i = 1; i < bounds.size(); ++i)
        if (value <= bounds[i]) return static_cast<int>(i - 1);
    return static_cast<int>(bounds.size() - 2);
}

}  // namespace ca::analysis
