// The column types a vector source declares, for writers that must not put a fraction into an
// integer column (GDAL would cut 12.5 to 12 without a word; loading reads both as numbers).
#pragma once

#include <set>
#include <string>

#include "core/model/layer.hpp"

namespace ca::io {

// The names of the layer's fields that its source declares as integers (a GeoPackage INTEGER, a
// DBF N field without decimals). Empty for sources without declared types (CSV, XLSX) and for a
// source that cannot be opened (the save that follows says why).
std::set<std::string> integer_fields(const model::Layer& layer);

}  // namespace ca::io
