// From the files a user names to a ready Project: read, guess roles, fix what can be fixed.
#pragma once

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
    io::WebMapCoords coords = io::WebMapCoords::Wgs84;  // --coords: for point and line layers
    bool skip_bad_rows = false;  // --skip-bad-rows: leave out rows whose figures are not numbers (else an error)
};

// What a layer most likely is, from its name, geometry and recognised fields.
model::Role guess_role(const model::Layer& layer);

// Reads every source, assigns roles, converts web-map offsets, repairs invalid polygons and
// leaves out NULL or empty geometries (counting each), and picks the working CRS.
model::Project load_project(const std::vector<SourceArgument>& sources, const LoadOptions& options);

}  // namespace ca::loading
