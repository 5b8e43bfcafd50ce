// Moran's I, LISA and Gi*, with permutation tests that give the same answer on every platform
// for a seed (our own draws from mt19937_64, not std:: distributions).
#include "core/analysis/autocorrelation.hpp"

#include <cmath>
#include <numeric>
#include <random>

namespace ca::analysis {
namespace {

class Draw {
public:
    explicit Draw(std::uint64_t seed) : m_engine(seed) {}
    std::size_t below(std::size_t m) { return static_cast<std::size_t>(static_cast<double>(m_engine() >> 11) * 0x1.0p-53 * static_cast<double>(m)); }

private:
    std::mt19937_64 m_engine;
};

std::vector<double> deviations(const std::vector<double>& x) {
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
    std::vector<double> z(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) z[i] = x[i] - mean;
    return z;
}

double lag(const std::vector<double>& z, const std::vector<std::size_t>& around) {
    double sum = 0;
    for (std::size_t j : around) sum += z[j];
    return sum / static_cast<double>(around.size());
}

double moran_statistic(const std::vector<double>& z, const Neighbours& neighbours, double sum_squares, std::size_t connected) {
    double cross = 0;
    for (std::size_t i = 0; i < z.size(); ++i)
        if (!neighbours[i].empty()) cross += z[i] * lag(z, neighbours[i]);
    return static_cast<double>(z.size()) / static_cast<double>(connected) * cross / sum_squares;
}

// Pseudo p-value, one-sided in the direction the observation lies (as PySAL's esda).
double pseudo_p(std::size_t at_least, int permutations) {
    const auto p = static_cast<std::size_t>(permutations);
    const std::size_t larger = std::min(at_least, p - at_least);
    return static_cast<double>(larger + 1) / static_cast<double>(p + 1);
}

}  // namespace

std::string_view to_string(LisaClass c) {
    switch (c) {
        case LisaClass::NotSignificant: return "ns";
        case LisaClass::HighHigh: return "HH";
        case LisaClass::LowLow: return "LL";
        case LisaClass::HighLow: return "HL";
        case LisaClass::LowHigh: return "LH";
        case LisaClass::Island: return "island";
    }
    return "ns";
}

GlobalMoran global_moran(const std::vector<double>& values, const Neighbours& neighbours, const PermutationOptions& options) {
    GlobalMoran result;
    const std::size_t n = values.size();
    std::size_t connected = 0;
    for (const auto& nb : neighbours) connected += !nb.empty();
    if (n < 2 || connected == 0) return result;
    result.expected = -1.0 / static_cast<double>(n - 1);
    std::vector<double> z = deviations(values);
    const double sum_squares = std::inner_product(z.begin(), z.end(), z.begin(), 0.0);
    if (sum_squares == 0) return result;
    result.i = moran_statistic(z, neighbours, sum_squares, connected);

    Draw draw(options.seed);
    std::size_t at_least = 0;
    for (int p = 0; p < options.permutations; ++p) {
        for (std::size_t k = n - 1; k > 0; --k) std::swap(z[k], z[draw.below(k + 1)]);  // Fisher-Yates
        at_least += moran_statistic(z, neighbours, sum_squares, connected) >= result.i;
    }
    result.p_value = pseudo_p(at_least, options.permutations);
    return result;
}

std::vector<LocalMoran> local_moran(const std::vector<double>& values, const Neighbours& neighbours, const PermutationOptions& options) {
    const std::size_t n = values.size();
    std::vector<LocalMoran> result(n);
    if (n < 2) return result;
    const std::vector<double> z = deviations(values);
    const double m2 = std::inner_product(z.begin(), z.end(), z.begin(), 0.0) / static_cast<double>(n);
    if (m2 == 0) return result;

    // One array of unit indices, reshuffled in place; `position` finds a unit in it, so the unit
    // under test can be parked at the end and left out of its own draws.
    std::vector<std::size_t> order(n), position(n);
    std::iota(order.begin(), order.end(), 0);
    std::iota(position.begin(), position.end(), 0);
    auto swap_at = [&](std::size_t a, std::size_t b) {
        std::swap(order[a], order[b]);
        position[order[a]] = a;
        position[order[b]] = b;
    };
    Draw draw(options.seed);
    for (std::size_t i = 0; i < n; ++i) {
        LocalMoran& r = result[i];
        if (neighbours[i].empty()) {
            r.cluster = LisaClass::Island;
            continue;
        }
        const double observed_lag = lag(z, neighbours[i]);
        r.i = z[i] / m2 * observed_lag;
        const std::size_t k = neighbours[i].size();
        swap_at(position[i], n - 1);
        std::size_t at_least = 0;
        for (int p = 0; p < options.permutations; ++p) {
            double sum = 0;
            for (std::size_t d = 0; d < k; ++d) {
                swap_at(d, d + draw.below(n - 1 - d));  // partial Fisher-Yates over the first n - 1
                sum += z[order[d]];
            }
            at_least += z[i] / m2 * (sum / static_cast<double>(k)) >= r.i;
        }
        r.p_value = pseudo_p(at_least, options.permutations);
        if (r.p_value <= options.significance) {
            if (z[i] > 0 && observed_lag > 0) r.cluster = LisaClass::HighHigh;
            else if (z[i] < 0 && observed_lag < 0) r.cluster = LisaClass::LowLow;
            else if (z[i] > 0 && observed_lag < 0) r.cluster = LisaClass::HighLow;
            else if (z[i] < 0 && observed_lag > 0) r.cluster = LisaClass::LowHigh;
        }
    }
    return result;
}

std::vector<double> getis_ord_gi_star(const std::vector<double>& values, const Neighbours& neighbours) {
    const std::size_t n = values.size();
    std::vector<double> gi(n, 0.0);
    if (n < 2) return gi;
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(n);
    const double mean_square = std::inner_product(values.begin(), values.end(), values.begin(), 0.0) / static_cast<double>(n);
    const double s = std::sqrt(std::max(0.0, mean_square - mean * mean));
    if (s == 0) return gi;
    for (std::size_t i = 0; i < n; ++i) {
        const double w = static_cast<double>(neighbours[i].size() + 1);  // binary, the unit itself included
        double sum = values[i];
        for (std::size_t j : neighbours[i]) sum += values[j];
        const double denominator = s * std::sqrt((static_cast<double>(n) * w - w * w) / static_cast<double>(n - 1));
        gi[i] = denominator > 0 ? (sum - mean * w) / denominator : 0.0;
    }
    return gi;
}

}  // namespace ca::analysis
