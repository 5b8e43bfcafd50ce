// Small synthetic DEMs for the terrain tests: a GeoTIFF in CGCS2000 lon/lat written through GDAL.
#pragma once

#include <functional>
#include <string>

namespace ca::test {

// A Float32 GeoTIFF in EPSG:4490 whose north-west corner is (west_deg, north_deg), `cols` × `rows`
// cells of `cell_deg`, each the elevation z(lon, lat) at its centre.
void write_dem(const std::string& path, double west_deg, double north_deg, double cell_deg, int cols, int rows,
               const std::function<double(double lon, double lat)>& z);

// A north-south ridge along 102°E (the tests' Gauss-Krüger central meridian, EPSG:4543), 6,500 m
// on its crest, falling 6,000 m over 0.2° of longitude (about 20 km: a slope of 0.3) to either
// side, over lon 101.7–102.3, lat 25.2–25.8, in cells of 0.003°.
void write_ridge_dem(const std::string& path);

}  // namespace ca::test
