// The one way the viewer changes its layers: a new version of the project's data, made on the
// main thread, while workers keep reading the version they started with.
#pragma once

#include <string>
#include <vector>

#include "core/loading/load_project.hpp"
#include "core/model/problems.hpp"
#include "core/model/project.hpp"
#include "ui/viewer_state.hpp"

namespace ca::app {

// The layers to change, for the main thread only. When a worker (refresh, export, preview) still
// holds the current version, the layers are copied first and the copy becomes current, so the
// worker reads on unchanged; when nobody else holds them they are changed in place. Caches that
// name layers by position (table rows, the outlined feature, the Problems tab's rows) start afresh. The caller requests a
// Refresh::Data after the change: statistics and village lookup are of the old layers until then.
model::Project& edit_project(ui::ViewerState& state);

// Layers read from files dropped, opened or scripted, appended after the present ones with what
// reading them met; their style entries too; files that failed become messages. The working CRS
// follows the new extent.
struct AddedLayers {
    std::vector<model::Layer> layers;
    model::ProblemLog problems;
    std::vector<std::string> errors;  // files that could not be read, one line each
    std::vector<std::string> locked_databases;  // refused for want of a password: the viewer asks for one
};
struct LayersAdded {
    bool any = false;          // the layers changed: a Refresh::Data is due
    bool crs_changed = false;  // the old view's metres mean nothing: fit once the new map is drawn
};
LayersAdded add_layers(ui::ViewerState& state, AddedLayers&& added);
// Reads data or project files for add_layers, on any thread. A file that cannot be read is one
// line of `errors`; the others are read all the same.
AddedLayers read_layers(const std::vector<std::string>& paths, const loading::LoadOptions& options);

}  // namespace ca::app
