// Village boundaries in a DEM's pixel coordinates, for scanlines.
#pragma once

#include <vector>

#include "core/model/project.hpp"
#include "core/terrain/dem_pixels.hpp"

namespace ca::terrain {

struct VillageOutline {
    std::vector<std::vector<model::Vec2>> rings;  // closed, in pixel coordinates (x column, y row)
    int first_row = 0, last_row = -1, first_col = 0, last_col = -1;  // the pixels it may touch, inside the DEM

    bool empty() const { return last_row < first_row || last_col < first_col; }
};

// Every village's shape, in the order of analysis::Statistics::villages.
std::vector<const model::Geometry*> village_shapes(const model::Project& project);

// The shapes mapped to pixels, on all cores; a shape off the DEM is empty.
std::vector<VillageOutline> village_outlines(const std::vector<const model::Geometry*>& shapes, const DemPixels& dem);

}  // namespace ca::terrain
