// Writing test DEMs with GDAL's C API.
#include "support/dem_writer.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <gdal.h>
#include <ogr_srs_api.h>

namespace ca::test {

void write_dem(const std::string& path, const DemSpec& spec, const std::function<double(int col, int row)>& elevation) {
    GDALAllRegister();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), spec.width, spec.height, spec.bands, GDT_Float32, nullptr);
    if (!ds) throw std::runtime_error("cannot create " + path);
    auto geotransform = spec.geotransform;
    GDALSetGeoTransform(ds, geotransform.data());
    if (spec.epsg) {
        OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(srs, spec.epsg);
        GDALSetSpatialRef(ds, srs);
        OSRRelease(srs);
    }
    std::vector<float> z(static_cast<std::size_t>(spec.width) * spec.height);
    for (int r = 0; r < spec.height; ++r)
        for (int c = 0; c < spec.width; ++c) z[static_cast<std::size_t>(r) * spec.width + c] = static_cast<float>(elevation(c, r));
    CPLErr written = CE_None;
    for (int b = 1; b <= spec.bands; ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, b);
        if (spec.nodata) GDALSetRasterNoDataValue(band, *spec.nodata);
        if (spec.scale != 1) GDALSetRasterScale(band, spec.scale);
        if (spec.offset != 0) GDALSetRasterOffset(band, spec.offset);
        if (!spec.unit.empty()) GDALSetRasterUnitType(band, spec.unit.c_str());
        if (GDALRasterIO(band, GF_Write, 0, 0, spec.width, spec.height, z.data(), spec.width, spec.height, GDT_Float32, 0, 0) != CE_None)
            written = CE_Failure;
    }
    GDALClose(ds);
    if (written != CE_None) throw std::runtime_error("cannot write " + path);
}

void write_dem(const std::string& path, double west_deg, double north_deg, double cell_deg, int cols, int rows,
               const std::function<double(double lon, double lat)>& z) {
    DemSpec spec;
    spec.width = cols, spec.height = rows;
    spec.geotransform = {west_deg, cell_deg, 0, north_deg, 0, -cell_deg};
    write_dem(path, spec, [&](int col, int row) { return z(west_deg + (col + 0.5) * cell_deg, north_deg - (row + 0.5) * cell_deg); });
}

void write_ridge_dem(const std::string& path) {
    write_dem(path, 101.7, 25.8, 0.003, 200, 200, [](double lon, double) { return 500 + 6000 * std::max(0.0, 0.2 - std::abs(lon - 102.0)) / 0.2; });
}

}  // namespace ca::test
