// Point symbols on a page: drawn as Cairo paths on vector pages; on raster pages drawn once per
// look into a small image and stamped at each site, straight into the page's pixels when the page
// allows it (a prefecture's 100,000 sites cost 0.2 s of CPU through Cairo's compositor, 0.02 s so).
#pragma once

#include <map>
#include <optional>
#include <tuple>

#include <cairo.h>

#include "core/scene/scene.hpp"

namespace ca::print {

// A marker's path filled in its colour with a thin white rim, centred at (x, y), radius r; a
// hollow one as a ring of the colour around white.
void paint_marker(cairo_t* cr, double x, double y, double r, const scene::Marker& marker, double symbol_scale);

class MarkerPainter {
public:
    // `cr` draws the map; `symbol_scale` multiplies the markers' screen-pixel sizes.
    MarkerPainter(cairo_t* cr, double symbol_scale);
    MarkerPainter(const MarkerPainter&) = delete;
    MarkerPainter& operator=(const MarkerPainter&) = delete;
    ~MarkerPainter();

    // Draws the marker at `at`, in the user units of `cr`.
    void paint(const scene::Marker& marker, model::Vec2 at);
    // Hands the page back to Cairo: call before any other drawing on it.
    void done_stamping();

private:
    // A rectangle of the target's pixels the map may touch, when markers can be stamped into them.
    struct Pixels {
        unsigned char* data;
        int stride;
        int x0, y0, x1, y1;  // the clip, device pixels
        cairo_matrix_t to_device;
    };
    cairo_surface_t* stamp(const scene::Marker& marker, int& half);
    void stamp_into_pixels(cairo_surface_t* stamp, int left, int top);

    cairo_t* m_cr;
    double m_k;
    bool m_raster;
    std::optional<Pixels> m_pixels;
    bool m_stamping = false;  // the page's pixels are being written here, not by Cairo
    std::map<std::tuple<int, int, int, int, float, int>, cairo_surface_t*> m_stamps;  // last: shape, + 8 when hollow
};

}  // namespace ca::print
