// Cairo drawing of Fill, Stroke and Marker items; raster maps in horizontal bands on every core.
#include "core/print/draw_map.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "core/analysis/parallel.hpp"
#include "core/model/error.hpp"
#include "core/model/safe_write.hpp"
#include "core/print/markers.hpp"
#include "core/scene/hillshade.hpp"

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

// Each item is its own Cairo path. Joining a layer's strokes into one path was measured 7x
// slower on a prefecture's village borders: Cairo's scan converter pays for every edge a long
// path keeps active across a row.
struct Painter {
    const scene::Scene& scene;
    cairo_t* cr;
    const scene::Viewport& v;
    double k;  // symbol scale
    MarkerPainter& markers;

    void operator()(const scene::Fill& fill) const {
        markers.done_stamping();
        add_path(cr, fill.shape_m, v, true);
        set_color(cr, fill.color);
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);  // holes and enclaves stay open
        cairo_fill(cr);
    }
    void operator()(const scene::Stroke& stroke) const {
        markers.done_stamping();
        const model::Geometry& shape = scene.shape_of(stroke);
        add_path(cr, shape, v, shape.type == model::GeometryType::Polygon);
        set_color(cr, stroke.color);
        cairo_set_line_width(cr, stroke.width_px * k);
        // Round joins on lines under two device units cannot be told from bevels, and cost more.
        const bool thin = stroke.width_px * k < 2;
        cairo_set_line_join(cr, thin ? CAIRO_LINE_JOIN_BEVEL : CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_cap(cr, thin ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
        std::vector<double> dashes;
        for (float d : stroke.dash_px) dashes.push_back(d * k);
        cairo_set_dash(cr, dashes.data(), static_cast<int>(dashes.size()), 0);
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
    }
    void operator()(const scene::Marker& marker) const { markers.paint(marker, v.to_px(marker.position_m)); }
};

// The hillshade as an image of its grid's cells, multiplied into what is drawn (see
// scene::hillshade_pixels): light where the sun falls, darker on slopes facing away.
class TerrainImage {
public:
    TerrainImage(const model::ElevationGrid* grid, const scene::Scene& scene) : m_grid(grid) {
        if (!grid || !scene.terrain_style.visible || grid->width <= 0 || grid->height <= 0) return;
        m_pixels = scene::hillshade_pixels(*grid, scene.terrain_style);
        // Untinted, multiplying by the grey k is painting black at opacity 1 − k over the map:
        // the same pixels, and an operator SVG has (Cairo turns an SVG page with MULTIPLY into
        // one picture, its villages and lines no longer shapes). The tint needs MULTIPLY.
        m_multiply = scene.terrain_style.tint;
        if (!m_multiply)
            for (auto& p : m_pixels) p = (255u - (p & 0xFFu)) << 24;  // premultiplied black
        m_surface.reset(cairo_image_surface_create_for_data(reinterpret_cast<unsigned char*>(m_pixels.data()),
                                                            m_multiply ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32, grid->width, grid->height,
                                                            grid->width * 4));
        m_at = scene.terrain_position();
    }
    std::size_t position() const { return m_surface ? m_at : ~std::size_t{0}; }
    // Cells scaled onto the viewport, bilinear between their centres. With the tint, PDF keeps the
    // blend mode (ISO 32000 multiply); SVG falls back to an image of the page.
    void paint(cairo_t* cr, const scene::Viewport& v) const {
        if (!m_surface) return;
        cairo_save(cr);
        const model::Vec2 top_left = v.to_px({m_grid->extent_m.min_x, m_grid->extent_m.max_y});
        cairo_translate(cr, top_left.x, top_left.y);
        cairo_scale(cr, m_grid->cell_width_m() / v.m_per_px, m_grid->cell_height_m() / v.m_per_px);
        cairo_set_source_surface(cr, m_surface.get(), 0, 0);
        cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);  // no faded rim: the rectangle bounds it
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
        cairo_set_operator(cr, m_multiply ? CAIRO_OPERATOR_MULTIPLY : CAIRO_OPERATOR_OVER);
        cairo_rectangle(cr, 0, 0, m_grid->width, m_grid->height);
        cairo_fill(cr);
        cairo_restore(cr);
    }

private:
    const model::ElevationGrid* m_grid;
    std::vector<std::uint32_t> m_pixels;  // the surface's memory
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> m_surface{nullptr, &cairo_surface_destroy};
    std::size_t m_at = 0;
    bool m_multiply = false;
};

