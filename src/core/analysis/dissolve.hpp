// Township polygons: from a townships layer when given, else dissolved from their villages.
#pragma once

#include <vector>

#include "core/analysis/statistics.hpp"

namespace ca::analysis {

// One polygon per row of stats.townships, in lon/lat. A township layer's polygon is used when its
// name matches (as name matching does: 镇 / 乡 suffixes and full-width forms aside); otherwise the
// union of the township's villages.
std::vector<model::Geometry> township_shapes(const model::Project& project, const Statistics& stats);

// The union of each group of polygons: result g is the union of the shapes i with
// group_of[i] == g (each < groups; an empty geometry for a group with none). Groups are
// dissolved on every core. Throws ca::Error when GEOS cannot union a group.
std::vector<model::Geometry> dissolve_groups(const std::vector<const model::Geometry*>& shapes, const std::vector<std::size_t>& group_of,
                                             std::size_t groups);

// The extent in the working CRS of the villages whose township matches `township` (as name
// matching does); empty when none does.
model::Extent township_extent(const model::Project& project, const Statistics& stats, const std::string& township);

}  // namespace ca::analysis
