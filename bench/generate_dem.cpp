// bench_generate_dem REGION.gpkg OUT.tif PIXELS CRS: a synthetic DEM of PIXELS × PIXELS over the
// villages of a generated region (bench_generate), as a survey bureau would deliver a big one:
// tiled GeoTIFF (256 × 256), 16-bit metres, DEFLATE with predictor, nodata, and internal overviews
// (GDALBuildOverviews, what gdaladdo runs). CRS: EPSG:4490 (lon/lat, like a province's SRTM-based
// mosaic) or a projected one such as EPSG:4543. The terrain is the sample county's noise
// (tools/synthetic_terrain), so slopes and elevations look like Yunnan's.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/io/gdal_handles.hpp"
#include "core/io/working_crs.hpp"
#include "tools/synthetic_terrain.hpp"

namespace {

using ca::model::Vec2;

// The villages' extent in `crs`: the layer's corners and edge midpoints transformed, so a lon/lat
// box around a Gauss-Krüger square is wide enough.
ca::model::Extent villages_extent(const std::string& region, const std::string& crs) {
    ca::io::Dataset ds(GDALOpenEx(region.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) throw std::runtime_error("cannot open " + region);
    OGRLayerH layer = GDALDatasetGetLayerByName(ds.get(), "villages");
    if (!layer) throw std::runtime_error(region + " has no villages layer; make it with bench_generate");
    OGREnvelope e{};
    OGR_L_GetExtent(layer, &e, TRUE);
    std::vector<Vec2> box;
    for (int i = 0; i <= 8; ++i)
        for (int j = 0; j <= 8; ++j) box.push_back({e.MinX + (e.MaxX - e.MinX) * i / 8, e.MinY + (e.MaxY - e.MinY) * j / 8});
    if (crs != "EPSG:4490") ca::io::make_projection(crs)->forward(box);  // the region is in EPSG:4490
    ca::model::Extent extent;
    for (const Vec2& p : box) extent.add(p);
    return extent;
}

// Rows [row0, row0 + rows) of the DEM: ridges on a warped plane in metres of the Gauss-Krüger plane
// of the region (lon/lat pixels are first taken to it), about 1,000–4,000 m.
void fill_rows(std::vector<std::int16_t>& z, int row0, int rows, int width, const double* gt, const ca::model::Projection* to_metres) {
    std::vector<Vec2> points(static_cast<std::size_t>(width));
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < width; ++c) points[static_cast<std::size_t>(c)] = {gt[0] + (c + 0.5) * gt[1], gt[3] + (row0 + r + 0.5) * gt[5]};
        if (to_metres) to_metres->forward(points);
        for (int c = 0; c < width; ++c) {
            const Vec2 p = points[static_cast<std::size_t>(c)];
            const double wx = p.x + 2500 * ca::tools::gradient_noise(p.x / 14000, p.y / 14000, 10);
            const double wy = p.y + 2500 * ca::tools::gradient_noise(p.x / 14000, p.y / 14000, 11);
            const double floor_m = 1500 + 500 * ca::tools::gradient_noise(p.x / 60000, p.y / 60000, 12);
            const double z_m = floor_m + 2000 * ca::tools::ridged_multifractal(wx / 4200, wy / 4200, 2011);
            z[static_cast<std::size_t>(r) * width + c] = static_cast<std::int16_t>(std::lround(std::min(z_m, 4500.0)));
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: bench_generate_dem REGION.gpkg OUT.tif PIXELS CRS   (CRS: EPSG:4490 or a projected EPSG code)\n");
        return 2;
    }
    try {
        GDALAllRegister();
        const std::string region = argv[1], out = argv[2], crs = argv[4];
        const int size = std::stoi(argv[3]);
        const auto start = std::chrono::steady_clock::now();
        const auto extent = villages_extent(region, crs);
        const double margin = 0.02 * std::max(extent.width(), extent.height());
        const double gt[6] = {extent.min_x - margin, (extent.width() + 2 * margin) / size, 0, extent.max_y + margin, 0,
                              -(extent.height() + 2 * margin) / size};
        const char* options[] = {"TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=2", "BIGTIFF=IF_SAFER", "NUM_THREADS=2", nullptr};
        ca::io::Dataset ds(GDALCreate(GDALGetDriverByName("GTiff"), out.c_str(), size, size, 1, GDT_Int16, const_cast<char**>(options)));
        if (!ds) throw std::runtime_error("cannot create " + out);
        GDALSetGeoTransform(ds.get(), const_cast<double*>(gt));
        OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
        OSRSetFromUserInput(srs, crs.c_str());
        GDALSetSpatialRef(ds.get(), srs);
        OSRDestroySpatialReference(srs);
        GDALRasterBandH band = GDALGetRasterBand(ds.get(), 1);
        GDALSetRasterNoDataValue(band, -32768);

        // Noise in metres of the Gauss-Krüger plane whatever the DEM's CRS, so a lon/lat DEM's
        // ridges are as wide as a projected one's. Two threads fill each strip of 256 rows.
        const bool geographic = crs == "EPSG:4490";
        std::vector<std::shared_ptr<const ca::model::Projection>> projections;
        for (int t = 0; t < 2; ++t) projections.push_back(geographic ? ca::io::make_projection("EPSG:4543") : nullptr);
        constexpr int kStrip = 256;
        std::vector<std::int16_t> z(static_cast<std::size_t>(kStrip) * size);
        for (int row0 = 0; row0 < size; row0 += kStrip) {
            const int rows = std::min(kStrip, size - row0), half = rows / 2;
            std::vector<std::int16_t> lower(static_cast<std::size_t>(rows - half) * size);
            std::thread second([&] { fill_rows(lower, row0 + half, rows - half, size, gt, projections[1].get()); });
            fill_rows(z, row0, half, size, gt, projections[0].get());
            second.join();
            std::copy(lower.begin(), lower.end(), z.begin() + static_cast<std::ptrdiff_t>(half) * size);
            if (GDALRasterIO(band, GF_Write, 0, row0, size, rows, z.data(), size, rows, GDT_Int16, 0, 0) != CE_None)
                throw std::runtime_error("cannot write " + out);
        }
        const double written_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        CPLSetConfigOption("COMPRESS_OVERVIEW", "DEFLATE");
        CPLSetConfigOption("PREDICTOR_OVERVIEW", "2");
        CPLSetConfigOption("GDAL_NUM_THREADS", "2");
        std::vector<int> levels;
        for (int f = 2; size / f >= 256; f *= 2) levels.push_back(f);
        if (!levels.empty() && GDALBuildOverviews(ds.get(), "AVERAGE", static_cast<int>(levels.size()), levels.data(), 0, nullptr, nullptr,
                                                  nullptr) != CE_None)
            throw std::runtime_error("cannot build the overviews of " + out);
        ds.reset();
        const double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("wrote %s: %d × %d pixels in %s, %zu overviews (pixels %.1f s, overviews %.1f s)\n", out.c_str(), size, size, crs.c_str(),
                    levels.size(), written_s, total_s - written_s);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_generate_dem: %s\n", e.what());
        return 1;
    }
    return 0;
}
