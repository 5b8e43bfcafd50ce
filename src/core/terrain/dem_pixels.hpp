// A DEM's pixels read in strips of whole rows, with what the slope needs around them: the rows
// above and below, and each row's pixel size in metres.
#pragma once

#include <cmath>
#include <span>
#include <vector>

#include "core/analysis/statistics.hpp"
#include "core/io/gdal_handles.hpp"
#include "core/model/dem.hpp"

namespace ca::terrain {

// Rows [first_row, first_row + rows) of the DEM: elevations (NaN for nodata) and Horn slopes.
struct DemStrip {
    int first_row = 0, rows = 0, width = 0;
    std::vector<float> z;          // (rows + 2) × width: one row above and one below, NaN past the DEM's edges
    std::vector<float> slope;      // rows × width, degrees; NaN where the elevation is
    std::vector<double> area_m2;   // each row's pixel area

    float elevation(int col, int row) const { return z[static_cast<std::size_t>(row - first_row + 1) * width + col]; }
    float slope_deg(int col, int row) const { return slope[static_cast<std::size_t>(row - first_row) * width + col]; }
    double pixel_area_m2(int row) const { return area_m2[static_cast<std::size_t>(row - first_row)]; }
};

// Lon/lat (CGCS2000) to the DEM's pixel coordinates (column, row; a pixel's centre at +0.5).
// One per thread: PROJ's transformations are not shared between threads.
class PixelMapper {
public:
    explicit PixelMapper(const model::Dem& dem);
    void to_pixels(std::span<model::Vec2> points) const;  // in place; non-finite where PROJ fails

private:
    io::CoordTransform m_transform;  // null when the DEM is in CGCS2000 lon/lat already
    std::array<double, 6> m_geotransform;
};

class DemPixels {
public:
    explicit DemPixels(const model::Dem& dem);  // throws ca::Error naming the DEM when GDAL cannot open it

    int width() const { return m_dem.width; }
    int height() const { return m_dem.height; }
    const model::Dem& dem() const { return m_dem; }
    int strip_rows() const;  // whole tiles or blocks, about 256 rows
    // Rows [first, first + count) in metres (NaN for nodata), `count` × width. GDAL's decoded blocks
    // are dropped after: strips read in order decode each row of tiles once and hold none.
    // Throws ca::Error naming the DEM on a read failure.
    std::vector<float> read_rows(int first, int count) const;
    // The strip of `own` rows from first_row on, with the rows just above and below it (empty past
    // the DEM's edge) for the slopes of its first and last rows.
    DemStrip make_strip(int first_row, std::span<const float> own, std::span<const float> above, std::span<const float> below) const;
    DemStrip read_strip(int first_row, int rows) const;  // both at once, its halo rows read too
    model::Vec2 to_pixel(model::Vec2 lonlat) const;

    // A pixel's width and height on the ground, metres, at a row: measured on the ellipsoid between
    // its edges taken to lon/lat at the DEM's middle column, so a lon/lat DEM's degrees and a
    // projection's scale (Web Mercator's 1/cos φ, a Gauss-Krüger zone's edge) are both undone.
    double pixel_width_m(int row) const { return m_ground_m[static_cast<std::size_t>(row)].x; }
    double pixel_height_m(int row) const { return m_ground_m[static_cast<std::size_t>(row)].y; }

private:
    void compute_slopes(DemStrip& strip) const;
    void measure_rows();

    model::Dem m_dem;
    io::Dataset m_dataset;
    PixelMapper m_mapper;
    std::vector<model::Vec2> m_ground_m;  // per row: pixel width (x) and height (y) in metres
};

// Adds one pixel (a weight `area_m2` of it) to a region's sums.
inline void add_pixel(analysis::TerrainSums& sums, float z, float slope_deg, double area_m2, double high_altitude_m) {
    if (!sums.has_data()) sums.min_m = sums.max_m = z;
    sums.min_m = std::min<double>(sums.min_m, z);
    sums.max_m = std::max<double>(sums.max_m, z);
    sums.area_m2 += area_m2;
    sums.elevation_m_m2 += z * area_m2;
    if (!std::isnan(slope_deg)) {
        sums.slope_deg_m2 += slope_deg * area_m2;
        if (slope_deg > analysis::TerrainSums::kSteepSlopeDeg) sums.steep_m2 += area_m2;
    }
    if (z > high_altitude_m) sums.high_m2 += area_m2;
}

}  // namespace ca::terrain
