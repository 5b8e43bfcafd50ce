// "Save as GeoPackage…": every layer as the viewer holds it (edits included) into one GeoPackage
// with the project (roles, field choices, styles, view) inside, for a shared folder.
#pragma once

#include <string>

#include "core/workspace/project_file.hpp"

namespace ca::workspace {

// Writes `project`'s layers and `description` (from describe(): its sources are replaced by the
// GeoPackage's own layers) into `path`, safely; opening `path` then opens the project as shown.
// Layer names are kept, made unique. Throws ca::Error naming the file when it cannot be written.
void save_as_geopackage(const model::Project& project, ProjectFile description, const std::string& path);

}  // namespace ca::workspace
