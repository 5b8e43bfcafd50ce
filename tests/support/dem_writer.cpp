// Writing test DEMs with GDAL's C API.
#include "support/dem_writer.hpp"

#include <stdexcept>
#include <vector>

#include <gdal.h>
#include <ogr_srs_api.h>

namespace ca::test {

void write_dem(const std::string& path, const DemSpec& spec, const std::function<double(int col, int row)>& elevation) {
    GDALAllRegister();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), spec.width, spec.height, 1, GDT_Float32, nullptr);
    if (!ds) throw std::runtime_error("cannot create " + path);
    auto geotransform = spec.geotransform;
    GDALSetGeoTransform(ds, geotransform.data());
    if (spec.epsg) {
        OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(srs, spec.epsg);
        GDALSetSpatialRef(ds, srs);
        OSRRelease(srs);
    }
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    if (spec.nodata) GDALSetRasterNoDataValue(band, *spec.nodata);
    std::vector<float> z(static_cast<std::size_t>(spec.width) * spec.height);
    for (int r = 0; r < spec.height; ++r)
        for (int c = 0; c < spec.width; ++c) z[static_cast<std::size_t>(r) * spec.width + c] = static_cast<float>(elevation(c, r));
    const CPLErr written = GDALRasterIO(band, GF_Write, 0, 0, spec.width, spec.height, z.data(), spec.width, spec.height, GDT_Float32, 0, 0);
    GDALClose(ds);
    if (written != CE_None) throw std::runtime_error("cannot write " + path);
}

}  // namespace ca::test
