// Refuses, before anything is read, an output that would overwrite one of the run's inputs:
// `stats county.gpkg --format gpkg -o county.gpkg` would otherwise destroy the data it reads.
#pragma once

#include <string>
#include <vector>

#include "cli/source_options.hpp"

namespace ca::cli {

// Every file the run reads: the data files named, the project files, and each project file's
// own data files (paths as given; a project file that cannot be read adds only itself).
std::vector<std::string> input_files(const SourceOptions& sources);

// Throws ca::Error "OUTPUT: the output is one of the inputs; write to another file" when
// `output` is one of `inputs` (the same file under any name or link), or a part of one
// (`villages.dbf` beside the input `villages.shp`), or lies in an input folder of shapefiles.
// An empty `output` (standard output) passes.
void refuse_output_over_inputs(const std::string& output, const std::vector<std::string>& inputs);

// The same for the atlas, whose output is a folder: refused when it is an input, or when an
// input inside it has a name the atlas writes (atlas.pdf, NN-NAME.png).
void refuse_atlas_over_inputs(const std::string& folder, const std::vector<std::string>& inputs);

}  // namespace ca::cli
