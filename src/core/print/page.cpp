// Page layout for map figures: header, clipped map frame, labels, legend, scale bar, north arrow.
#include "core/print/page.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/model/text.hpp"
#include "core/print/draw_map.hpp"

namespace ca::print {
namespace {

constexpr const char* kFont = "Noto Sans CJK SC";
constexpr double kMmPerScreenPixel = 25.4 / 96;  // scene symbol sizes are in 96-dpi screen pixels

struct Box {
    double x0, y0, x1, y1;
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

class Writer {
public:
    Writer(cairo_t* cr, std::vector<PlacedText>* sink) : m_cr(cr), m_sink(sink) {}
    double width(const std::string& text, double size, bool bold = false) const {
        select(size, bold);
        cairo_text_extents_t e;
        cairo_text_extents(m_cr, text.c_str(), &e);
        return e.x_advance;
    }
    void text(const std::string& text, double x, double y, double size, scene::Color color, bool bold = false) const {
        if (m_sink) {
            m_sink->push_back({text, x, y, size, color, bold});
            return;
        }
        select(size, bold);
        cairo_set_source_rgba(m_cr, color.r / 255.0, color.g / 255.0, color.b / 255.0, color.a / 255.0);
        cairo_move_to(m_cr, x, y);
        cairo_show_text(m_cr, text.c_str());
    }

private:
    void select(double size, bool bold) const {
        cairo_select_font_face(m_cr, kFont, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(m_cr, size);
    }
    cairo_t* m_cr;
    std::vector<PlacedText>* m_sink;
};

// 1, 2 or 5 times a power of ten: the longest such length not above `max_m`.
double round_length(double max_m) {
    const double power = std::pow(10.0, std::floor(std::log10(max_m)));
    for (double step : {5.0, 2.0, 1.0})
        if (step * power <= max_m) return step * power;
    return power;
}

std::string length_text(double m) {
    char buffer[32];
    if (m >= 1000) std::snprintf(buffer, sizeof buffer, "%g km", m / 1000);
    else std::snprintf(buffer, sizeof buffer, "%g m", m);
    return buffer;
}

void place_labels(cairo_t* cr, const Writer& writer, const scene::Scene& scene, const scene::Viewport& v, double x0, double y0, double mm) {
    std::vector<const scene::Label*> order;
    // Village names only where villages are at least ~15 mm across on paper.
    std::size_t villages = 0;
    for (const auto& l : scene.labels) villages += l.priority == 1;
    const double village_mm = villages ? std::sqrt(scene.extent_m.width() * scene.extent_m.height() / villages) / v.m_per_px / mm : 0;
    for (const auto& l : scene.labels)
        if (l.priority == 0 || village_mm > 15) order.push_back(&l);
    std::stable_sort(order.begin(), order.end(), [](const scene::Label* a, const scene::Label* b) { return a->priority < b->priority; });
    const Box frame{x0, y0, x0 + v.width_px, y0 + v.height_px};
    std::vector<Box> placed;
    for (const auto* l : order) {
        const double size = l->size_px * kMmPerScreenPixel * mm;
        const double w = writer.width(l->text, size, l->priority == 0);
        const auto p = v.to_px(l->anchor_m);
        const double x = x0 + p.x - w / 2, baseline = y0 + p.y + size * 0.35;
        const Box box{x - size * 0.15, baseline - size, x + w + size * 0.15, baseline + size * 0.3};
        // Never cut by the frame, never on another label.
        if (box.x0 < frame.x0 || box.y0 < frame.y0 || box.x1 > frame.x1 || box.y1 > frame.y1) continue;
        if (std::any_of(placed.begin(), placed.end(), [&](const Box& b) { return b.overlaps(box); })) continue;
        placed.push_back(box);
        // A white halo under the text keeps names readable on any fill.
        cairo_save(cr);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.75);
        cairo_rectangle(cr, box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
        cairo_fill(cr);
        cairo_restore(cr);
        writer.text(l->text, x, baseline, size, l->color, l->priority == 0);
    }
}

// The legend box with its bottom-left at (x, bottom), or its top-left at `top_left` when given.
void legend(cairo_t* cr, const Writer& writer, const scene::Scene& scene, const Figure& figure, double x, double bottom, double mm,
            std::vector<model::Vec2>& swatches, std::optional<model::Vec2> top_left = std::nullopt) {
    if (scene.legend.empty()) return;
    const double size = 3.0 * mm, row = 4.6 * mm, swatch = 5 * mm, pad = 2.5 * mm;
    auto label_of = [&](const scene::LegendEntry& e) {
        std::string label = model::display_name(e.key, figure.language);
        if (e.count >= 0) label += "  (" + std::to_string(e.count) + ")";
        return label;
    };
    double width = 0;
    for (const auto& e : scene.legend) width = std::max(width, writer.width(label_of(e), size));
    const double height = row * static_cast<double>(scene.legend.size()) + 2 * pad;
    const double top = top_left ? top_left->y : bottom - height;
    if (top_left) x = top_left->x;
    cairo_set_source_rgba(cr, 1, 1, 1, 0.92);
    cairo_rectangle(cr, x, top, width + swatch + 3 * pad, height);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    cairo_set_line_width(cr, 0.2 * mm);
    cairo_stroke(cr);
    double y = top + pad;
    for (const auto& e : scene.legend) {
        cairo_set_source_rgba(cr, e.color.r / 255.0, e.color.g / 255.0, e.color.b / 255.0, e.color.a / 255.0);
        const double sx = x + pad, sy = y + (row - swatch * 0.7) / 2;
        switch (e.kind) {
            case scene::LegendEntry::Kind::Area: cairo_rectangle(cr, sx, sy, swatch, swatch * 0.7); break;
            case scene::LegendEntry::Kind::Line: cairo_rectangle(cr, sx, y + row / 2 - 0.4 * mm, swatch, 0.8 * mm); break;
            case scene::LegendEntry::Kind::Point: cairo_arc(cr, sx + swatch / 2, y + row / 2, 1.2 * mm, 0, 2 * M_PI); break;
            case scene::LegendEntry::Kind::Square: cairo_rectangle(cr, sx + swatch / 2 - mm, y + row / 2 - mm, 2 * mm, 2 * mm); break;
            case scene::LegendEntry::Kind::Triangle:
                cairo_move_to(cr, sx + swatch / 2, y + row / 2 - 1.3 * mm);
                cairo_line_to(cr, sx + swatch / 2 + 1.3 * mm, y + row / 2 + 1.0 * mm);
                cairo_line_to(cr, sx + swatch / 2 - 1.3 * mm, y + row / 2 + 1.0 * mm);
                cairo_close_path(cr);
                break;
        }
        cairo_fill(cr);
        swatches.push_back({sx + swatch / 2, y + row / 2});
        writer.text(label_of(e), x + swatch + 2 * pad, y + row * 0.72, size, {30, 30, 30, 255});
        y += row;
    }
}

// Draws a table with its heading at (x, top), fitting `width`; returns the height used.
double draw_table(cairo_t* cr, const Writer& writer, const SideTable& table, double x, double top, double width, double mm,
                  double text_mm = 3.0) {
    double size = text_mm * mm;
    std::vector<double> columns;
    auto measure = [&] {
        columns.assign(0, 0);
        for (const auto& row : table.rows) {
            if (columns.size() < row.size()) columns.resize(row.size(), 0);
            for (std::size_t c = 0; c < row.size(); ++c) columns[c] = std::max(columns[c], writer.width(row[c], size) + 2.5 * mm);
        }
        double total = 0;
        for (double w : columns) total += w;
        return total;
    };
    for (double total = measure(); total > width && size > 1.6 * mm; total = measure()) size *= 0.9;  // shrink to fit
    const double row_h = size * 1.55;
    double y = top + 4 * mm;
    writer.text(table.heading, x, y, 3.6 * mm, {20, 20, 20, 255}, true);
    y += 2 * mm;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (r % 2 == 1) {
            cairo_set_source_rgb(cr, 0.95, 0.95, 0.95);
            cairo_rectangle(cr, x, y, std::min(width, measure()), row_h);
            cairo_fill(cr);
        }
        double cx = x;
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
            writer.text(table.rows[r][c], cx + 1 * mm, y + row_h * 0.75, size, {30, 30, 30, 255}, r == 0);
            cx += columns[c];
        }
        y += row_h;
    }
    return y - top;
}

// A locator of the whole data with the page's extent marked, top left in the frame.
void draw_inset(cairo_t* cr, const scene::Scene& scene, const model::Extent& shown, double x, double y, double mm) {
    const double w = 38 * mm;
    const double h = w * scene.extent_m.height() / std::max(scene.extent_m.width(), 1.0);
    scene::Viewport v = scene::Viewport::fit(scene.extent_m, static_cast<int>(w), static_cast<int>(h), 2 * mm);
    scene::Scene outline;
    outline.background = {255, 255, 255, 255};
    for (const auto& item : scene.items)  // areas only: the locator shows where, not what
        if (std::holds_alternative<scene::Fill>(item)) outline.items.push_back(item);
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    cairo_translate(cr, x, y);
    draw_map(outline, v, cr, 0.2);
    const auto a = v.to_px({shown.min_x, shown.max_y}), b = v.to_px({shown.max_x, shown.min_y});
    cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
    cairo_set_line_width(cr, 0.5 * mm);
    cairo_rectangle(cr, a.x, a.y, b.x - a.x, b.y - a.y);
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 0.25 * mm);
    cairo_rectangle(cr, x, y, w, h);
    cairo_stroke(cr);
}

std::string degrees_text(double value, bool longitude) {
    const double a = std::fabs(value);
    int d = static_cast<int>(a);
    int m = static_cast<int>(std::lround((a - d) * 60));
    if (m == 60) ++d, m = 0;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%d°%02d′%s", d, m, longitude ? (value >= 0 ? "E" : "W") : (value >= 0 ? "N" : "S"));
    return buffer;
}

// Ticks where round meridians and parallels cross the frame: each edge is sampled densely, turned
// into lon/lat, and a tick goes where the coordinate passes a multiple of the step.
void draw_ticks(cairo_t* cr, const Writer& writer, const scene::Viewport& v, const model::Projection& projection, double x0, double y0, double mm) {
    struct Edge {
        model::Vec2 a, b;  // page units, relative to the frame's top left
        bool longitude;    // ticks for meridians (top and bottom) or parallels (left and right)
        model::Vec2 outward;
    };
    const double w = v.width_px, h = v.height_px;
    const Edge edges[] = {{{0, h}, {w, h}, true, {0, 1}}, {{0, 0}, {w, 0}, true, {0, -1}}, {{0, 0}, {0, h}, false, {-1, 0}}, {{w, 0}, {w, h}, false, {1, 0}}};
    // A step giving a handful of ticks: the span of the frame in degrees over ~4.
    std::vector<model::Vec2> corners = {v.to_m({0, h}), v.to_m({w, 0})};
    projection.inverse(corners);
    const double span = std::max(std::fabs(corners[1].x - corners[0].x), std::fabs(corners[1].y - corners[0].y));
    double step = 1.0;
    for (double s : {1.0, 0.5, 0.25, 1.0 / 6, 0.1, 1.0 / 12, 0.05, 1.0 / 60})
        if (span / s >= 3) {
            step = s;
            break;
        }
    const double label_size = 2.2 * mm, tick = 1.8 * mm;
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.25 * mm);
    for (const Edge& e : edges) {
        constexpr int kSamples = 400;
        std::vector<model::Vec2> ground;
        for (int i = 0; i <= kSamples; ++i) {
            const double t = static_cast<double>(i) / kSamples;
            ground.push_back(v.to_m({e.a.x + (e.b.x - e.a.x) * t, e.a.y + (e.b.y - e.a.y) * t}));
        }
        projection.inverse(ground);
        for (int i = 0; i < kSamples; ++i) {
            const double c0 = e.longitude ? ground[i].x : ground[i].y, c1 = e.longitude ? ground[i + 1].x : ground[i + 1].y;
            const double k = std::ceil(std::min(c0, c1) / step);
            if (k * step > std::max(c0, c1) || c0 == c1) continue;
            const double t = (i + (k * step - c0) / (c1 - c0)) / kSamples;
            const double px = x0 + e.a.x + (e.b.x - e.a.x) * t, py = y0 + e.a.y + (e.b.y - e.a.y) * t;
            cairo_move_to(cr, px, py);
            cairo_line_to(cr, px + e.outward.x * tick, py + e.outward.y * tick);
            cairo_stroke(cr);
            const std::string text = degrees_text(k * step, e.longitude);
            const double tw = writer.width(text, label_size);
            // Outside the frame: below/above for meridians, left/right for parallels.
            const double tx = e.longitude ? px - tw / 2 : (e.outward.x < 0 ? px - tick - tw - 0.5 * mm : px + tick + 0.5 * mm);
            const double ty = e.longitude ? (e.outward.y > 0 ? py + tick + label_size : py - tick - 0.6 * mm) : py + label_size * 0.35;
            writer.text(text, tx, ty, label_size, {60, 60, 60, 255});
        }
    }
}

}  // namespace

