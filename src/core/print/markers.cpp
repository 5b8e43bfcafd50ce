// Markers as paths, or as stamps blended into the page's pixels.
#include "core/print/markers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace ca::print {
namespace {

void set_color(cairo_t* cr, scene::Color c) { cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0); }

void marker_path(cairo_t* cr, double x, double y, double r, scene::MarkerShape shape) {
    switch (shape) {
        case scene::MarkerShape::Circle: cairo_arc(cr, x, y, r, 0, 2 * std::numbers::pi); break;
        case scene::MarkerShape::Square: cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r); break;
        case scene::MarkerShape::Triangle:
            cairo_move_to(cr, x, y - r);
            cairo_line_to(cr, x + r, y + r);
            cairo_line_to(cr, x - r, y + r);
            cairo_close_path(cr);
            break;
    }
}

// Premultiplied `src` over `dst`, one 8-bit channel.
inline std::uint8_t over(std::uint8_t src, std::uint8_t dst, std::uint8_t src_alpha) {
    return static_cast<std::uint8_t>(src + (dst * (255 - src_alpha) + 127) / 255);
}

}  // namespace

void paint_marker(cairo_t* cr, double x, double y, double r, const scene::Marker& marker, double symbol_scale) {
    if (marker.hollow) {
        // A ring of the colour, 0.3 of the radius wide (at least 1.2 screen pixels), around white:
        // the inside stays paper in black-and-white print. One path, filled and stroked, as a
        // filled marker is (an SVG holds one element per site either way).
        const double ring = std::max(0.3 * r, 1.2 * symbol_scale);
        marker_path(cr, x, y, r - ring / 2, marker.shape);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        set_color(cr, marker.color);
        cairo_set_line_width(cr, ring);
        cairo_stroke(cr);
        return;
    }
    marker_path(cr, x, y, r, marker.shape);
    set_color(cr, marker.color);
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);  // a white rim keeps markers readable on any fill
    cairo_set_line_width(cr, 0.8 * symbol_scale);
    cairo_stroke(cr);
}

MarkerPainter::MarkerPainter(cairo_t* cr, double symbol_scale)
    : m_cr(cr), m_k(symbol_scale), m_raster(cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE) {
    if (!m_raster) return;
    // Stamped straight into the pixels only under a plain translation and a rectangular clip, on
    // the 32-bit formats: otherwise Cairo composites each stamp.
    cairo_surface_t* target = cairo_get_target(cr);
    const cairo_format_t format = cairo_image_surface_get_format(target);
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    cairo_rectangle_list_t* clip = cairo_copy_clip_rectangle_list(cr);
    const bool rectangular = clip->status == CAIRO_STATUS_SUCCESS && clip->num_rectangles == 1;
    if (rectangular && (format == CAIRO_FORMAT_RGB24 || format == CAIRO_FORMAT_ARGB32) && m.xx == 1 && m.yy == 1 && m.xy == 0 && m.yx == 0) {
        const cairo_rectangle_t r = clip->rectangles[0];  // in user units
        const int w = cairo_image_surface_get_width(target), h = cairo_image_surface_get_height(target);
        m_pixels = Pixels{cairo_image_surface_get_data(target), cairo_image_surface_get_stride(target),
                          std::clamp(static_cast<int>(std::ceil(r.x + m.x0)), 0, w), std::clamp(static_cast<int>(std::ceil(r.y + m.y0)), 0, h),
                          std::clamp(static_cast<int>(std::floor(r.x + r.width + m.x0)), 0, w),
                          std::clamp(static_cast<int>(std::floor(r.y + r.height + m.y0)), 0, h), m};
    }
    cairo_rectangle_list_destroy(clip);
}

MarkerPainter::~MarkerPainter() {
    done_stamping();
    for (auto& [key, surface] : m_stamps) cairo_surface_destroy(surface);
}

cairo_surface_t* MarkerPainter::stamp(const scene::Marker& marker, int& half) {
    const double r = marker.size_px * m_k / 2.0;
    half = static_cast<int>(std::ceil(r + m_k)) + 1;
    const auto key = std::make_tuple(marker.color.r, marker.color.g, marker.color.b, marker.color.a, marker.size_px,
                                     static_cast<int>(marker.shape) + (marker.hollow ? 8 : 0));
    if (auto it = m_stamps.find(key); it != m_stamps.end()) return it->second;
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 2 * half, 2 * half);
    cairo_t* cr = cairo_create(surface);
    paint_marker(cr, half, half, r, marker, m_k);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    m_stamps.emplace(key, surface);
    return surface;
}

void MarkerPainter::paint(const scene::Marker& marker, model::Vec2 at) {
    if (!m_raster) {
        paint_marker(m_cr, at.x, at.y, marker.size_px * m_k / 2.0, marker, m_k);
        return;
    }
    int half = 0;
    cairo_surface_t* s = stamp(marker, half);
    const int left = static_cast<int>(std::round(at.x)) - half, top = static_cast<int>(std::round(at.y)) - half;
    if (!m_pixels) {
        cairo_set_source_surface(m_cr, s, left, top);
        cairo_paint(m_cr);
        return;
    }
    if (!m_stamping) cairo_surface_flush(cairo_get_target(m_cr));  // Cairo's pending drawing lands first
    m_stamping = true;
    stamp_into_pixels(s, left + static_cast<int>(m_pixels->to_device.x0), top + static_cast<int>(m_pixels->to_device.y0));
}

void MarkerPainter::stamp_into_pixels(cairo_surface_t* s, int left, int top) {
    const int size = cairo_image_surface_get_width(s), stamp_stride = cairo_image_surface_get_stride(s);
    const unsigned char* src = cairo_image_surface_get_data(s);
    const Pixels& p = *m_pixels;
    for (int y = std::max(top, p.y0); y < std::min(top + size, p.y1); ++y)
        for (int x = std::max(left, p.x0); x < std::min(left + size, p.x1); ++x) {
            // Both are native-endian 0xAARRGGBB words; RGB24's top byte is unused.
            const auto s_px = *reinterpret_cast<const std::uint32_t*>(src + (y - top) * stamp_stride + (x - left) * 4);
            const auto alpha = static_cast<std::uint8_t>(s_px >> 24);
            if (alpha == 0) continue;
            auto* d = reinterpret_cast<std::uint32_t*>(p.data + static_cast<std::ptrdiff_t>(y) * p.stride + x * 4);
            std::uint32_t out = 0;
            for (int shift = 0; shift < 32; shift += 8)
                out |= static_cast<std::uint32_t>(over(static_cast<std::uint8_t>(s_px >> shift), static_cast<std::uint8_t>(*d >> shift), alpha)) << shift;
            *d = out;
        }
}

void MarkerPainter::done_stamping() {
    if (!m_stamping) return;
    cairo_surface_mark_dirty(cairo_get_target(m_cr));
    m_stamping = false;
}

}  // namespace ca::print
