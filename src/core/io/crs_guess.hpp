// A CRS for coordinates whose file declares none, decided from the numbers themselves and from
// where the project's other layers lie.
#pragma once

#include <string>
#include <vector>

#include "core/model/geometry.hpp"

namespace ca::io {

struct CrsGuess {
    std::string crs;              // "EPSG:4513"; empty when nothing decides
    std::string how;              // the reasoning, said to the user
    std::vector<int> candidates;  // EPSG codes it could be, when nothing decides
};

// `raw`: the extent of the layer's own numbers. `others_lonlat`: lon/lat extent of the layers that
// declare a CRS (may be empty).
// - Numbers inside ±180/±90 are degrees: CGCS2000 lon/lat (EPSG:4490).
// - Eastings of 13-23 or 25-45 million carry a Gauss-Krüger zone prefix: that CGCS2000 6-degree
//   (EPSG:4491-4501) or 3-degree zone (EPSG:4513-4533).
// - Eastings of 100,000-900,000 m with northings of China are Gauss-Krüger without prefix: the
//   3-degree zone (EPSG:4534-4554) whose central meridian is nearest the other layers; with no
//   other layers nothing decides, and the candidates are those 21 zones.
// The numbers are never taken for degrees when they cannot be.
CrsGuess guess_crs(const model::Extent& raw, const model::Extent& others_lonlat);

}  // namespace ca::io
