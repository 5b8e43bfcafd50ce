// Reads any GDAL vector source into model::Layers: lon/lat on CGCS2000, text as UTF-8.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/layer.hpp"
#include "core/model/per_source.hpp"

namespace ca::io {

struct SourceSpec {
    std::string path;
    std::string layer;  // empty: every layer of the source
};

// "villages.shp", "county.gpkg:villages". A path that exists is taken whole even if it holds ':'.
// "PG:host=… dbname=… schema.table": the connection (its password, if typed, handed to libpq by
// remember_database_password and left out) and the table.
SourceSpec parse_source(std::string_view argument);
// The argument parse_source reads back as `source`.
std::string source_argument(const SourceSpec& source);
// For every later connection of this process (PGPASSWORD): a password is never kept in a source.
void remember_database_password(const std::string& password);

struct ReadOptions {
    model::PerSourceOption encoding;  // --encoding: for legacy sources (DBF, CSV) only, over .cpg and detection
    std::string assume_crs;           // --assume-crs: for layers that declare none ("EPSG:4490")
    // A database table's fields alone, its rows left on the server to be counted there
    // (Layer::rows_on_server). Files are always read whole.
    bool database_fields_only = false;
};

// Throws ca::Error naming file, layer and feature when the source cannot be read as a whole:
// not found, not vector data, a corrupt feature, any GDAL error while reading (a source read in
// part is an error, never a smaller count). A layer that declares no CRS, when --assume-crs does
// not give one, comes back with `source_crs.missing` and its coordinates as they are in the file,
// for the loader to decide (see assign_crs). Features whose coordinates cannot be anywhere on
// Earth (NaN, infinite, lon 400) are left out and reported in the layer's problems.
// The layers of a multi-layer file are read in parallel (each thread with its own handle on the
// file); `after_each` runs on that thread on each layer once read, with the layer's index.
using LayerHook = std::function<void(model::Layer& layer, std::size_t index)>;
std::vector<model::Layer> read_source(const SourceSpec& source, const ReadOptions& options, const LayerHook& after_each = {});

// Gives a layer read without a CRS the one decided for it (`crs` as PROJ takes it, `how` said to
// the user), transforming its coordinates to CGCS2000 lon/lat and leaving out what cannot be there.
void assign_crs(model::Layer& layer, const std::string& crs, const std::string& how);

}  // namespace ca::io
