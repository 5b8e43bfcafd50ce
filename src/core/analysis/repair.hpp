// Making invalid polygons valid, as land-bureau shapefiles often need.
#pragma once

#include "core/analysis/geos_context.hpp"
#include "core/model/geometry.hpp"

namespace ca::analysis {

// True when `geometry` was invalid and has been replaced by its repaired form. Polygons go
// through GEOS make-valid (a bow-tie becomes two triangles) and keep only polygonal output; lines
// and points are not repaired. A polygon that repairs to nothing is left empty.
bool repair_in_place(const GeosContext& geos, model::Geometry& geometry);

}  // namespace ca::analysis
