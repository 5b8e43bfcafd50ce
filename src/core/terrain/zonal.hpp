// Per-village terrain from the project's DEM: elevation, slope and the shares of steep and high
// land, each pixel weighted by the part of it inside the village (area-weighted at the edges).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/analysis/statistics.hpp"
#include "core/model/project.hpp"

namespace ca::terrain {

struct VillageTerrain {
    std::vector<analysis::TerrainSums> villages;  // in the villages layers' order (Statistics::villages)
    // Villages the DEM covers less than 99 % of (their figures are of the covered part), and
    // villages it misses entirely (no figures): for one line on stderr and the Problems tab.
    std::size_t partly_covered = 0, not_covered = 0;
};

// Reads the DEM in strips of rows (tiles read whole, the rows above and below kept for the slope),
// every village's pixels found by scanlines in the DEM's own grid. Slopes are Horn's 3×3 gradient
// in metres: a geographic DEM's pixel is measured on its ellipsoid at its row's latitude, and its
// area too. A village smaller than the scanlines' spacing takes the pixel at a point inside it.
// Throws ca::Error naming the DEM when it cannot be read.
VillageTerrain village_terrain(const model::Project& project, double high_altitude_m);

// What the terrain was measured for: the DEM, the high altitude and every village vertex.
std::uint64_t terrain_key(const model::Project& project, double high_altitude_m);

// Sets options.village_terrain (and its key) from the project's DEM, nothing without one; taken
// from `measured` (a previous count's options) when its key is the same, so the viewer does not
// measure a province again after a line is edited. Returns what the DEM did not cover, as
// warnings for stderr and the Problems tab.
model::ProblemLog attach_terrain(const model::Project& project, analysis::StatsOptions& options,
                                 const analysis::StatsOptions* measured = nullptr);

}  // namespace ca::terrain
