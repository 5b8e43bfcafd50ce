// The working projected CRS: where CountyAtlas measures and draws, chosen from the data's extent.
#pragma once

#include <memory>

#include "core/model/geometry.hpp"
#include "core/model/projection.hpp"

namespace ca::io {

// The CGCS2000 3-degree Gauss-Krüger zone (EPSG:4534-4554, no zone prefix) whose central
// meridian is nearest the extent's centre; a UTM zone outside China's longitudes. Area and
// length distortion at the edge of a 3-degree zone stay below 1e-4, fine for drawing; lengths
// reported to users are measured on the ellipsoid instead.
std::shared_ptr<const model::Projection> choose_working_crs(const model::Extent& lonlat);

// A projection from CGCS2000 lon/lat to any PROJ-known CRS ("EPSG:4543").
std::shared_ptr<const model::Projection> make_projection(const std::string& target_crs);

}  // namespace ca::io
