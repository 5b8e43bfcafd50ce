// A synthetic terrain for the sample county: a low basin round the county seat, ridges rising
// towards the remote mountain townships, valleys where the ditches and roads run. Deterministic:
// integer hashes and fixed gradients, no std:: distributions.
#pragma once

#include <cstdint>
#include <vector>

#include "tools/synthetic_county.hpp"

namespace ca::tools {

// Elevations on a north-up grid of the working CRS, rows from north to south.
struct TerrainGrid {
    double min_x_m = 0, max_y_m = 0;  // the grid's north-west corner
    double cell_m = 75;
    int width = 0, height = 0;
    std::vector<std::int16_t> z_m;  // width × height, whole metres
};

struct TerrainOptions {
    double cell_m = 75;      // a survey bureau's DEMs are 30 m or 90 m
    double margin_m = 3000;  // beyond the villages' extent, so hillshade and slopes reach the border
};

// The terrain under `county` (made with `options`): the county seat lowest, about 1,100–3,300 m.
TerrainGrid make_terrain(const SyntheticCounty& county, const SyntheticOptions& options, const TerrainOptions& terrain = {});

// Gradient noise in [-1, 1] at `x`, `y` (in lattice units), the same on every platform: the
// gradients come from a hash of the lattice point and a table of twelve directions.
double gradient_noise(double x, double y, std::uint64_t seed);

// Ridged multifractal noise over four octaves, in [0, ~0.8]: each octave weighted by the one
// before, so crests stay sharp and valley floors smooth (mountains, not hills). Lattice units.
double ridged_multifractal(double x, double y, std::uint64_t seed);

}  // namespace ca::tools
