// What counting met in the data, as problems with their file, layer and row or feature: for
// `countyatlas check`, the viewer's problem list and the summary lines on stderr.
#pragma once

#include "core/analysis/statistics.hpp"
#include "core/model/problems.hpp"
#include "core/model/project.hpp"

namespace ca::analysis {

// Problem kinds, stable for grouping and for tests.
inline constexpr const char* kUnmatchedSite = "unmatched site";
inline constexpr const char* kTownshipOnlySite = "site placed by township only";
inline constexpr const char* kLocationConflict = "location conflict";
inline constexpr const char* kPondOutside = "pond outside villages";
inline constexpr const char* kDuplicateVillageName = "duplicate village name";

// Adds a Warning for each unmatched site, site placed by township only, location conflict (of
// the sites the statistics' filter let through), pond outside every village, and village whose
// name another village of its township shares (rows placed by name cannot tell them apart).
// `stats` must come from `project`.
void add_counting_problems(const model::Project& project, const Statistics& stats, model::ProblemLog& log);

}  // namespace ca::analysis
