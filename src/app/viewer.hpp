// The interactive map window: GLFW + OpenGL 3.3 + Dear ImGui.
#pragma once

#include <string>

#include <optional>

#include "core/loading/load_project.hpp"
#include "core/model/project.hpp"
#include "core/scene/map_style.hpp"
#include "core/scene/scene.hpp"

namespace ca::app {

struct ViewerOptions {
    int width_px = 1440;
    int height_px = 900;
    std::string screenshot_path;  // non-empty: render, save a PNG, print the map's viewport, exit
    std::string script_path;      // non-empty: run these UI actions (see script.hpp), then exit
    int bench_frames = 0;         // > 0: pan over the map this many frames, print frame times, exit
    // From a project file: how the map looked and where it was when saved.
    std::optional<scene::MapStyle> style;
    std::optional<scene::Viewport> view;
    loading::LoadOptions load_options;  // kept for saving the project
};

// Runs until the window closes. Throws ca::Error when no window can be opened (no display).
void run_viewer(model::Project& project, const ViewerOptions& options);

}  // namespace ca::app
