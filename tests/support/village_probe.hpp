// Where to look in a rendered map for a village's fill: the largest villages' interior points.
#pragma once

#include <vector>

#include "core/model/project.hpp"
#include "core/scene/scene.hpp"

namespace ca::test {

struct VillageProbe {
    std::string name;
    model::Vec2 inside_m;  // a point inside the village, working CRS metres
    scene::Color fill;     // the colour the scene gives it
};

// The `count` largest villages of the project with a point well inside each.
std::vector<VillageProbe> largest_villages(const model::Project& project, std::size_t count);

}  // namespace ca::test
