// Lengths on the ellipsoid, as a surveyor would measure them, whatever the map projection.
#pragma once

#include <geos_c.h>

#include "core/model/geometry.hpp"

namespace ca::analysis {

// Geodesic length in metres of every ring of a lon/lat geometry on the CGCS2000 ellipsoid
// (Karney 2013, through PROJ's geodesic routines). Points have length 0.
double geodesic_length_m(const model::Geometry& lonlat);
// The same for the linework of a GEOS geometry in lon/lat.
double geodesic_length_m(GEOSContextHandle_t ctx, const GEOSGeometry* lonlat);

}  // namespace ca::analysis
