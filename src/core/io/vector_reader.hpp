// Reads any GDAL vector source into model::Layers: lon/lat on CGCS2000, text as UTF-8.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/layer.hpp"

namespace ca::io {

struct SourceSpec {
    std::string path;
    std::string layer;  // empty: every layer of the source
};

// "villages.shp", "county.gpkg:villages". A path that exists is taken whole even if it holds ':'.
SourceSpec parse_source(std::string_view argument);

struct ReadOptions {
    std::string encoding;    // --encoding: overrides .cpg and guessing
    std::string assume_crs;  // --assume-crs: for layers that declare none ("EPSG:4490")
};

// Throws ca::Error naming file, layer and feature when the source cannot be read as a whole:
// not found, not vector data, no CRS, a corrupt feature.
// The layers of a multi-layer file are read in parallel (each thread with its own handle on the
// file); `after_each` runs on that thread on each layer once read, with the layer's index.
using LayerHook = std::function<void(model::Layer& layer, std::size_t index)>;
std::vector<model::Layer> read_source(const SourceSpec& source, const ReadOptions& options, const LayerHook& after_each = {});

}  // namespace ca::io
