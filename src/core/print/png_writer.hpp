// PNG encoding of raster pages, tuned for speed: Cairo's own writer tries every row filter at
// zlib level 6, which took longer than drawing a 3000 x 2000 prefecture map.
#pragma once

#include <cairo.h>

#include "core/model/safe_write.hpp"

namespace ca::print {

// Writes an RGB24 image surface as an 8-bit RGB PNG with its resolution (pHYs) into `file`.
// Compressed on every core. Throws model::WriteFailure when the file cannot be written.
void encode_png(cairo_surface_t* rgb24, double dpi, model::TempFile& file);

}  // namespace ca::print
