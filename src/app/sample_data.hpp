// Where the built-in sample county lives, wherever the binary is run from.
#pragma once

#include <string>

namespace ca::app {

// data/sample/county.gpkg beside the source tree or the build folder; empty when not found.
std::string find_sample_county(const char* argv0);

}  // namespace ca::app
