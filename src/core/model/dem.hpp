// A digital elevation model as the project knows it: where it is and how its pixels sit on the
// ground. The pixels themselves stay in the file (a province's DEM is gigabytes) and are read in
// strips or warped windows by core/terrain.
#pragma once

#include <array>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/geometry.hpp"

namespace ca::model {

struct Dem {
    std::string path;  // as GDAL opens it
    std::string name;  // the file name users know it by ("dem.tif")
    int width = 0, height = 0;
    // GDAL's affine transform: x = gt[0] + col·gt[1] + row·gt[2], y = gt[3] + col·gt[4] + row·gt[5].
    std::array<double, 6> geotransform{0, 1, 0, 0, 0, -1};
    std::string crs_wkt;      // declared, or assumed (said in the problem log); never empty once loaded
    std::string crs_name;     // "CGCS2000 / 3-degree Gauss-Kruger CM 102E", for info
    bool geographic = false;  // pixels in degrees: slopes and areas taken on the ellipsoid
    double semi_major_m = 6378137.0, inverse_flattening = 298.257222101;  // of the CRS's ellipsoid
    double metres_per_unit = 1;  // a projected CRS's linear unit
    std::optional<double> nodata;  // as stored, before the scale below
    // Metres from a stored value: value × z_scale + z_offset (GDAL's band scale and offset, and a
    // vertical unit of feet turned into metres).
    double z_scale = 1, z_offset = 0;
    int overviews = 0;
    Extent extent_lonlat;  // CGCS2000 lon/lat of its footprint

    // A stored value in metres; NaN for nodata.
    float metres(float stored) const {
        if (nodata && stored == static_cast<float>(*nodata)) return std::nanf("");
        return z_scale == 1 && z_offset == 0 ? stored : static_cast<float>(stored * z_scale + z_offset);
    }
};

// Horn's (1981) gradient of a cell from its 3×3 window, as gdaldem computes slope and hillshade:
// z(dc, dr) gives the neighbour dc columns east and dr rows south (the caller stands in for
// missing ones); returns {dz/dx eastwards, dz/dy northwards}, per metre of a cell that is
// `cell_width_m` wide and `cell_height_m` high.
template <typename Elevation>
Vec2 horn_gradient(Elevation&& z, double cell_width_m, double cell_height_m) {
    const double east = z(1, -1) + 2.0 * z(1, 0) + z(1, 1), west = z(-1, -1) + 2.0 * z(-1, 0) + z(-1, 1);
    const double north = z(-1, -1) + 2.0 * z(0, -1) + z(1, -1), south = z(-1, 1) + 2.0 * z(0, 1) + z(1, 1);
    return {(east - west) / (8 * cell_width_m), (north - south) / (8 * cell_height_m)};
}

// Elevations on a regular grid of the working CRS (metres), rows from north to south: what the
// viewer shades on the GPU and print shades at the page's DPI. NaN where the DEM has no data.
struct ElevationGrid {
    Extent extent_m;  // outer edges of the grid's cells
    int width = 0, height = 0;
    std::vector<float> z;  // width × height, row-major
    float min_m = 0, max_m = 0;  // over the cells with data

    double cell_width_m() const { return width > 0 ? extent_m.width() / width : 0; }
    double cell_height_m() const { return height > 0 ? extent_m.height() / height : 0; }
    float at(int col, int row) const { return z[static_cast<std::size_t>(row) * width + col]; }
};

}  // namespace ca::model
