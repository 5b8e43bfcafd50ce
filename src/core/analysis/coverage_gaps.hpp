// Poor villages no project has reached yet, and how far they are from what exists.
#pragma once

#include <optional>
#include <vector>

#include "core/analysis/statistics.hpp"

namespace ca::analysis {

struct CoverageGap {
    std::size_t village = 0;                     // index into Statistics::villages
    std::optional<double> nearest_site_m;        // nearest project that covers (site_covers); none without
    std::optional<double> nearest_pipeline_m;    // nearest pipeline
    std::optional<double> nearest_ditch_m;       // nearest ditch or U-trough (both open channels)
    std::optional<double> nearest_water_line_m;  // the nearer of the last two
};

// Poor villages no covering site reached (Statistics' coverage rule and filter), with distances
// from the village's boundary measured in the project's working CRS (a Gauss-Krüger zone: within
// 0.1 % of the ground distance). A site or line touching the village is at distance 0.
std::vector<CoverageGap> coverage_gaps(const model::Project& project, const Statistics& stats);

}  // namespace ca::analysis
