// Builds the Scene for a Project: styles per role, paint order, legend.
#pragma once

#include "core/model/project.hpp"
#include "core/scene/scene.hpp"

namespace ca::scene {

// Villages tinted by township, township borders, lines by kind, ponds, sites by project type,
// all projected to the project's working CRS. Runs when data or style change, not per frame.
Scene build(const model::Project& project);

// The fill colours build() gives villages: tinted by their township's place among the project's
// township names in sorted order, so a township keeps its tint whatever order files come in.
class VillagePalette {
public:
    explicit VillagePalette(const model::Project& project);
    Color color(const model::Layer& villages, const model::Feature& village) const;

private:
    std::vector<std::string> m_townships;  // sorted
};

}  // namespace ca::scene
