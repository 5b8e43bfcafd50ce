// A layer's CRS as its file declares it, and bringing its coordinates to CGCS2000 lon/lat with
// every coordinate checked for being a place on Earth.
#pragma once

#include <string>

#include <ogr_api.h>

#include "core/io/gdal_handles.hpp"
#include "core/model/layer.hpp"

namespace ca::io {

// The CRS a layer declares, or null when it declares none. GeoPackage's srs_id 0 and -1 ("undefined
// geographic / cartesian SRS") count as none: they say nothing of where the data is.
OGRSpatialReferenceH declared_srs(OGRLayerH layer);

// Name and EPSG code (looked up in PROJ's database for ESRI .prj files that carry none).
model::CrsInfo describe_crs(OGRSpatialReferenceH srs);

// CGCS2000 lon/lat (EPSG:4490), what every layer is held in, with x = longitude.
SpatialRef lonlat_srs();

// A CRS from what a user types ("EPSG:4543"); throws naming `option` when PROJ does not know it.
SpatialRef srs_from_user_input(const std::string& text, const std::string& option);

// Transforms every feature of `layer` from `srs` to CGCS2000 lon/lat. Features whose coordinates
// cannot be a place (not finite, beyond ±180°/±90°, or more than 3° outside the area a projected
// CRS is made for) are left out, counted and reported. Throws when none of a layer's features is
// left: the CRS is wrong, not the features.
void bring_to_lonlat(model::Layer& layer, OGRSpatialReferenceH srs);

}  // namespace ca::io
