// Cairo drawing of Fill, Stroke and Marker items.
#include "core/print/draw_map.hpp"

#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <memory>
#include <numbers>

#include "core/model/error.hpp"
#include "core/model/safe_write.hpp"

namespace ca::print {
namespace {

void set_color(cairo_t* cr, scene::Color c) { cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0); }

// Vertices closer than half a device unit to the last one drawn add nothing visible but time:
// a province's villages hold millions of them.
void add_path(cairo_t* cr, const model::Geometry& g, const scene::Viewport& v, bool close_rings) {
    for (std::size_t r = 0; r < g.ring_count(); ++r) {
        const auto ring = g.ring(r);
        if (ring.empty()) continue;
        model::Vec2 last = v.to_px(ring[0]);
        cairo_move_to(cr, last.x, last.y);
        for (std::size_t i = 1; i < ring.size(); ++i) {
            const auto p = v.to_px(ring[i]);
            if (i + 1 < ring.size() && std::fabs(p.x - last.x) < 0.5 && std::fabs(p.y - last.y) < 0.5) continue;
            cairo_line_to(cr, p.x, p.y);
            last = p;
        }
        if (close_rings) cairo_close_path(cr);
    }
}

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

void paint_marker(cairo_t* cr, double x, double y, double r, const scene::Marker& marker, double k) {
    marker_path(cr, x, y, r, marker.shape);
    set_color(cr, marker.color);
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);  // a white rim keeps markers readable on any fill
    cairo_set_line_width(cr, 0.8 * k);
    cairo_stroke(cr);
}

// On raster pages a marker is drawn once into a small image and stamped at each site: a
// province's million project sites print in seconds instead of minutes. Vector pages keep paths.
class MarkerStamps {
public:
    ~MarkerStamps() {
        for (auto& [key, surface] : m_stamps) cairo_surface_destroy(surface);
    }
    cairo_surface_t* get(const scene::Marker& marker, double k, int& half) {
        const double r = marker.size_px * k / 2.0;
        half = static_cast<int>(std::ceil(r + k)) + 1;
        const auto key = std::make_tuple(marker.color.r, marker.color.g, marker.color.b, marker.color.a, marker.size_px, static_cast<int>(marker.shape));
        if (auto it = m_stamps.find(key); it != m_stamps.end()) return it->second;
        cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 2 * half, 2 * half);
        cairo_t* cr = cairo_create(surface);
        paint_marker(cr, half, half, r, marker, k);
        cairo_destroy(cr);
        m_stamps.emplace(key, surface);
        return surface;
    }

private:
    std::map<std::tuple<int, int, int, int, float, int>, cairo_surface_t*> m_stamps;
};

struct Painter {
    const scene::Scene& scene;
    cairo_t* cr;
    const scene::Viewport& v;
    double k;  // symbol scale
    MarkerStamps* stamps;  // null on vector surfaces

    void operator()(const scene::Fill& fill) const {
        add_path(cr, fill.shape_m, v, true);
        set_color(cr, fill.color);
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);  // holes and enclaves stay open
        cairo_fill(cr);
    }
    void operator()(const scene::Stroke& stroke) const {
        const model::Geometry& shape = scene.shape_of(stroke);
        add_path(cr, shape, v, shape.type == model::GeometryType::Polygon);
        set_color(cr, stroke.color);
        cairo_set_line_width(cr, stroke.width_px * k);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        std::vector<double> dashes;
        for (float d : stroke.dash_px) dashes.push_back(d * k);
        cairo_set_dash(cr, dashes.data(), static_cast<int>(dashes.size()), 0);
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
    }
    void operator()(const scene::Marker& marker) const {
        const auto p = v.to_px(marker.position_m);
        if (stamps) {
            int half = 0;
            cairo_surface_t* stamp = stamps->get(marker, k, half);
            cairo_set_source_surface(cr, stamp, std::round(p.x) - half, std::round(p.y) - half);
            cairo_paint(cr);
            return;
        }
        paint_marker(cr, p.x, p.y, marker.size_px * k / 2.0, marker, k);
    }
};

}  // namespace

void draw_map(const scene::Scene& scene, const scene::Viewport& viewport, cairo_t* cr, double symbol_scale, const std::atomic<bool>* cancel,
              std::atomic<float>* progress) {
    cairo_save(cr);
    set_color(cr, scene.background);
    cairo_paint(cr);
    MarkerStamps stamps;
    const bool raster = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
    const Painter painter{scene, cr, viewport, symbol_scale, raster ? &stamps : nullptr};
    if (raster) cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST);  // at print resolutions the difference is invisible, the time is not
    for (std::size_t i = 0; i < scene.items.size(); ++i) {
        if (i % 4096 == 0) {
            if (cancel && *cancel) {
                cairo_restore(cr);
                throw Error("cancelled");
            }
            if (progress) *progress = static_cast<float>(i) / static_cast<float>(scene.items.size());
        }
        std::visit(painter, scene.items[i]);
    }
    cairo_restore(cr);
}

void write_png(const scene::Scene& scene, int width_px, int height_px, const std::string& path) {
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width_px, height_px), &cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
    draw_map(scene, scene::Viewport::fit(scene.extent_m, width_px, height_px), cr.get());
    cairo_surface_flush(surface.get());
    std::string png;
    const auto append = [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    };
    if (cairo_surface_write_to_png_stream(surface.get(), append, &png) != CAIRO_STATUS_SUCCESS)
        throw Error("cannot encode the PNG").file(path);
    model::write_file_bytes(path, png);
}

}  // namespace ca::print
