// The hillshade under the map: the sun's position, the shade of a DEM cell, and the factor the
// map's colours are multiplied by. The same formulas run on the GPU in shaders/hillshade.frag.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/model/dem.hpp"

namespace ca::scene {

// How the terrain is shown: sun azimuth clockwise from north, altitude above the horizon.
struct TerrainStyle {
    bool visible = true;
    float azimuth_deg = 315, altitude_deg = 45;
    bool tint = false;  // hypsometric colours by elevation under the shade
    friend bool operator==(const TerrainStyle&, const TerrainStyle&) = default;
};

// Lit share of the cell (col, row) of `grid`, 0 (facing away or in full shade) to 1 (facing the
// sun): gdaldem hillshade's formula (Horn's 3×3 gradient, cell sizes in metres from the grid,
// z factor 1), edges and nodata neighbours taking the centre's value. NaN where the cell has no data.
float hillshade(const model::ElevationGrid& grid, int col, int row, float azimuth_deg, float altitude_deg);

// The same from the gradient itself: dz/dx eastwards and dz/dy northwards, metres per metre.
float hillshade_of_gradient(double dz_dx, double dz_dy, float azimuth_deg, float altitude_deg);

// What the map is multiplied by for a shade: light, so a choropleth under it stays readable
// (flat ground at the default sun keeps about 84 % of its colour, a slope facing away 45 %).
float shade_factor(float shade);

// The hypsometric tint of an elevation between the grid's lowest and highest (0..1 each channel):
// lowland green, yellow, brown, near-white peaks; pale, since it multiplies the map.
std::array<float, 3> hypsometric_tint(float elevation_m, float min_m, float max_m);

// The multiply colour of every cell of `grid` (RGB, rows north to south), white where there is no
// data: what print paints with CAIRO_OPERATOR_MULTIPLY. Cairo's RGB24 layout (0x00RRGGBB in a
// native-endian uint32 per cell).
std::vector<std::uint32_t> hillshade_pixels(const model::ElevationGrid& grid, const TerrainStyle& style);

}  // namespace ca::scene
