// Next year's plan against the gap: which poor villages no existing project covers the planned
// projects reach, and which they still miss.
#pragma once

#include <optional>
#include <vector>

#include "core/analysis/statistics.hpp"

namespace ca::analysis {

struct PlanReach {
    std::size_t village = 0;  // index into Statistics::villages
    int planned_sites = 0;    // planned sites placed in the village (by point or by its name)
    bool reached() const { return planned_sites > 0; }
};

// Every poor village that no covering site reached (Statistics' coverage rule and filter, as
// coverage_gaps finds them), in village order, with the planned sites placed in it: sites whose
// canonical status is "planned" and, when `plan_year` is set, whose year is that year. The counted
// filter (--status, --year) does not apply to them: it chooses what exists, the plan is apart.
// A site placed by its township alone reaches no village. Needs the statistics' site placement
// (not villages_only); without it every village counts 0 planned sites.
std::vector<PlanReach> plan_reach(const model::Project& project, const Statistics& stats, std::optional<int> plan_year = std::nullopt);

}  // namespace ca::analysis
