// A first map of tables in a PostGIS database, thinned by the server to the pixel of the whole
// region's view: outlines and lines simplified (ST_SimplifyPreserveTopology) and sites kept one
// per pixel and kind, so a province's map is on screen before its million rows are read. Only
// for drawing: the full layers, read as usual, replace it for everything else.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/model/project.hpp"

namespace ca::postgis {

// `sources`: "PG:… schema.table" arguments with their roles (tables named, roles known), as a
// project file or the command line gives them. `pixels`: across the region's longer side.
// Throws ca::Error as reading does; the caller treats a failure as no first map.
model::Project read_thinned_map(const std::vector<std::pair<std::string, model::Role>>& sources, int pixels);

}  // namespace ca::postgis
