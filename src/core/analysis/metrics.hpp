// Named metrics of a statistics row, for ranking, clusters and choropleths.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/statistics.hpp"

namespace ca::analysis {

// "poverty_rate", "poor_population", "income_per_capita", "funds_per_poor_person", ... (any numeric
// key of the contract's row); nothing when the row has no value for it.
std::optional<double> metric_value(const RegionStats& row, std::string_view metric);
const std::vector<std::string>& metric_names();
bool is_metric(std::string_view metric);
// Income ranks the poorest first when ascending; every other metric descending (most first).
bool lower_is_poorer(std::string_view metric);
// Whether the metric comes from the villages' own fields and areas alone (population, poverty,
// income), so that statistics with StatsOptions::villages_only give it.
bool from_village_fields(std::string_view metric);

}  // namespace ca::analysis
