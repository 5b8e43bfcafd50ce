// Where the built-in sample county lives, wherever the binary is run from.
#pragma once

#include <string>

namespace ca::app {

// data/sample/county.gpkg beside the source tree or the build folder; empty when not found.
std::string find_sample_county(const char* argv0);

// The sample's terrain, dem.tif beside `county` (as find_sample_county gave it); empty when absent
// (a checkout from before the sample had one still opens).
std::string sample_dem_beside(const std::string& county);

}  // namespace ca::app
