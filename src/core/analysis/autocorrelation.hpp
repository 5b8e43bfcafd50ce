// Spatial clusters of poverty across township lines: Moran's I, local Moran (LISA), Getis-Ord Gi*.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace ca::analysis {

using Neighbours = std::vector<std::vector<std::size_t>>;

struct GlobalMoran {
    double i = 0;          // Moran's I with row-standardised weights
    double expected = 0;   // -1 / (n - 1)
    double p_value = 1;    // pseudo p from permutations, one-sided in the observed direction
};

enum class LisaClass { NotSignificant, HighHigh, LowLow, HighLow, LowHigh, Island };
std::string_view to_string(LisaClass c);  // "HH", "LL", "HL", "LH", "ns", "island"

struct LocalMoran {
    double i = 0;        // local I_i = z_i / m2 * sum_j w_ij z_j (Anselin 1995), row-standardised
    double p_value = 1;  // conditional permutation pseudo p
    LisaClass cluster = LisaClass::NotSignificant;
};

struct PermutationOptions {
    int permutations = 999;
    std::uint64_t seed = 12345;
    double significance = 0.05;
};

// Global Moran's I (Moran 1950; Cliff & Ord 1981) with a permutation test. Units without
// neighbours (islands) take no part in the sums.
GlobalMoran global_moran(const std::vector<double>& values, const Neighbours& neighbours, const PermutationOptions& options);

// Local Moran with conditional permutations: for each unit, its neighbours' values are drawn at
// random from all other units (Anselin 1995, as PySAL's esda does). Units with p <= significance
// get their quadrant class; islands are classed as such.
std::vector<LocalMoran> local_moran(const std::vector<double>& values, const Neighbours& neighbours, const PermutationOptions& options);

// Getis-Ord Gi* z-scores (Ord & Getis 1995) with binary weights that include the unit itself.
std::vector<double> getis_ord_gi_star(const std::vector<double>& values, const Neighbours& neighbours);

}  // namespace ca::analysis
