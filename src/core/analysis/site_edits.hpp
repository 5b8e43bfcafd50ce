// The statistics after an edit of some sites, recounted from what the edit touched only: each
// changed site taken out of its village row and put into its new one, the township rows and the
// total summed again from the villages. A province's million sites are not placed again.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "core/analysis/statistics.hpp"

namespace ca::analysis {

// One site changed: at `position` of the sites layer `site_layer` (an index into
// Project::layers_with(Role::Sites)), what was there and what is there now (no `before`: added,
// no `after`: removed). In the order the edits were made.
struct SiteChange {
    std::size_t site_layer = 0, position = 0;
    std::optional<model::Feature> before, after;
};

// The village (a row of Statistics::villages) holding a lon/lat point, or none.
using LocateVillage = std::function<std::optional<std::size_t>(model::Vec2 lon_lat)>;

// `counted` (the statistics of the project before the changes, with their placement) brought up to
// `project` (after them), for the same options. Villages, ponds and lines are as counted.
Statistics apply_site_changes(const model::Project& project, const Statistics& counted, const std::vector<SiteChange>& changes,
                              const LocateVillage& locate);

}  // namespace ca::analysis
