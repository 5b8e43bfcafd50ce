// Page layout for map figures: header, clipped map frame, labels, legend, scale bar, north arrow.
#include "core/print/page.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/model/text.hpp"
#include "core/print/draw_map.hpp"
#include "core/print/page_placement.hpp"

namespace ca::print {
namespace {

constexpr const char* kFont = "Noto Sans CJK SC";
constexpr double kMmPerScreenPixel = 25.4 / 96;  // scene symbol sizes are in 96-dpi screen pixels

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

// A label as it would be drawn: its text, baseline start and size, and its box with the halo.
struct PlacedLabel {
    const scene::Label* label;
    double x, baseline, size;
    model::Extent box;
};

// Labels placed highest priority first; a label cut by the frame, on another label or on one of
// `obstacles` (legend, inset, scale bar, north arrow) is left out rather than drawn under them.
std::vector<PlacedLabel> layout_labels(const Writer& writer, const scene::Scene& scene, const scene::Viewport& v, double x0, double y0,
                                       double mm, const std::vector<model::Extent>& obstacles) {
    std::vector<const scene::Label*> order;
    // Village names only where villages are at least ~15 mm across on paper.
    std::size_t villages = 0;
    for (const auto& l : scene.labels) villages += l.priority == 1;
    const double village_mm = villages ? std::sqrt(scene.extent_m.width() * scene.extent_m.height() / villages) / v.m_per_px / mm : 0;
    for (const auto& l : scene.labels)
        if (l.priority == 0 || village_mm > 15) order.push_back(&l);
    std::stable_sort(order.begin(), order.end(), [](const scene::Label* a, const scene::Label* b) { return a->priority < b->priority; });
    const model::Extent frame = page_box(x0, y0, v.width_px, v.height_px);
    std::vector<PlacedLabel> placed;
    for (const auto* l : order) {
        const double size = l->size_px * kMmPerScreenPixel * mm;
        const double w = writer.width(l->text, size, l->priority == 0);
        const auto p = v.to_px(l->anchor_m);
        const double x = x0 + p.x - w / 2, baseline = y0 + p.y + size * 0.35;
        const model::Extent box = page_box(x - size * 0.15, baseline - size, w + size * 0.3, size * 1.3);
        if (box.min_x < frame.min_x || box.min_y < frame.min_y || box.max_x > frame.max_x || box.max_y > frame.max_y) continue;
        auto hits = [&](const model::Extent& b) { return boxes_overlap(b, box); };
        if (std::any_of(obstacles.begin(), obstacles.end(), hits)) continue;
        if (std::any_of(placed.begin(), placed.end(), [&](const PlacedLabel& o) { return hits(o.box); })) continue;
        placed.push_back({l, x, baseline, size, box});
    }
    return placed;
}

void draw_labels(cairo_t* cr, const Writer& writer, const std::vector<PlacedLabel>& labels) {
    for (const auto& p : labels) {
        // A white halo under the text keeps names readable on any fill.
        cairo_save(cr);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.75);
        cairo_rectangle(cr, p.box.min_x, p.box.min_y, p.box.width(), p.box.height());
        cairo_fill(cr);
        cairo_restore(cr);
        writer.text(p.label->text, p.x, p.baseline, p.size, p.label->color, p.label->priority == 0);
    }
}

// Markers and the centres of areas, on the page: what an element should not cover.
std::vector<model::Vec2> feature_points(const scene::Scene& scene, const scene::Viewport& v, double x0, double y0) {
    std::vector<model::Vec2> points;
    for (const auto& item : scene.items) {
        model::Vec2 at;
        if (const auto* m = std::get_if<scene::Marker>(&item)) at = m->position_m;
        else if (const auto* f = std::get_if<scene::Fill>(&item)) at = f->shape_m.extent().centre();
        else continue;
        const auto p = v.to_px(at);
        if (p.x >= 0 && p.y >= 0 && p.x <= v.width_px && p.y <= v.height_px) points.push_back({x0 + p.x, y0 + p.y});
    }
    return points;
}

// The legend's text, size and drawing: a bold heading, then a swatch and a label per entry.
struct LegendBox {
    std::vector<std::string> labels;
    double size, row, swatch, pad, heading_h, width, height;
};

LegendBox measure_legend(const Writer& writer, const scene::Scene& scene, const Figure& figure, double mm) {
    LegendBox b{{}, 3.0 * mm, 4.6 * mm, 5 * mm, 2.5 * mm, 0, 0, 0};
    double text_w = 0;
    for (std::size_t i = 0; i < scene.legend.size(); ++i) {
        const auto& e = scene.legend[i];
        std::string label = model::display_name(e.key, figure.language);
        const int count = figure.legend_counts && i < figure.legend_counts->size() ? (*figure.legend_counts)[i] : e.count;
        if (count >= 0) label += "  (" + std::to_string(count) + ")";
        text_w = std::max(text_w, writer.width(label, b.size));
        b.labels.push_back(std::move(label));
    }
    b.width = text_w + b.swatch + 3 * b.pad;
    if (!figure.legend_heading.empty()) {
        b.heading_h = b.row;
        b.width = std::max(b.width, writer.width(figure.legend_heading, b.size, true) + 2 * b.pad);
    }
    b.height = b.heading_h + b.row * static_cast<double>(scene.legend.size()) + 2 * b.pad;
    return b;
}

void draw_legend(cairo_t* cr, const Writer& writer, const scene::Scene& scene, const Figure& figure, const LegendBox& b, double x, double top,
                 double mm, std::vector<model::Vec2>& swatches) {
    cairo_set_source_rgba(cr, 1, 1, 1, 0.92);
    cairo_rectangle(cr, x, top, b.width, b.height);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    cairo_set_line_width(cr, 0.2 * mm);
    cairo_stroke(cr);
    if (b.heading_h > 0) writer.text(figure.legend_heading, x + b.pad, top + b.pad + b.row * 0.72, b.size, {20, 20, 20, 255}, true);
    double y = top + b.pad + b.heading_h;
    const double row = b.row, swatch = b.swatch;
    for (std::size_t i = 0; i < scene.legend.size(); ++i) {
        const auto& e = scene.legend[i];
        cairo_set_source_rgba(cr, e.color.r / 255.0, e.color.g / 255.0, e.color.b / 255.0, e.color.a / 255.0);
        const double sx = x + b.pad, sy = y + (row - swatch * 0.7) / 2;
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
        writer.text(b.labels[i], x + swatch + 2 * b.pad, y + row * 0.72, b.size, {30, 30, 30, 255});
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
model::Vec2 inset_size(const scene::Scene& scene, double mm) {
    const double w = 38 * mm;
    return {w, std::min(w * scene.extent_m.height() / std::max(scene.extent_m.width(), 1.0), 60 * mm)};
}

void draw_inset(cairo_t* cr, const scene::Scene& scene, const model::Extent& shown, double x, double y, double mm) {
    const double w = inset_size(scene, mm).x, h = inset_size(scene, mm).y;
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

namespace {

// The frame texts under the map, in two lines: 审图号 left and 编制单位 · 制图日期 · 坐标系 right,
// then the data sources (shrunk to the page's width, never cut). Elements the layout places go
// where it says instead.
struct FrameLines {
    std::string review, sources;
    std::vector<std::pair<std::string, const Placement*>> right;  // right-aligned, in order
    int lines() const {
        bool right_any = false;
        for (const auto& r : right) right_any = right_any || !r.first.empty();
        return (review.empty() && !right_any ? 0 : 1) + (sources.empty() ? 0 : 1);
    }
};

FrameLines frame_lines(const Figure& figure) {
    const auto lang = figure.language;
    const Layout& l = figure.layout;
    FrameLines f;
    auto shown = [](const Placement& p, std::string text) { return p.shown ? text : std::string(); };
    f.review = shown(l.review_number, review_number_text(figure.frame, lang));
    f.sources = shown(l.sources, figure.frame.sources.empty() ? figure.source_line : sources_text(figure.frame, lang));
    f.right = {{shown(l.compiled_by, compiled_by_text(figure.frame, lang)), &l.compiled_by},
               {shown(l.date, date_text(figure.frame, lang)), &l.date},
               {shown(l.crs, crs_text(figure.frame, lang)), &l.crs}};
    return f;
}

void draw_frame_texts(const Writer& writer, const Figure& figure, double left, double right, double bottom, double mm) {
    const FrameLines f = frame_lines(figure);
    const Layout& l = figure.layout;
    const double size = 2.6 * mm;
    const scene::Color grey{70, 70, 70, 255};
    auto at = [mm](const Placement& p) { return model::Vec2{p.at_mm->x * mm, p.at_mm->y * mm}; };
    const double line1 = f.sources.empty() ? bottom : bottom - size * 1.5;
    if (!f.sources.empty()) {
        double s = size;
        while (writer.width(f.sources, s) > right - left && s > 1.4 * mm) s *= 0.92;
        const model::Vec2 p = l.sources.at_mm ? at(l.sources) : model::Vec2{left, bottom};
        writer.text(f.sources, p.x, p.y, s, grey);
    }
    if (!f.review.empty()) {
        const model::Vec2 p = l.review_number.at_mm ? at(l.review_number) : model::Vec2{left, line1};
        writer.text(f.review, p.x, p.y, size, grey);
    }
    double x = right;
    for (auto it = f.right.rbegin(); it != f.right.rend(); ++it) {
        if (it->first.empty()) continue;
        if (it->second->at_mm) {
            writer.text(it->first, at(*it->second).x, at(*it->second).y, size, grey);
            continue;
        }
        x -= writer.width(it->first, size);
        writer.text(it->first, x, line1, size, grey);
        x -= 4 * mm;
    }
}

void draw_north_arrow(cairo_t* cr, const Writer& writer, double ax, double ay, double mm, model::Language language) {
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_move_to(cr, ax, ay);
    cairo_line_to(cr, ax + 3 * mm, ay + 9 * mm);
    cairo_line_to(cr, ax, ay + 7 * mm);
    cairo_line_to(cr, ax - 3 * mm, ay + 9 * mm);
    cairo_close_path(cr);
    cairo_fill(cr);
    const std::string north = language == model::Language::Chinese ? "北" : "N";
    writer.text(north, ax - writer.width(north, 3.5 * mm, true) / 2, ay - 1.2 * mm, 3.5 * mm, {10, 10, 10, 255}, true);
}

void draw_scale_bar(cairo_t* cr, const Writer& writer, const PageReport& report, double mm) {
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

scene::Viewport frame_viewport(const model::Extent& extent, double width, double height) {
    scene::Viewport v = scene::Viewport::fit(extent, 1, 1, 0);
    v.width_px = static_cast<int>(width);
    v.height_px = static_cast<int>(height);
    v.m_per_px = std::max(extent.width() / v.width_px, extent.height() / v.height_px) * 1.04;  // a little air inside the frame
    return v;
}

// What the page puts over or beside the map, as boxes; where none is set, they go where they cover
// least (see place_elements).
struct Elements {
    std::optional<model::Extent> legend, inset, scale_bar, arrow;
    std::vector<model::Extent> boxes() const {
        std::vector<model::Extent> out;
        for (const auto* b : {&legend, &inset, &scale_bar, &arrow})
            if (*b) out.push_back(**b);
        return out;
    }
};

// The element sizes wanted (nothing: not drawn) and their fixed positions from the layout.
struct ElementWants {
    std::optional<model::Vec2> legend, inset;  // width, height
    std::optional<model::Vec2> legend_at, inset_at, scale_bar_at;
    bool scale_bar = true;
};

// Legend and inset in the frame's corners that cover nothing; those that find none go beside the
// map into `column` (x, from top to bottom) while it has room, else into the least-covering
// corner (the labels under them are then left out, never covered). Returns the ones still in
// want of a column when `column` is empty, so the caller can narrow the map and try again.
std::vector<bool> place_in_corners(const model::Extent& frame, const ElementWants& want, const MapContent& content, double mm,
                                   Elements& e, std::optional<model::Extent> column) {
    std::vector<bool> beside(2, false);
    const std::optional<model::Vec2>* sizes[] = {&want.legend, &want.inset};
    const std::optional<model::Vec2>* fixed[] = {&want.legend_at, &want.inset_at};
    std::optional<model::Extent>* slots[] = {&e.legend, &e.inset};
    for (int i = 0; i < 2; ++i) {
        if (!*sizes[i]) continue;
        const model::Vec2 size = **sizes[i];
        if (*fixed[i]) {
            *slots[i] = page_box((*fixed[i])->x, (*fixed[i])->y, size.x, size.y);
            continue;
        }
        const auto spot = best_corner(frame, size.x, size.y, 3 * mm, content, e.boxes());
        if (spot && spot->cost == 0) {
            *slots[i] = spot->box;
            continue;
        }
        constexpr double kSlack = 0.01;  // the column was made this wide: rounding must not refuse it
        if (column && column->height() + kSlack >= size.y && column->width() + kSlack >= size.x) {
            *slots[i] = page_box(column->min_x, column->min_y, size.x, size.y);
            column->min_y += size.y + 4 * mm;
            continue;
        }
        beside[i] = !column.has_value();
        if (spot) *slots[i] = spot->box;
        else *slots[i] = page_box(frame.min_x + 3 * mm, frame.min_y + 3 * mm, size.x, size.y);
    }
    return beside;
}

MapContent map_content(const Writer& writer, const scene::Scene& scene, const scene::Viewport& v, double x0, double y0, double mm) {
    MapContent content;
    for (const auto& l : layout_labels(writer, scene, v, x0, y0, mm, {})) content.labels.push_back(l.box);
    content.features = feature_points(scene, v, x0, y0);
    return content;
}

}  // namespace

void draw_tables_page(cairo_t* cr, const std::string& title, const std::vector<SideTable>& tables, double width, double height, double mm,
                      const Figure* frame_of, double text_mm, std::vector<PlacedText>* texts) {
    const Writer writer(cr, texts);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    const double margin = 12 * mm;
    writer.text(title, margin, margin + 6.5 * mm, 6.5 * mm, {20, 20, 20, 255}, true);
    double top = margin + 10 * mm;
    for (const auto& table : tables) top += draw_table(cr, writer, table, margin, top, width - 2 * margin, mm, text_mm) + 4 * mm;
    if (frame_of) draw_frame_texts(writer, *frame_of, margin, width - margin, height - margin, mm);
}

void draw_table_page(cairo_t* cr, const std::string& title, const SideTable& table, double width, double height, double mm,
                     std::vector<PlacedText>* texts) {
    draw_tables_page(cr, title, {table}, width, height, mm, nullptr, 4.5, texts);
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
    const double frame_h = frame_lines(figure).lines() * source_size * 1.5 + source_size * 0.5;
    const double map_bottom = height - margin - frame_h - (figure.ticks ? 4 * mm : 0);  // tick labels below
    report.map_x = margin;
    report.map_y = map_top;
    report.map_width = width - 2 * margin;
    report.map_height = std::max(10.0, map_bottom - map_top);
    if (!figure.side_tables.empty()) report.map_width = (width - 2 * margin) * 0.62;
    if (layout.map_mm) {
        report.map_x = layout.map_mm->min_x * mm;
        report.map_y = layout.map_mm->min_y * mm;
        report.map_width = layout.map_mm->width() * mm;
        report.map_height = layout.map_mm->height() * mm;
    }

    // The side tables first: the legend or inset may go below them.
    double table_top = report.map_y;
    const double table_x = report.map_x + report.map_width + 5 * mm;
    for (const auto& table : figure.side_tables)
        table_top += draw_table(cr, writer, table, table_x, table_top, width - margin - table_x, mm) + 4 * mm;

    const model::Extent extent = figure.extent_m.value_or(scene.extent_m);
    const LegendBox legend_box = measure_legend(writer, scene, figure, mm);
    ElementWants want;
    if (layout.legend.shown && !scene.legend.empty()) want.legend = model::Vec2{legend_box.width, legend_box.height};
    if (figure.inset && layout.inset.shown && figure.extent_m && figure.extent_m->width() < scene.extent_m.width() * 0.9)
        want.inset = inset_size(scene, mm);
    if (layout.legend.at_mm) want.legend_at = at(layout.legend);
    if (layout.inset.at_mm) want.inset_at = at(layout.inset);

    Elements elements;
    scene::Viewport v = frame_viewport(extent, report.map_width, report.map_height);
    auto frame_box = [&] { return page_box(report.map_x, report.map_y, v.width_px, v.height_px); };
    auto arrow_at = [&] {
        return layout.north_arrow.at_mm ? at(layout.north_arrow) : model::Vec2{report.map_x + v.width_px - 10 * mm, report.map_y + 8 * mm};
    };
    auto place = [&](std::optional<model::Extent> column) {
        elements = {};
        if (layout.north_arrow.shown) elements.arrow = page_box(arrow_at().x - 4 * mm, arrow_at().y - 5 * mm, 8 * mm, 15 * mm);
        return place_in_corners(frame_box(), want, map_content(writer, scene, v, report.map_x, report.map_y, mm), mm, elements, column);
    };
    std::optional<model::Extent> side_column;
    if (!figure.side_tables.empty()) side_column = page_box(table_x, table_top, width - margin - table_x, map_bottom - table_top);
    const auto beside = place(side_column);
    if ((beside[0] || beside[1]) && !layout.map_mm) {
        // Nothing in the frame is free: give the map's right side to the elements that need it.
        double column_w = 0;
        if (beside[0]) column_w = std::max(column_w, want.legend->x);
        if (beside[1]) column_w = std::max(column_w, want.inset->x);
        if (report.map_width - column_w - 5 * mm > report.map_width * 0.55) {
            report.map_width -= column_w + 5 * mm;
            v = frame_viewport(extent, report.map_width, report.map_height);
            place(page_box(report.map_x + report.map_width + 5 * mm, report.map_y, column_w, report.map_height));
        }
    }
    report.viewport = v;

    // Scale bar: a round length about a fifth of the frame, true at the map's centre, in the
    // corner covering least.
    report.scale_bar_length_m = round_length(v.width_px * v.m_per_px / 5);
    report.scale_bar_length = report.scale_bar_length_m / v.m_per_px;
    report.scale_bar_x = report.map_x + v.width_px - report.scale_bar_length - 8 * mm;
    report.scale_bar_y = report.map_y + v.height_px - 8 * mm;
    if (layout.scale_bar.at_mm) {
        report.scale_bar_x = at(layout.scale_bar).x, report.scale_bar_y = at(layout.scale_bar).y;
    } else if (layout.scale_bar.shown) {
        const MapContent content = map_content(writer, scene, v, report.map_x, report.map_y, mm);
        if (const auto spot = best_corner(frame_box(), report.scale_bar_length + 6 * mm, 9 * mm, 2 * mm, content, elements.boxes()))
            report.scale_bar_x = spot->box.min_x + 3 * mm, report.scale_bar_y = spot->box.min_y + 6 * mm;
    }
    if (layout.scale_bar.shown)
        elements.scale_bar = page_box(report.scale_bar_x - 3 * mm, report.scale_bar_y - 6 * mm, report.scale_bar_length + 6 * mm, 9 * mm);

    // The map, clipped to its frame; symbols sized as on a 96-dpi screen, in paper units.
    cairo_save(cr);
    cairo_rectangle(cr, report.map_x, report.map_y, v.width_px, v.height_px);
    cairo_clip(cr);
    cairo_translate(cr, report.map_x, report.map_y);
    draw_map(scene, v, cr, kMmPerScreenPixel * mm, figure.cancel, figure.progress);
    cairo_restore(cr);
    const auto labels = layout_labels(writer, scene, v, report.map_x, report.map_y, mm, elements.boxes());
    draw_labels(cr, writer, labels);
    for (const auto& l : labels) report.label_boxes.push_back(l.box);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.35 * mm);
    cairo_rectangle(cr, report.map_x, report.map_y, v.width_px, v.height_px);
    cairo_stroke(cr);
    if (figure.ticks) draw_ticks(cr, writer, v, *figure.ticks, report.map_x, report.map_y, mm);

    // North arrow (the working CRS's grid north is true north at the central meridian and within
    // a degree across a county).
    if (layout.north_arrow.shown) draw_north_arrow(cr, writer, arrow_at().x, arrow_at().y, mm, figure.language);
    if (layout.scale_bar.shown) draw_scale_bar(cr, writer, report, mm);
    if (elements.legend) {
        draw_legend(cr, writer, scene, figure, legend_box, elements.legend->min_x, elements.legend->min_y, mm, report.legend_swatches);
        report.legend_box = elements.legend;
    }
    if (elements.inset) {
        draw_inset(cr, scene, *figure.extent_m, elements.inset->min_x, elements.inset->min_y, mm);
        report.inset_box = elements.inset;
    }
    report.scale_bar_box = elements.scale_bar;
    draw_frame_texts(writer, figure, margin, width - margin, height - margin, mm);
    return report;
}

}  // namespace ca::print
