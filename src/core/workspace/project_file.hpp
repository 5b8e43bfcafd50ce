// The project file (*.cap.json): the whole working state, with data paths relative to the file,
// so a project folder can be moved or copied to another computer.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/loading/load_project.hpp"
#include "core/scene/map_style.hpp"
#include "core/scene/scene.hpp"

namespace ca::workspace {

using loading::LoadOptions;
using loading::SourceArgument;

// The project's `figure` block: what every figure and atlas page of the office carries unless an
// export option says otherwise ("figure": {"review_number": ..., "compiled_by": ..., "sources":
// [...], "date": ...}). Empty strings: not set.
struct FigureDefaults {
    std::string review_number, compiled_by, date;
    std::vector<std::string> sources;  // empty: the data files with their dates
};

struct ProjectFile {
    std::vector<SourceArgument> sources;  // FILE:LAYER with its role, paths absolute once read
    // Per source: which field plays each meaning (canonical name -> field, "" for none). Opening
    // puts these over what field detection found, so a mapping fixed by hand stays fixed.
    std::vector<std::map<std::string, std::string>> fields;
    LoadOptions options;
    scene::MapStyle style;                // layer visibility and opacity by source order
    std::optional<scene::Viewport> view;  // centre and scale; the size is the window's
    FigureDefaults figure;
};

// By its name (*.cap.json), or a GeoPackage saved with its project ("Save as GeoPackage").
bool is_project_file(const std::string& path);

// Throws ca::Error naming the file for unreadable JSON or a wrong shape.
ProjectFile read_project_file(const std::string& path);
// Writes through a temporary file. Paths are stored relative to the project file's folder.
void write_project_file(const std::string& path, const ProjectFile& project);
// The text write_project_file writes for a project file at `path`.
std::string project_file_text(const std::string& path, const ProjectFile& project);

// The project file that describes what is loaded now (one source per layer, with its role).
ProjectFile describe(const model::Project& project, const LoadOptions& options, const scene::MapStyle& style,
                     const std::optional<scene::Viewport>& view);

// Loads every source it can; a source that cannot be read is reported in the project's problem
// log ("missing data file") and the rest still opens. The style's layer entries follow the layers
// that did load.
struct OpenedProject {
    model::Project project;
    scene::MapStyle style;
};
OpenedProject load_project_file(const ProjectFile& file);

}  // namespace ca::workspace
