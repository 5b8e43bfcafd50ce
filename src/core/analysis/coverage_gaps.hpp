// Poor villages no project has reached yet, and how far they are from what exists.
#pragma once

#include <optional>
#include <vector>

#include "core/analysis/statistics.hpp"

namespace ca::analysis {

struct CoverageGap {
    std::size_t village = 0;                     // index into Statistics::villages
    std::optional<double> nearest_site_m;        // from the village's boundary; none without sites
    std::optional<double> nearest_water_line_m;  // nearest ditch or pipeline
};

// Poor villages holding no site, with distances measured in the project's working CRS (a
// Gauss-Krüger zone: within 0.1 % of the ground distance). A site or line touching the
// village is at distance 0.
std::vector<CoverageGap> coverage_gaps(const model::Project& project, const Statistics& stats);

}  // namespace ca::analysis
