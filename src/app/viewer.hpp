// The interactive map window: GLFW + OpenGL 3.3 + Dear ImGui.
#pragma once

#include <string>

#include "core/model/project.hpp"

namespace ca::app {

struct ViewerOptions {
    int width_px = 1280;
    int height_px = 800;
    std::string screenshot_path;  // non-empty: render, save a PNG, print the map's viewport, exit
};

// Runs until the window closes. Throws ca::Error when no window can be opened (no display).
void run_viewer(model::Project& project, const ViewerOptions& options);

}  // namespace ca::app
