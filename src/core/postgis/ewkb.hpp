// Geometries as PostGIS takes them in text: hex EWKB with SRID 4490 (CGCS2000 lon/lat).
#pragma once

#include <optional>
#include <string>

#include <ogr_core.h>

#include "core/model/geometry.hpp"

namespace ca::postgis {

// nullopt for an empty geometry (NULL in the table). `type`: the column's (single or multi).
std::optional<std::string> ewkb_hex(const model::Geometry& g, OGRwkbGeometryType type);

}  // namespace ca::postgis
