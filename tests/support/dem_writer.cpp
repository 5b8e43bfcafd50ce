// Writing synthetic DEMs with GDAL's C API.
#include "support/dem_writer.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_srs_api.h>

namespace ca::test {

void write_dem(const std::string& path, double west_deg, double north_deg, double cell_deg, int cols, int rows,
               const std::function<double(double lon, double lat)>& z) {
    GDALAllRegister();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), cols, rows, 1, GDT_Float32, nullptr);
    if (!ds) throw std::runtime_error("cannot create " + path);
    double gt[6] = {west_deg, cell_deg, 0, north_deg, 0, -cell_deg};
    GDALSetGeoTransform(ds, gt);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 4490);
    char* wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    GDALSetProjection(ds, wkt);
    CPLFree(wkt);
    OSRDestroySpatialReference(srs);
    std::vector<float> cells;
    for (int row = 0; row < rows; ++row)
        for (int col = 0; col < cols; ++col) cells.push_back(static_cast<float>(z(west_deg + (col + 0.5) * cell_deg, north_deg - (row + 0.5) * cell_deg)));
    const CPLErr written = GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, cols, rows, cells.data(), cols, rows, GDT_Float32, 0, 0);
    GDALClose(ds);
    if (written != CE_None) throw std::runtime_error("cannot write " + path);
}

}  // namespace ca::test

namespace ca::test {

void write_ridge_dem(const std::string& path) {
    write_dem(path, 101.7, 25.8, 0.003, 200, 200, [](double lon, double) { return 500 + 6000 * std::max(0.0, 0.2 - std::abs(lon - 102.0)) / 0.2; });
}

}  // namespace ca::test
