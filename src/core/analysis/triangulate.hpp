// Polygon triangulation for GPU fills, and a point guaranteed inside a polygon.
#pragma once

#include <vector>

#include "core/analysis/geos_context.hpp"
#include "core/model/geometry.hpp"

namespace ca::analysis {

// Triangles covering a valid polygon geometry exactly (holes left open), three vertices each, in
// the coordinates given. Uses GEOS's constrained Delaunay triangulation, which honours holes.
std::vector<model::Vec2> triangulate(const GeosContext& geos, const model::Geometry& polygon);

// A point inside the geometry (GEOS point-on-surface): where a label or a test probe can go.
model::Vec2 point_inside(const GeosContext& geos, const model::Geometry& geometry);

// The same idea without GEOS, for many polygons at once (labels of 130,000 villages): the middle
// of the widest interior span along the horizontal line through the polygon's vertical centre.
// Falls back to the extent's centre for a polygon with no span there (degenerate input).
model::Vec2 label_point(const model::Geometry& polygon);

}  // namespace ca::analysis
