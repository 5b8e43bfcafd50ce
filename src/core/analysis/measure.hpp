// Lengths on the ellipsoid, as a surveyor would measure them, whatever the map projection.
#pragma once

#include <geos_c.h>

#include "core/model/geometry.hpp"

namespace ca::analysis {

// Length in metres of the straight (in lon/lat) segment a-b on the CGCS2000 ellipsoid. Segments
// under 5 km use the local radii of curvature at their mid-latitude (relative error below 1e-9
// there, and far cheaper); longer ones the full geodesic solution.
double segment_length_m(model::Vec2 a, model::Vec2 b);

// Geodesic length in metres of every ring of a lon/lat geometry on the CGCS2000 ellipsoid
// (Karney 2013, through PROJ's geodesic routines). Points have length 0.
double geodesic_length_m(const model::Geometry& lonlat);
// Area in km² of a lon/lat polygon geometry on the CGCS2000 ellipsoid, holes subtracted. Rings
// spanning under half a degree use the ellipsoid's radii of curvature at their mean latitude
// (relative error about 1e-6 at village size, and cheap for 130,000 villages); larger ones the
// geodesic polygon area.
double area_km2(const model::Geometry& lonlat);
// The same for the linework of a GEOS geometry in lon/lat.
double geodesic_length_m(GEOSContextHandle_t ctx, const GEOSGeometry* lonlat);

}  // namespace ca::analysis
