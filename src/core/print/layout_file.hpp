// Page layout files (JSON) for `export --layout`: where the map, title, legend, scale bar, north
// arrow, inset and frame texts (review_number, compiled_by, sources, date, crs) go, in millimetres from the page's top-left corner. For example:
//   {"map": {"x_mm": 10, "y_mm": 25, "width_mm": 200, "height_mm": 160},
//    "legend": {"x_mm": 215, "y_mm": 30}, "north_arrow": {"show": false}}
#pragma once

#include <string>

#include "core/print/page.hpp"

namespace ca::print {

// Throws ca::Error naming the file and the key at fault.
Layout read_layout_file(const std::string& path);

}  // namespace ca::print
