// OGR geometries to model::Geometry: flattened parts, linearised curves, Z and M dropped.
#pragma once

#include <vector>

#include <ogr_api.h>

#include "core/model/geometry.hpp"

namespace ca::io {

// Appends one OGR geometry's parts to `out`, flattening multi-geometries and collections and
// linearising curves. `scratch` is reused between calls to spare allocations.
void append_geometry(OGRGeometryH g, model::Geometry& out, std::vector<model::Vec2>& scratch);

// A model::Geometry as an OGR geometry of the layer's type (`layer_type`: single or multi, point,
// line or polygon); the caller owns it.
OGRGeometryH to_ogr(const model::Geometry& g, OGRwkbGeometryType layer_type);

}  // namespace ca::io
