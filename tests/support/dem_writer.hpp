// Small DEMs written by tests: a GeoTIFF whose every pixel a function gives.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>

namespace ca::test {

struct DemSpec {
    int epsg = 4490;  // 0: no CRS in the file
    int width = 100, height = 100;
    std::array<double, 6> geotransform{0, 1, 0, 0, 0, -1};  // GDAL's: origin x, pixel width, 0, origin y, 0, -pixel height
    std::optional<double> nodata;
};

// Writes a Float32 GeoTIFF; elevation(col, row) gives each pixel (rows from the north).
void write_dem(const std::string& path, const DemSpec& spec, const std::function<double(int col, int row)>& elevation);

}  // namespace ca::test