void draw_table_page(cairo_t* cr, const std::string& title, const SideTable& table, double width, double height, double mm,
                     std::vector<PlacedText>* texts) {
    const Writer writer(cr, texts);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    const double margin = 12 * mm;
    writer.text(title, margin, margin + 6.5 * mm, 6.5 * mm, {20, 20, 20, 255}, true);
    draw_table(cr, writer, table, margin, margin + 10 * mm, width - 2 * margin, mm, 4.5);
    (void)height;
}

std::optional<PageSize> page_size_from_string(const std::string& name) {
    const std::string key = model::fold_key(name);
    PageSize size;
    int w = 0, h = 0;
    char unit[3] = {};
    if (std::sscanf(key.c_str(), "%dx%d%2s", &w, &h, unit) == 3 && std::string(unit) == "px" && w > 0 && h > 0 && w <= 20000 && h <= 20000)
        return PageSize{w * 25.4 / 96, h * 25.4 / 96, true};
    if (key.rfind("a4", 0) == 0) size = {210, 297};
    else if (key.rfind("a3", 0) == 0) size = {297, 420};
    else return std::nullopt;
    if (key.find("landscape") != std::string::npos) std::swap(size.width_mm, size.height_mm);
    return size;
}

PageReport draw_page(cairo_t* cr, const scene::Scene& scene, const Figure& figure, double width, double height, double mm,
                     std::vector<PlacedText>* texts) {
    const Writer writer(cr, texts);
    PageReport report;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);

    const double margin = figure.margin_mm * mm;
    const double title_size = 6.5 * mm, subtitle_size = 3.8 * mm, source_size = 2.6 * mm;
    const Layout& layout = figure.layout;
    auto at = [mm](const Placement& p) { return model::Vec2{p.at_mm->x * mm, p.at_mm->y * mm}; };
    double y = margin + title_size;
    if (!figure.title.empty() && layout.title.shown) {
        const model::Vec2 p = layout.title.at_mm ? at(layout.title) : model::Vec2{margin, y};
        writer.text(figure.title, p.x, p.y, title_size, {20, 20, 20, 255}, true);
    }
    if (!figure.subtitle.empty()) {
        y += subtitle_size * 1.5;
        writer.text(figure.subtitle, margin, y, subtitle_size, {80, 80, 80, 255});
    }
    const double map_top = y + 3 * mm;
    const double map_bottom = height - margin - source_size * 2 - (figure.ticks ? 4 * mm : 0);  // tick labels below
    report.map_x = margin;
    report.map_y = map_top;
    report.map_width = width - 2 * margin;
    if (!figure.side_tables.empty()) report.map_width = (width - 2 * margin) * 0.62;
    if (layout.map_mm) {
        report.map_x = layout.map_mm->min_x * mm;
        report.map_y = layout.map_mm->min_y * mm;
        report.map_width = layout.map_mm->width() * mm;
        report.map_height = layout.map_mm->height() * mm;
    }
    report.map_height = std::max(10.0, map_bottom - map_top);

    // The map, clipped to its frame; symbols sized as on a 96-dpi screen, in paper units.
    const model::Extent extent = figure.extent_m.value_or(scene.extent_m);
    scene::Viewport v = scene::Viewport::fit(extent, 1, 1, 0);
    v.width_px = static_cast<int>(report.map_width);
    v.height_px = static_cast<int>(report.map_height);
    v.m_per_px = std::max(extent.width() / v.width_px, extent.height() / v.height_px) * 1.04;  // a little air inside the frame
    report.viewport = v;
    cairo_save(cr);
    cairo_rectangle(cr, report.map_x, report.map_y, v.width_px, v.height_px);
    cairo_clip(cr);
    cairo_translate(cr, report.map_x, report.map_y);
    draw_map(scene, v, cr, kMmPerScreenPixel * mm, figure.cancel, figure.progress);
    cairo_restore(cr);
    place_labels(cr, writer, scene, v, report.map_x, report.map_y, mm);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.35 * mm);
    cairo_rectangle(cr, report.map_x, report.map_y, v.width_px, v.height_px);
    cairo_stroke(cr);

    if (figure.ticks) draw_ticks(cr, writer, v, *figure.ticks, report.map_x, report.map_y, mm);

    // North arrow, top right inside the frame (the working CRS's grid north is true north at
    // the central meridian and within a degree across a county).
    const model::Vec2 arrow = layout.north_arrow.at_mm ? at(layout.north_arrow) : model::Vec2{report.map_x + v.width_px - 10 * mm, report.map_y + 8 * mm};
    const double ax = arrow.x, ay = arrow.y;
    if (layout.north_arrow.shown) {
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_move_to(cr, ax, ay);
    cairo_line_to(cr, ax + 3 * mm, ay + 9 * mm);
    cairo_line_to(cr, ax, ay + 7 * mm);
    cairo_line_to(cr, ax - 3 * mm, ay + 9 * mm);
    cairo_close_path(cr);
    cairo_fill(cr);
    const std::string north = figure.language == model::Language::Chinese ? "北" : "N";
    writer.text(north, ax - writer.width(north, 3.5 * mm, true) / 2, ay - 1.2 * mm, 3.5 * mm, {10, 10, 10, 255}, true);
    }

    // Scale bar, bottom right: a round length about a fifth of the frame, true at the map's centre.
    report.scale_bar_length_m = round_length(v.width_px * v.m_per_px / 5);
    report.scale_bar_length = report.scale_bar_length_m / v.m_per_px;
    report.scale_bar_x = report.map_x + v.width_px - report.scale_bar_length - 8 * mm;
    report.scale_bar_y = report.map_y + v.height_px - 8 * mm;
    if (layout.scale_bar.at_mm) report.scale_bar_x = at(layout.scale_bar).x, report.scale_bar_y = at(layout.scale_bar).y;
    if (layout.scale_bar.shown) {
    const double bar_h = 1.6 * mm;
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_rectangle(cr, report.scale_bar_x - 3 * mm, report.scale_bar_y - 6 * mm, report.scale_bar_length + 6 * mm, 9 * mm);
    cairo_fill(cr);
    for (int half = 0; half < 2; ++half) {
        const double x = report.scale_bar_x + half * report.scale_bar_length / 2;
        cairo_rectangle(cr, x, report.scale_bar_y, report.scale_bar_length / 2, bar_h);
        if (half == 0) cairo_set_source_rgb(cr, 0, 0, 0), cairo_fill_preserve(cr);
        else cairo_set_source_rgb(cr, 1, 1, 1), cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.2 * mm);
        cairo_stroke(cr);
    }
    const double label_size = 2.6 * mm;
    writer.text("0", report.scale_bar_x - writer.width("0", label_size) / 2, report.scale_bar_y - 1.2 * mm, label_size, {0, 0, 0, 255});
    const std::string end = length_text(report.scale_bar_length_m);
    writer.text(end, report.scale_bar_x + report.scale_bar_length - writer.width(end, label_size) / 2, report.scale_bar_y - 1.2 * mm,
                label_size, {0, 0, 0, 255});
    }

    if (layout.legend.shown)
        legend(cr, writer, scene, figure, report.map_x + 4 * mm, report.map_y + v.height_px - 4 * mm, mm, report.legend_swatches,
               layout.legend.at_mm ? std::optional(at(layout.legend)) : std::nullopt);
    if (figure.inset && layout.inset.shown && figure.extent_m && figure.extent_m->width() < scene.extent_m.width() * 0.9) {
        const model::Vec2 p = layout.inset.at_mm ? at(layout.inset) : model::Vec2{report.map_x + 3 * mm, report.map_y + 3 * mm};
        draw_inset(cr, scene, *figure.extent_m, p.x, p.y, mm);
    }
    double table_top = report.map_y;
    const double table_x = report.map_x + report.map_width + 5 * mm;
    for (const auto& table : figure.side_tables)
        table_top += draw_table(cr, writer, table, table_x, table_top, width - margin - table_x, mm) + 4 * mm;
    if (!figure.source_line.empty()) writer.text(figure.source_line, margin, height - margin, source_size, {90, 90, 90, 255});
    return report;
}

}  // namespace ca::print
