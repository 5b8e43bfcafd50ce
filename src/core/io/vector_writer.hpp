// Writing a layer's edits back into its own GDAL source: a GeoPackage in one transaction, a
// shapefile through copies renamed into place. Only what was edited (Layer::edited) is written.
#pragma once

#include <string>

#include "core/model/layer.hpp"

namespace ca::io {

// Whether write_back_vector can write this layer's source (GeoPackage or shapefile).
bool can_write_back_vector(const model::Layer& layer);

// Writes the edited fields and geometries of `layer` (CGCS2000 lon/lat in memory) into its
// source, in the source's CRS (and web-map offsets, when it was read in them), text in `encoding`
// for a shapefile's .dbf ("UTF-8", "GBK"...). Features edited away are deleted, new ones (ids
// below 0) created. A GeoPackage is changed in one transaction: a failure or a killed process
// leaves it as it was. A shapefile's files are copied beside it, the copies written and renamed
// over the originals; a .cpg naming the encoding is written when there was none. Throws ca::Error
// naming the file, layer and feature.
void write_back_vector(const model::Layer& layer, const std::string& encoding);

}  // namespace ca::io
