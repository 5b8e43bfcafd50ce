// Reading DEM strips with GDAL and their slopes (Horn 1981, as gdaldem's slope).
#include "core/terrain/dem_pixels.hpp"

#include <algorithm>
#include <numbers>

#include <cpl_conv.h>

#include "core/analysis/parallel.hpp"
#include "core/io/source_crs.hpp"
#include "core/model/error.hpp"

namespace ca::terrain {
namespace {

constexpr double kDegree = std::numbers::pi / 180;

io::SpatialRef srs_of(const std::string& wkt) {
    io::SpatialRef srs(OSRNewSpatialReference(wkt.c_str()));
    OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

}  // namespace

PixelMapper::PixelMapper(const model::Dem& dem) : m_geotransform(dem.geotransform) {
    const io::SpatialRef lonlat = io::lonlat_srs(), target = srs_of(dem.crs_wkt);
    if (OSRIsSame(lonlat.get(), target.get())) return;
    io::GdalErrorTrap quiet;
    m_transform.reset(OCTNewCoordinateTransformation(lonlat.get(), target.get()));
    if (!m_transform) throw Error("no transformation from CGCS2000 lon/lat to its CRS").file(dem.name);
}

void PixelMapper::to_pixels(std::span<model::Vec2> points) const {
    if (m_transform && !points.empty()) {
        std::vector<double> xs(points.size()), ys(points.size());
        std::vector<int> ok(points.size());
        for (std::size_t i = 0; i < points.size(); ++i) xs[i] = points[i].x, ys[i] = points[i].y;
        OCTTransformEx(m_transform.get(), static_cast<int>(points.size()), xs.data(), ys.data(), nullptr, ok.data());
        for (std::size_t i = 0; i < points.size(); ++i)
            points[i] = ok[i] ? model::Vec2{xs[i], ys[i]} : model::Vec2{std::nan(""), std::nan("")};
    }
    const auto& gt = m_geotransform;  // north-up (io::read_dem refuses rotated grids)
    for (auto& p : points) p = {(p.x - gt[0]) / gt[1], (p.y - gt[3]) / gt[5]};
}

DemPixels::DemPixels(const model::Dem& dem) : m_dem(dem), m_mapper(dem) {
    io::register_gdal_drivers();
    io::GdalErrorTrap trap;
    // A compressed tiled GeoTIFF decodes its tiles on every core when asked at opening.
    CPLSetThreadLocalConfigOption("GDAL_NUM_THREADS", "ALL_CPUS");
    m_dataset.reset(GDALOpenEx(dem.path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    CPLSetThreadLocalConfigOption("GDAL_NUM_THREADS", nullptr);
    if (!m_dataset) throw Error("cannot be read" + (trap.failed() ? ": " + trap.failure() : std::string())).file(dem.name);
    measure_rows();
}

int DemPixels::strip_rows() const {
    int block_width = 0, block_height = 0;
    GDALGetBlockSize(GDALGetRasterBand(m_dataset.get(), 1), &block_width, &block_height);
    block_height = std::max(block_height, 1);
    return std::max(1, 256 / block_height) * block_height;
}

void DemPixels::measure_rows() {
    const auto& gt = m_dem.geotransform;
    const double col = m_dem.width / 2.0;
    // Per row three corners of a pixel: its north-west, north-east and south-west.
    std::vector<double> xs, ys;
    for (int row = 0; row < m_dem.height; ++row)
        for (const auto& [dc, dr] : {std::pair{0, 0}, std::pair{1, 0}, std::pair{0, 1}})
            xs.push_back(gt[0] + (col + dc) * gt[1]), ys.push_back(gt[3] + (row + dr) * gt[5]);
    std::vector<int> ok(xs.size(), 1);
    const io::SpatialRef source = srs_of(m_dem.crs_wkt), lonlat = io::lonlat_srs();
    io::GdalErrorTrap quiet;
    if (!OSRIsSame(source.get(), lonlat.get())) {
        const io::CoordTransform to_lonlat(OCTNewCoordinateTransformation(source.get(), lonlat.get()));
        if (!to_lonlat || !OCTTransformEx(to_lonlat.get(), static_cast<int>(xs.size()), xs.data(), ys.data(), nullptr, ok.data())) ok.assign(ok.size(), 0);
    }
    // Short distances on the ellipsoid from its radii of curvature at the pixel's latitude.
    const double f = 1 / m_dem.inverse_flattening, e2 = f * (2 - f), a = m_dem.semi_major_m;
    auto metres = [&](std::size_t p, std::size_t q) {
        const double lat = (ys[p] + ys[q]) / 2 * kDegree, s = std::sin(lat);
        const double east = (xs[q] - xs[p]) * kDegree * a / std::sqrt(1 - e2 * s * s) * std::cos(lat);
        const double north = (ys[q] - ys[p]) * kDegree * a * (1 - e2) / std::pow(1 - e2 * s * s, 1.5);
        return std::hypot(east, north);
    };
    m_ground_m.resize(static_cast<std::size_t>(m_dem.height));
    for (std::size_t row = 0; row < m_ground_m.size(); ++row) {
        const std::size_t p = 3 * row;
        const bool measured = ok[p] && ok[p + 1] && ok[p + 2];
        // Where PROJ cannot take a row to lon/lat, the CRS's own units stand in.
        m_ground_m[row] = measured ? model::Vec2{metres(p, p + 1), metres(p, p + 2)}
                                   : model::Vec2{gt[1] * m_dem.metres_per_unit, std::abs(gt[5]) * m_dem.metres_per_unit};
    }
}

std::vector<float> DemPixels::read_rows(int first, int count) const {
    std::vector<float> rows(static_cast<std::size_t>(count) * static_cast<std::size_t>(width()));
    if (count <= 0) return rows;
    io::GdalErrorTrap trap;
    GDALRasterBandH band = GDALGetRasterBand(m_dataset.get(), 1);
    const CPLErr read = GDALRasterIO(band, GF_Read, 0, first, width(), count, rows.data(), width(), count, GDT_Float32, 0, 0);
    // GDAL would keep every decoded block up to 5 % of the memory (a province's gigabyte).
    GDALFlushRasterCache(band);
    if (read != CE_None)
        throw Error("cannot read rows " + std::to_string(first + 1) + "–" + std::to_string(first + count) + (trap.failed() ? ": " + trap.failure() : ""))
            .file(m_dem.name);
    for (float& z : rows) z = m_dem.metres(z);
    return rows;
}

DemStrip DemPixels::make_strip(int first_row, std::span<const float> own, std::span<const float> above, std::span<const float> below) const {
    DemStrip strip;
    const std::size_t w = static_cast<std::size_t>(width());
    strip.first_row = first_row, strip.rows = static_cast<int>(own.size() / w), strip.width = width();
    strip.z.assign((static_cast<std::size_t>(strip.rows) + 2) * w, std::nanf(""));
    std::copy(above.begin(), above.end(), strip.z.begin());
    std::copy(own.begin(), own.end(), strip.z.begin() + static_cast<std::ptrdiff_t>(w));
    std::copy(below.begin(), below.end(), strip.z.end() - static_cast<std::ptrdiff_t>(w));
    for (int r = 0; r < strip.rows; ++r) strip.area_m2.push_back(pixel_width_m(first_row + r) * pixel_height_m(first_row + r));
    compute_slopes(strip);
    return strip;
}

DemStrip DemPixels::read_strip(int first_row, int rows) const {
    const std::size_t w = static_cast<std::size_t>(width());
    const int from = std::max(0, first_row - 1), to = std::min(height(), first_row + rows + 1);
    const std::vector<float> all = read_rows(from, to - from);
    const std::span<const float> read(all);
    const std::size_t own_start = static_cast<std::size_t>(first_row - from) * w;
    return make_strip(first_row, read.subspan(own_start, static_cast<std::size_t>(rows) * w), read.first(first_row > from ? w : 0),
                      read.last(to > first_row + rows ? w : 0));
}

// Horn's gradient over the 3×3 window; a neighbour without data (or past the edge) takes the
// centre's elevation, so a village on the DEM's border or beside a nodata hole keeps a slope.
// Most pixels have all eight neighbours: they take the direct sum (a NaN in it sends a pixel to
// the careful path), which is most of a province's time otherwise.
void DemPixels::compute_slopes(DemStrip& strip) const {
    const int w = strip.width;
    strip.slope.assign(static_cast<std::size_t>(strip.rows) * w, std::nanf(""));
    analysis::parallel_for(static_cast<std::size_t>(strip.rows), [&](std::size_t begin, std::size_t end, std::size_t) {
        for (std::size_t r = begin; r < end; ++r) {
            const int row = strip.first_row + static_cast<int>(r);
            const double dx_m = pixel_width_m(row), dy_m = pixel_height_m(row);
            const float* up = strip.z.data() + r * w;  // the row above; then this row, then the one below
            const float *mid = up + w, *down = mid + w;
            float* out = strip.slope.data() + r * w;
            for (int c = 0; c < w; ++c) {
                const float centre = mid[c];
                if (std::isnan(centre)) continue;
                model::Vec2 gradient{std::nan(""), 0};
                if (c > 0 && c + 1 < w) {
                    gradient = model::horn_gradient([&](int dc, int dr) { return (dr < 0 ? up : dr > 0 ? down : mid)[c + dc]; }, dx_m, dy_m);
                }
                if (std::isnan(gradient.x + gradient.y)) {
                    gradient = model::horn_gradient([&](int dc, int dr) {
                        const float* line = dr < 0 ? up : dr > 0 ? down : mid;
                        const int cc = c + dc;
                        return cc < 0 || cc >= w || std::isnan(line[cc]) ? centre : line[cc];
                    }, dx_m, dy_m);
                }
                const float gx = static_cast<float>(gradient.x), gy = static_cast<float>(gradient.y);
                out[c] = std::atan(std::sqrt(gx * gx + gy * gy)) * static_cast<float>(1 / kDegree);
            }
        }
    }, 16);
}

model::Vec2 DemPixels::to_pixel(model::Vec2 lonlat) const {
    m_mapper.to_pixels({&lonlat, 1});
    return lonlat;
}

}  // namespace ca::terrain
