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
    double scale = 1, offset = 0;  // GDAL's band scale and offset: a reader takes value × scale + offset
    std::string unit;              // the band's unit type ("ft"); empty for none
    int bands = 1;                 // 3: an image, every band the same values
};

// Writes a Float32 GeoTIFF; elevation(col, row) gives each pixel (rows from the north).
void write_dem(const std::string& path, const DemSpec& spec, const std::function<double(int col, int row)>& elevation);

// A Float32 GeoTIFF in EPSG:4490 whose north-west corner is (west_deg, north_deg), `cols` × `rows`
// cells of `cell_deg`, each the elevation z(lon, lat) at its centre.
void write_dem(const std::string& path, double west_deg, double north_deg, double cell_deg, int cols, int rows,
               const std::function<double(double lon, double lat)>& z);

// A north-south ridge along 102°E (the tests' Gauss-Krüger central meridian, EPSG:4543), 6,500 m
// on its crest, falling 6,000 m over 0.2° of longitude (about 20 km: a slope of 0.3) to either
// side, over lon 101.7–102.3, lat 25.2–25.8, in cells of 0.003°.
void write_ridge_dem(const std::string& path);

}  // namespace ca::test
