// Queen-contiguity neighbours of polygons: villages that share a border or a corner.
#pragma once

#include <vector>

#include "core/analysis/geos_context.hpp"
#include "core/model/geometry.hpp"

namespace ca::analysis {

// neighbours[i]: indices of the polygons touching polygon i (sharing at least one point), in
// ascending order. Borders digitised twice rarely meet exactly, so polygons closer than
// `tolerance` (in the polygons' units; 1e-6 degrees is about 0.1 m) count as touching.
std::vector<std::vector<std::size_t>> queen_neighbours(const GeosContext& geos, const std::vector<const model::Geometry*>& polygons,
                                                       double tolerance = 1e-6);

}  // namespace ca::analysis
