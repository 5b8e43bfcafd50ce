// From the files a user names to a ready Project: read, guess roles, fix what can be fixed.
#pragma once

#include <set>

#include <string>
#include <vector>

#include "core/io/vector_reader.hpp"
#include "core/io/web_map_offsets.hpp"
#include "core/model/project.hpp"

namespace ca::loading {

struct SourceArgument {
    std::string spec;                          // FILE[:LAYER]
    model::Role role = model::Role::Unknown;   // Unknown: guess per layer
};

struct LoadOptions {
    io::ReadOptions read;
    // --coords: wgs84, gcj02 or bd09, for all sources or per source ("track.kml=gcj02"); it applies
    // to their point and line layers.
    model::PerSourceOption coords;
    bool skip_bad_rows = false;  // --skip-bad-rows: leave out (and report) rows with unreadable numbers
    // Database tables in these roles are read as their fields alone, their rows left on the
    // server to be counted there (postgis::count_on_server).
    std::set<model::Role> rows_on_server;
};

// What a layer most likely is, from its name, geometry and recognised fields.
model::Role guess_role(const model::Layer& layer);
// Whether layers of this geometry can play the role (villages need polygons, lines lines...).
bool role_fits_geometry(model::Role role, model::GeometryType geometry);

// Reads every source (a folder: every data file in it), assigns roles (a role the user gives must
// fit the geometry), decides a CRS for layers that declare none, converts web-map offsets,
// repairs invalid polygons, leaves out NULL, empty and unusable geometries and layers that
// repeat another's content, and picks the working CRS. Every decision and every feature left
// out is in the project's problem log; what cannot be counted throws ca::Error.
model::Project load_project(const std::vector<SourceArgument>& sources, const LoadOptions& options);

}  // namespace ca::loading
