// Reading a DEM's grid, CRS and nodata with GDAL; the pixels are read later, by core/terrain.
#include "core/io/dem_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <cstdio>

#include <cpl_conv.h>

#include "core/io/crs_guess.hpp"
#include "core/io/gdal_handles.hpp"
#include "core/io/source_crs.hpp"
#include "core/model/error.hpp"
#include "core/model/layer.hpp"

namespace ca::io {
namespace {

std::string wkt_of(OGRSpatialReferenceH srs) {
    char* text = nullptr;
    OSRExportToWkt(srs, &text);
    std::string wkt = text ? text : "";
    CPLFree(text);
    return wkt;
}

// The footprint's lon/lat from points along its edges (a projected grid's edges curve in lon/lat).
model::Extent footprint_lonlat(const model::Dem& dem, OGRSpatialReferenceH srs) {
    SpatialRef source(OSRClone(srs)), lonlat = lonlat_srs();
    OSRSetAxisMappingStrategy(source.get(), OAMS_TRADITIONAL_GIS_ORDER);
    GdalErrorTrap quiet;
    CoordTransform transform(OCTNewCoordinateTransformation(source.get(), lonlat.get()));
    if (!transform) throw Error("no transformation from its CRS to CGCS2000 lon/lat").file(dem.name);
    model::Extent extent;
    const auto& gt = dem.geotransform;
    constexpr int kSteps = 16;
    for (int i = 0; i <= kSteps; ++i)
        for (const auto& [u, v] : {std::pair{i, 0}, std::pair{i, kSteps}, std::pair{0, i}, std::pair{kSteps, i}}) {
            const double col = dem.width * u / double(kSteps), row = dem.height * v / double(kSteps);
            double x = gt[0] + col * gt[1] + row * gt[2], y = gt[3] + col * gt[4] + row * gt[5];
            if (OCTTransform(transform.get(), 1, &x, &y, nullptr) && std::isfinite(x) && std::isfinite(y)) extent.add({x, y});
        }
    if (extent.empty() || extent.min_x < -180 || extent.max_x > 180 || extent.min_y < -90 || extent.max_y > 90)
        throw Error("its corners are no place on Earth in its CRS; pass --assume-crs EPSG:CODE if it declares the wrong one").file(dem.name);
    return extent;
}

// The CRS the file declares, else the one assumed, else lon/lat when the corners are degrees.
SpatialRef dem_crs(GDALDatasetH ds, const model::Dem& dem, const DemReadOptions& options, model::ProblemLog& problems) {
    if (const OGRSpatialReferenceH declared = GDALGetSpatialRef(ds)) return SpatialRef(OSRClone(declared));
    auto note = [&](const std::string& message) { problems.add({model::Severity::Note, "crs", dem.name, {}, -1, false, message}); };
    if (!options.assume_crs.empty()) {
        note("no CRS in the file; taken as " + options.assume_crs + " (--assume-crs)");
        return srs_from_user_input(options.assume_crs, "--assume-crs");
    }
    model::Extent corners;
    const auto& gt = dem.geotransform;
    corners.add({gt[0], gt[3]});
    corners.add({gt[0] + dem.width * gt[1], gt[3] + dem.height * gt[5]});
    const CrsGuess guess = guess_crs(corners, options.others_lonlat);
    if (guess.crs.empty())
        throw Error("has no coordinate reference system (no .prj, .aux.xml or CRS in the file) and its corners do not say which; pass "
                    "--assume-crs EPSG:CODE")
            .file(dem.name);
    note(guess.how);
    return srs_from_user_input(guess.crs, "CRS");
}

void describe_ellipsoid(model::Dem& dem, OGRSpatialReferenceH srs) {
    OGRErr err = OGRERR_NONE;
    dem.geographic = OSRIsGeographic(srs);
    dem.semi_major_m = OSRGetSemiMajor(srs, &err);
    dem.inverse_flattening = OSRGetInvFlattening(srs, &err);
    if (!dem.geographic) dem.metres_per_unit = OSRGetLinearUnits(srs, nullptr);
}

std::string number_text(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

// The band's scale, offset and vertical unit, folded into Dem::z_scale and z_offset; how the
// values were read, for the note.
std::string elevation_units(GDALRasterBandH band, model::Dem& dem) {
    int has_scale = 0, has_offset = 0;
    const double scale = GDALGetRasterScale(band, &has_scale), offset = GDALGetRasterOffset(band, &has_offset);
    dem.z_scale = has_scale && scale != 0 ? scale : 1;
    dem.z_offset = has_offset ? offset : 0;
    std::string unit = GDALGetRasterUnitType(band) ? GDALGetRasterUnitType(band) : "";
    std::string said = "elevations in metres";
    if (unit == "ft" || unit == "foot" || unit == "feet" || unit == "us-ft" || unit == "US survey foot") {
        const double foot_m = unit == "us-ft" || unit == "US survey foot" ? 1200.0 / 3937 : 0.3048;
        dem.z_scale *= foot_m, dem.z_offset *= foot_m;
        said = "elevations in feet, turned into metres";
    }
    if (dem.z_scale != 1 || dem.z_offset != 0) said += " (stored values × " + number_text(dem.z_scale) + " + " + number_text(dem.z_offset) + ")";
    return said;
}

}  // namespace

bool is_raster_file(const std::string& path) {
    // Formats that hold no raster are not opened here: the vector reader opens them next, and a
    // province's project sheet is not to be parsed twice.
    static constexpr std::array kVectorOnly = {".shp", ".dbf", ".csv", ".xlsx", ".xls", ".kml", ".kmz", ".geojson", ".json", ".tab", ".mif", ".fgb", ".gdb"};
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::find(kVectorOnly.begin(), kVectorOnly.end(), extension) != kVectorOnly.end()) return false;
    register_gdal_drivers();
    GdalErrorTrap quiet;
    const Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    return ds && GDALGetRasterCount(ds.get()) > 0 && GDALDatasetGetLayerCount(ds.get()) == 0;
}

model::Dem read_dem(const std::string& path, const DemReadOptions& options, model::ProblemLog& problems) {
    register_gdal_drivers();
    model::Dem dem;
    dem.path = path;
    dem.name = model::file_name(path);
    GdalErrorTrap trap;
    const Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) throw Error("cannot be read as a raster" + (trap.failed() ? ": " + trap.failure() : std::string())).file(dem.name);
    if (GDALGetRasterCount(ds.get()) < 1) throw Error("has no raster band").file(dem.name);
    // Three or four bands are a photo or a scanned map, whose first band would be read as heights.
    if (const int bands = GDALGetRasterCount(ds.get()); bands > 1)
        throw Error("has " + std::to_string(bands) + " bands: an image, not an elevation model (a DEM has one band of heights)").file(dem.name);
    dem.width = GDALGetRasterXSize(ds.get());
    dem.height = GDALGetRasterYSize(ds.get());
    if (GDALGetGeoTransform(ds.get(), dem.geotransform.data()) != CE_None)
        throw Error("has no georeferencing (no geotransform or world file): where its pixels lie is unknown").file(dem.name);
    const auto& gt = dem.geotransform;
    if (gt[2] != 0 || gt[4] != 0) throw Error("is a rotated grid; warp it north-up first (gdalwarp)").file(dem.name);
    if (gt[1] <= 0 || gt[5] == 0) throw Error("has a pixel width of zero or below, or a pixel height of zero").file(dem.name);
    const SpatialRef srs = dem_crs(ds.get(), dem, options, problems);
    dem.crs_wkt = wkt_of(srs.get());
    dem.crs_name = OSRGetName(srs.get()) ? OSRGetName(srs.get()) : "unnamed CRS";
    describe_ellipsoid(dem, srs.get());
    dem.extent_lonlat = footprint_lonlat(dem, srs.get());
    GDALRasterBandH band = GDALGetRasterBand(ds.get(), 1);
    if (GDALGetRasterColorTable(band) || GDALGetRasterColorInterpretation(band) == GCI_PaletteIndex)
        throw Error("has a colour table: a classified or scanned map, not an elevation model").file(dem.name);
    int has_nodata = 0;
    const double nodata = GDALGetRasterNoDataValue(band, &has_nodata);
    if (has_nodata) dem.nodata = nodata;
    dem.overviews = GDALGetOverviewCount(band);
    const std::string units = elevation_units(band, dem);
    char message[256];
    std::snprintf(message, sizeof message, "DEM of %d × %d pixels, %s, %s, %d overview%s", dem.width, dem.height, units.c_str(),
                  has_nodata ? ("nodata " + number_text(nodata)).c_str() : "no nodata value", dem.overviews, dem.overviews == 1 ? "" : "s");
    problems.add({model::Severity::Note, "dem", dem.name, {}, -1, false, message});
    return dem;
}

}  // namespace ca::io
