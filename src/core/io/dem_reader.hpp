// Opening a digital elevation model: its grid, CRS and nodata, checked once so every later read
// (zonal statistics, the viewer's hillshade, print) can trust them.
#pragma once

#include <string>

#include "core/model/dem.hpp"
#include "core/model/problems.hpp"

namespace ca::io {

// Whether GDAL opens the file as a raster and finds no vector layer in it (a GeoTIFF, an .img,
// an ASCII grid): such a file named without a role is a DEM.
bool is_raster_file(const std::string& path);

struct DemReadOptions {
    std::string assume_crs;       // --assume-crs, for a DEM that declares no CRS
    model::Extent others_lonlat;  // where the vector layers lie: picks a Gauss-Krüger zone (io::guess_crs)
};

// The DEM's description. A DEM that declares no CRS takes `assume_crs`, else the CRS its corners'
// numbers give (io::guess_crs); the choice is a note in `problems`, as are its grid, nodata value
// and overviews. Throws ca::Error naming the file when it is no georeferenced raster, is rotated,
// or its corners are no place on Earth.
model::Dem read_dem(const std::string& path, const DemReadOptions& options, model::ProblemLog& problems);

}  // namespace ca::io
