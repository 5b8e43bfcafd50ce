// The interactive map window: GLFW + OpenGL 3.3 + Dear ImGui.
#pragma once

#include <string>

#include <functional>
#include <optional>

#include "core/loading/load_project.hpp"
#include "core/model/project.hpp"
#include "core/scene/map_style.hpp"
#include "core/scene/scene.hpp"
#include "core/workspace/project_file.hpp"

namespace ca::app {

struct ViewerOptions {
    int width_px = 1440;
    int height_px = 900;
    std::string screenshot_path;  // non-empty: render, save a PNG, print the map's viewport, exit
    std::string script_path;      // non-empty: run these UI actions (see script.hpp), then exit
    int bench_frames = 0;         // > 0: pan over the map this many frames, print frame times, exit
    // When set (every layer a database table): a first map thinned by the server, drawn while
    // the layers themselves are read. Empty layers when it cannot be had.
    std::function<model::Project()> quick_map;
};

// What the viewer opens: data, and from a project file its look and view.
struct Opened {
    model::Project project;
    std::optional<scene::MapStyle> style;
    std::optional<scene::Viewport> view;
    loading::LoadOptions load_options;
    workspace::FigureDefaults figure;  // the project file's figure block, kept for export and saving
};
using Loader = std::function<Opened()>;

// Opens the window at once and runs `load` (then statistics and the scene) on a worker thread,
// showing progress with a cancel button meanwhile: the window never waits on files. Runs until
// the window closes. Throws ca::Error when no window can be opened, or what `load` threw.
void run_viewer(const Loader& load, const ViewerOptions& options);

}  // namespace ca::app