// Where an item reaches north and south, in metres, widened by its symbol: which bands it touches.
struct Reach {
    double min_y_m, max_y_m;
};

std::vector<Reach> reaches(const scene::Scene& scene, double margin_m) {
    std::vector<Reach> out(scene.items.size());
    analysis::parallel_for(scene.items.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
        for (std::size_t i = begin; i < end; ++i) {
            model::Extent e;
            if (const auto* marker = std::get_if<scene::Marker>(&scene.items[i])) e.add(marker->position_m);
            else if (const auto* fill = std::get_if<scene::Fill>(&scene.items[i])) e = fill->shape_m.extent();
            else e = scene.shape_of(std::get<scene::Stroke>(scene.items[i])).extent();
            out[i] = e.empty() ? Reach{1, -1} : Reach{e.min_y - margin_m, e.max_y + margin_m};
        }
    });
    return out;
}

// The widest symbol's half-width in device units, plus a pixel for antialiasing.
double symbol_reach_px(const scene::Scene& scene, double k) {
    double widest = 0;
    for (const auto& item : scene.items) {
        if (const auto* s = std::get_if<scene::Stroke>(&item)) widest = std::max(widest, static_cast<double>(s->width_px));
        else if (const auto* m = std::get_if<scene::Marker>(&item)) widest = std::max(widest, m->size_px + 2.0);
    }
    return widest * k / 2 + 2;
}

// The target surface and where the map goes on it: its clip in device pixels and the
// user-to-device matrix, which for a page is a translation and a scale.
struct Target {
    cairo_surface_t* surface;
    cairo_matrix_t to_device;
    int x0, y0, x1, y1;  // the clip, device pixels
};

Target target_of(cairo_t* cr) {
    Target t{cairo_get_target(cr), {}, 0, 0, 0, 0};
    cairo_get_matrix(cr, &t.to_device);
    double x0, y0, x1, y1;
    cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
    cairo_user_to_device(cr, &x0, &y0);
    cairo_user_to_device(cr, &x1, &y1);
    const int w = cairo_image_surface_get_width(t.surface), h = cairo_image_surface_get_height(t.surface);
    t.x0 = std::clamp(static_cast<int>(std::floor(std::min(x0, x1))), 0, w);
    t.x1 = std::clamp(static_cast<int>(std::ceil(std::max(x0, x1))), 0, w);
    t.y0 = std::clamp(static_cast<int>(std::floor(std::min(y0, y1))), 0, h);
    t.y1 = std::clamp(static_cast<int>(std::ceil(std::max(y0, y1))), 0, h);
    return t;
}

// Whether to split the drawing: a raster page large enough that threads pay, with an axis-aligned
// transform (bands are rows of the page).
bool worth_bands(cairo_t* cr) {
    if (cairo_surface_get_type(cairo_get_target(cr)) != CAIRO_SURFACE_TYPE_IMAGE) return false;
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    if (m.xy != 0 || m.yx != 0 || m.yy <= 0) return false;
    const Target t = target_of(cr);
    return static_cast<double>(t.x1 - t.x0) * (t.y1 - t.y0) >= 1.0e6;
}

struct Progress {
    const std::atomic<bool>* cancel;
    std::atomic<float>* share;
    std::atomic<std::size_t> done{0};
    std::size_t total;

    // Every few thousand items: stop when cancelled, else say how far the drawing is.
    void step(std::size_t items) {
        if (cancel && *cancel) throw Error("cancelled", ErrorKind::Cancelled);
        const std::size_t now = done += items;
        if (share) *share = static_cast<float>(now) / static_cast<float>(std::max<std::size_t>(total, 1));
    }
};

