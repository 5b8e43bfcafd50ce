// CPU hillshade (print, tests): gdaldem hillshade's formula on an ElevationGrid.
#include "core/scene/hillshade.hpp"

#include <algorithm>
#include <cmath>

#include "core/analysis/parallel.hpp"

namespace ca::scene {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kRadPerDeg = kPi / 180;

// The sun as a unit vector (east, north, up), worked out once for a whole grid.
struct Sun {
    double east, north, up;
    Sun(float azimuth_deg, float altitude_deg) {
        const double az = azimuth_deg * kRadPerDeg, alt = altitude_deg * kRadPerDeg;
        east = std::sin(az) * std::cos(alt), north = std::cos(az) * std::cos(alt), up = std::sin(alt);
    }
    // Against the surface normal (-dz/dx, -dz/dy, 1): gdaldem's (sin alt - (y cos az - x sin az)
    // cos alt) / sqrt(1 + x² + y²) with its x = -dz/dx, y = dz/dy (its nsres is negative),
    // azimuth clockwise from north.
    float lit(double dz_dx, double dz_dy) const {
        return static_cast<float>(std::max(0.0, (up - dz_dx * east - dz_dy * north) / std::sqrt(1 + dz_dx * dz_dx + dz_dy * dz_dy)));
    }
};

float shade_at(const model::ElevationGrid& grid, int col, int row, const Sun& sun) {
    const float centre = grid.at(col, row);
    if (std::isnan(centre)) return NAN;
    // Beyond the grid's edge or on a nodata cell, the neighbour takes the centre's value (gdaldem's
    // -compute_edges does the like), so a border cell is shaded by the side it has.
    auto z = [&](int dc, int dr) -> double {
        const int c = col + dc, r = row + dr;
        if (c < 0 || r < 0 || c >= grid.width || r >= grid.height) return centre;
        const float v = grid.at(c, r);
        return std::isnan(v) ? centre : v;
    };
    const model::Vec2 gradient = model::horn_gradient(z, grid.cell_width_m(), grid.cell_height_m());
    return sun.lit(gradient.x, gradient.y);
}

}  // namespace

float hillshade_of_gradient(double dz_dx, double dz_dy, float azimuth_deg, float altitude_deg) {
    return Sun(azimuth_deg, altitude_deg).lit(dz_dx, dz_dy);
}

float hillshade(const model::ElevationGrid& grid, int col, int row, float azimuth_deg, float altitude_deg) {
    return shade_at(grid, col, row, Sun(azimuth_deg, altitude_deg));
}

float shade_factor(float shade) { return 0.45f + 0.55f * std::clamp(shade, 0.0f, 1.0f); }

std::array<float, 3> hypsometric_tint(float elevation_m, float min_m, float max_m) {
    // Pale stops (they multiply the map's colours): green, yellow, brown, near-white. Kept equal to
    // the table in shaders/hillshade.frag.
    static constexpr float kStops[4] = {0.0f, 0.35f, 0.7f, 1.0f};
    static constexpr float kColours[4][3] = {{0.70f, 0.85f, 0.62f}, {0.95f, 0.92f, 0.65f}, {0.82f, 0.68f, 0.52f}, {0.97f, 0.97f, 0.95f}};
    const float t = max_m > min_m ? std::clamp((elevation_m - min_m) / (max_m - min_m), 0.0f, 1.0f) : 0.0f;
    int k = 0;
    while (k < 2 && t > kStops[k + 1]) ++k;
    const float f = (t - kStops[k]) / (kStops[k + 1] - kStops[k]);
    return {kColours[k][0] + (kColours[k + 1][0] - kColours[k][0]) * f, kColours[k][1] + (kColours[k + 1][1] - kColours[k][1]) * f,
            kColours[k][2] + (kColours[k + 1][2] - kColours[k][2]) * f};
}

std::vector<std::uint32_t> hillshade_pixels(const model::ElevationGrid& grid, const TerrainStyle& style) {
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(grid.width) * static_cast<std::size_t>(grid.height), 0x00FFFFFFu);
    const Sun sun(style.azimuth_deg, style.altitude_deg);
    // A 300-dpi A3 frame is ten million cells: rows on every core.
    analysis::parallel_for(static_cast<std::size_t>(grid.height), [&](std::size_t begin, std::size_t end, std::size_t) {
        for (int row = static_cast<int>(begin); row < static_cast<int>(end); ++row)
            for (int col = 0; col < grid.width; ++col) {
                const float shade = shade_at(grid, col, row, sun);
                if (std::isnan(shade)) continue;  // no data: the map as it is
                const float k = shade_factor(shade);
                std::array<float, 3> rgb{1, 1, 1};
                if (style.tint) rgb = hypsometric_tint(grid.at(col, row), grid.min_m, grid.max_m);
                auto channel = [&](float c) { return static_cast<std::uint32_t>(std::clamp(c * k, 0.0f, 1.0f) * 255 + 0.5f); };
                pixels[static_cast<std::size_t>(row) * grid.width + col] = channel(rgb[0]) << 16 | channel(rgb[1]) << 8 | channel(rgb[2]);
            }
    }, 64);
    return pixels;
}

}  // namespace ca::scene
