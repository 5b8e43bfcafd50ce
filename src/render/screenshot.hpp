// Reading the framebuffer back into a PNG file.
#pragma once

#include <string>

namespace ca::render {

// Saves the current framebuffer (width x height from the bottom-left) as an RGB PNG, written to a
// temporary file beside `path` and renamed into place.
void save_framebuffer_png(int width_px, int height_px, const std::string& path);

}  // namespace ca::render
