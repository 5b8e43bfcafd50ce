// The print back-end: draws a Scene with Cairo onto any surface (PNG, PDF, SVG).
#pragma once

#include <atomic>
#include <string>

#include <cairo.h>

#include "core/model/dem.hpp"
#include "core/scene/scene.hpp"

namespace ca::print {

// How a drawing is run: stopped with a ca::Error of kind Cancelled soon after `cancel` turns true,
// `progress` following the share of items drawn, on `threads` cores (0: every core, for raster
// surfaces of a megapixel or more; vector surfaces are drawn on the calling thread).
struct DrawControl {
    const std::atomic<bool>* cancel = nullptr;
    std::atomic<float>* progress = nullptr;
    std::size_t threads = 0;
    // Elevations to shade under the map instead of the scene's own (print warps the DEM for each
    // frame at its resolution); drawn with the scene's terrain style.
    const model::ElevationGrid* terrain = nullptr;
};

// Draws the scene's items in paint order, in device units of `viewport` (pixels or points), the
// hillshade multiplied into the fills before the first stroke (Scene::terrain_position).
// Line widths and symbol sizes, given in screen pixels, are multiplied by `symbol_scale`.
void draw_map(const scene::Scene& scene, const scene::Viewport& viewport, cairo_t* cr, double symbol_scale = 1.0, const DrawControl& control = {});

// Renders the whole scene, fitted, to a PNG of the given size. Written to a temporary file
// beside `path` and renamed into place, so a failure leaves no partial file.
void write_png(const scene::Scene& scene, int width_px, int height_px, const std::string& path);

}  // namespace ca::print
