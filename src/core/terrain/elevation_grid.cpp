// Warping the DEM onto the map's grid with GDAL's warper (which picks the overview to read).
#include "core/terrain/elevation_grid.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gdal_utils.h>

#include "core/io/gdal_handles.hpp"
#include "core/model/error.hpp"

namespace ca::terrain {
namespace {

std::string number(double v) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", v);
    return text;
}

}  // namespace

model::Extent footprint_m(const model::Dem& dem, const model::Projection& working) {
    std::vector<model::Vec2> corners;
    const auto& e = dem.extent_lonlat;
    constexpr int kSteps = 8;
    for (int i = 0; i <= kSteps; ++i) {
        const double t = double(i) / kSteps;
        corners.insert(corners.end(), {{e.min_x + t * e.width(), e.min_y}, {e.min_x + t * e.width(), e.max_y},
                                       {e.min_x, e.min_y + t * e.height()}, {e.max_x, e.min_y + t * e.height()}});
    }
    working.forward(corners);
    model::Extent out;
    for (const auto& p : corners) out.add(p);
    return out;
}

model::ElevationGrid elevation_grid(const model::Dem& dem, const model::Projection& working, const model::Extent& extent_m, int width,
                                    int height) {
    io::register_gdal_drivers();
    io::GdalErrorTrap trap;
    const io::Dataset source(GDALOpenEx(dem.path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!source) throw Error("cannot be read" + (trap.failed() ? ": " + trap.failure() : std::string())).file(dem.name);
    // A DEM that declares no CRS was given one when loaded: the warper takes it from here.
    const std::vector<std::string> args = {"-of", "MEM", "-s_srs", dem.crs_wkt, "-t_srs", "EPSG:" + std::to_string(working.epsg()),
                                           "-te", number(extent_m.min_x), number(extent_m.min_y), number(extent_m.max_x), number(extent_m.max_y),
                                           "-ts", std::to_string(width), std::to_string(height), "-r", "bilinear", "-ot", "Float32",
                                           "-dstnodata", "nan", "-wo", "NUM_THREADS=ALL_CPUS"};
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    GDALWarpAppOptions* options = GDALWarpAppOptionsNew(argv.data(), nullptr);
    GDALDatasetH inputs[] = {source.get()};
    int usage_error = 0;
    const io::Dataset warped(GDALWarp("", nullptr, 1, inputs, options, &usage_error));
    GDALWarpAppOptionsFree(options);
    if (!warped) throw Error("cannot be warped onto the map" + (trap.failed() ? ": " + trap.failure() : std::string())).file(dem.name);
    model::ElevationGrid grid;
    grid.extent_m = extent_m, grid.width = width, grid.height = height;
    grid.z.resize(static_cast<std::size_t>(width) * height);
    if (GDALRasterIO(GDALGetRasterBand(warped.get(), 1), GF_Read, 0, 0, width, height, grid.z.data(), width, height, GDT_Float32, 0, 0) != CE_None)
        throw Error("cannot be read: " + trap.failure()).file(dem.name);
    float lo = std::numeric_limits<float>::max(), hi = std::numeric_limits<float>::lowest();
    for (float& z : grid.z) {
        z = dem.metres(z);  // the warper keeps the stored values; its own nodata is NaN already
        if (!std::isnan(z)) lo = std::min(lo, z), hi = std::max(hi, z);
    }
    if (lo <= hi) grid.min_m = lo, grid.max_m = hi;
    return grid;
}

}  // namespace ca::terrain
