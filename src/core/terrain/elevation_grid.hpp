// The DEM resampled onto the map: a grid in the working CRS for the viewer's hillshade (on the
// GPU) and for print's (at the page's DPI).
#pragma once

#include "core/model/dem.hpp"
#include "core/model/projection.hpp"

namespace ca::terrain {

// The DEM warped to the working CRS over `extent_m`, `width` × `height` cells (bilinear, from the
// overview nearest that resolution when the file has overviews). Cells without data are NaN.
// Throws ca::Error naming the DEM when GDAL cannot read or warp it.
model::ElevationGrid elevation_grid(const model::Dem& dem, const model::Projection& working, const model::Extent& extent_m, int width,
                                    int height);

// The DEM's footprint in the working CRS, for a grid of the whole DEM.
model::Extent footprint_m(const model::Dem& dem, const model::Projection& working);

}  // namespace ca::terrain