// Draws the items whose reach meets [min_y_m, max_y_m] (all when the range is empty) on `cr`.
void draw_items(const scene::Scene& scene, const scene::Viewport& viewport, cairo_t* cr, double k, const std::vector<Reach>* reach,
                double min_y_m, double max_y_m, Progress& progress, const TerrainImage& terrain) {
    if (cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST);  // at print resolutions the difference is invisible, the time is not
    set_color(cr, scene.background);
    cairo_paint(cr);
    MarkerPainter markers(cr, k);
    const Painter painter{scene, cr, viewport, k, markers};
    for (std::size_t i = 0; i < scene.items.size(); ++i) {
        if (i == terrain.position()) markers.done_stamping(), terrain.paint(cr, viewport);
        if (i % 4096 == 4095) progress.step(4096);
        if (reach && ((*reach)[i].max_y_m < min_y_m || (*reach)[i].min_y_m > max_y_m)) continue;
        std::visit(painter, scene.items[i]);
    }
    markers.done_stamping();
    if (terrain.position() == scene.items.size()) terrain.paint(cr, viewport);  // fills only, or nothing drawn
    progress.step(scene.items.size() % 4096);
}

// One band: rows [y0, y1) of the target, drawn through a surface of its own over the same pixels
// (two Cairo contexts on one surface are not safe across threads; two surfaces over disjoint
// rows are).
void draw_band(const scene::Scene& scene, const scene::Viewport& viewport, const Target& t, int y0, int y1, double k,
               const std::vector<Reach>& reach, Progress& progress, const TerrainImage& terrain) {
    const int stride = cairo_image_surface_get_stride(t.surface);
    unsigned char* rows = cairo_image_surface_get_data(t.surface) + static_cast<std::ptrdiff_t>(y0) * stride;
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> band(
        cairo_image_surface_create_for_data(rows, cairo_image_surface_get_format(t.surface), cairo_image_surface_get_width(t.surface), y1 - y0, stride),
        &cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(band.get()), &cairo_destroy);
    cairo_rectangle(cr.get(), t.x0, 0, t.x1 - t.x0, y1 - y0);
    cairo_clip(cr.get());
    cairo_matrix_t m = t.to_device;
    m.y0 -= y0;
    cairo_set_matrix(cr.get(), &m);
    // The band's rows as map northings (user y = viewport pixel y on the map).
    const double top_px = (y0 - t.to_device.y0) / t.to_device.yy, bottom_px = (y1 - t.to_device.y0) / t.to_device.yy;
    draw_items(scene, viewport, cr.get(), k, &reach, viewport.to_m({0, bottom_px}).y, viewport.to_m({0, top_px}).y, progress, terrain);
    cairo_surface_flush(band.get());
}

// Bands several per core, taken in turn, so a band dense with villages does not leave a core idle.
void draw_in_bands(const scene::Scene& scene, const scene::Viewport& viewport, cairo_t* cr, double k, std::size_t threads, Progress& progress,
                   const TerrainImage& terrain) {
    const Target t = target_of(cr);
    const double margin_m = symbol_reach_px(scene, k) / t.to_device.yy * viewport.m_per_px;
    const std::vector<Reach> reach = reaches(scene, margin_m);
    const int bands = static_cast<int>(threads * 4);
    progress.total = scene.items.size() * static_cast<std::size_t>(bands);
    cairo_surface_flush(t.surface);
    try {
        analysis::for_each_index(static_cast<std::size_t>(bands), threads, [&](std::size_t b) {
            const int y0 = t.y0 + (t.y1 - t.y0) * static_cast<int>(b) / bands, y1 = t.y0 + (t.y1 - t.y0) * static_cast<int>(b + 1) / bands;
            if (y1 > y0) draw_band(scene, viewport, t, y0, y1, k, reach, progress, terrain);
        });
    } catch (...) {
        cairo_surface_mark_dirty(t.surface);
        throw;
    }
    cairo_surface_mark_dirty(t.surface);
}

}  // namespace

void draw_map(const scene::Scene& scene, const scene::Viewport& viewport, cairo_t* cr, double symbol_scale, const DrawControl& control) {
    Progress drawn{control.cancel, control.progress, {}, scene.items.size()};
    const std::size_t threads = control.threads == 0 ? analysis::worker_count() : control.threads;
    const TerrainImage terrain(control.terrain ? control.terrain : scene.terrain.get(), scene);
    cairo_save(cr);
    try {
        if (threads > 1 && worth_bands(cr)) draw_in_bands(scene, viewport, cr, symbol_scale, threads, drawn, terrain);
        else draw_items(scene, viewport, cr, symbol_scale, nullptr, 0, -1, drawn, terrain);
    } catch (...) {
        cairo_restore(cr);
        throw;
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
