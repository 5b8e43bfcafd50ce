// Drawing a page's legend, side tables, inset, ticks, north arrow, scale bar and frame texts.
#include "core/print/page_furniture.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "core/print/draw_map.hpp"
#include "core/scene/townships.hpp"

namespace ca::print::detail {
namespace {

std::string length_text(double m) {
    char buffer[32];
    if (m >= 1000) std::snprintf(buffer, sizeof buffer, "%g km", m / 1000);
    else std::snprintf(buffer, sizeof buffer, "%g m", m);
    return buffer;
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

}  // namespace

double round_length(double max_m) {
    const double power = std::pow(10.0, std::floor(std::log10(max_m)));
    for (double step : {5.0, 2.0, 1.0})
        if (step * power <= max_m) return step * power;
    return power;
}

std::vector<std::size_t> legend_rows(const scene::Scene& scene, const model::Extent& ground_m) {
    std::vector<char> stands_for_items(scene.legend.size(), 0), in_frame(scene.legend.size(), 0);
    for (const auto& item : scene.items) {
        int entry = -1;
        if (const auto* marker = std::get_if<scene::Marker>(&item)) entry = marker->legend;
        else if (const auto* stroke = std::get_if<scene::Stroke>(&item)) entry = stroke->legend;
        if (entry < 0 || static_cast<std::size_t>(entry) >= scene.legend.size()) continue;
        const auto e = static_cast<std::size_t>(entry);
        stands_for_items[e] = 1;
        if (in_frame[e]) continue;
        if (const auto* marker = std::get_if<scene::Marker>(&item)) in_frame[e] = scene::contains(ground_m, marker->position_m);
        else in_frame[e] = scene::overlaps(ground_m, scene.shape_of(std::get<scene::Stroke>(item)).extent());
    }
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < scene.legend.size(); ++i)
        if (!stands_for_items[i] || in_frame[i]) rows.push_back(i);
    return rows;
}

LegendBox measure_legend(const Writer& writer, const scene::Scene& scene, const Figure& figure, std::vector<std::size_t> rows, double mm) {
    LegendBox b{std::move(rows), {}, 3.0 * mm, 4.6 * mm, 5 * mm, 2.5 * mm, 0, 0, 0};
    double text_w = 0;
    for (const std::size_t i : b.rows) {
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
    b.height = b.heading_h + b.row * static_cast<double>(b.rows.size()) + 2 * b.pad;
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
    for (std::size_t row_index = 0; row_index < b.rows.size(); ++row_index) {
        const auto& e = scene.legend[b.rows[row_index]];
        cairo_set_source_rgba(cr, e.color.r / 255.0, e.color.g / 255.0, e.color.b / 255.0, e.color.a / 255.0);
        const double sx = x + b.pad, sy = y + (row - swatch * 0.7) / 2;
        cairo_new_path(cr);  // the text before leaves a current point an arc would join
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
        if (e.hollow) {  // planned sites: a ring of the colour around white, as on the map
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_fill_preserve(cr);
            cairo_set_source_rgba(cr, e.color.r / 255.0, e.color.g / 255.0, e.color.b / 255.0, e.color.a / 255.0);
            cairo_set_line_width(cr, 0.5 * mm);
            cairo_stroke(cr);
        } else if (e.dashed) {  // the line as a dashed stroke rather than a bar
            cairo_new_path(cr);
            const double dash[2] = {1.6 * mm, 0.9 * mm};
            cairo_set_dash(cr, dash, 2, 0);
            cairo_set_line_width(cr, 0.8 * mm);
            cairo_move_to(cr, sx, y + row / 2);
            cairo_line_to(cr, sx + swatch, y + row / 2);
            cairo_stroke(cr);
            cairo_set_dash(cr, nullptr, 0, 0);
        } else {
            cairo_fill(cr);
        }
        swatches.push_back({sx + swatch / 2, y + row / 2});
        writer.text(b.labels[row_index], x + swatch + 2 * b.pad, y + row * 0.72, b.size, {30, 30, 30, 255});
        y += row;
    }
}

namespace {

// "15447", "22.2%", "2 / 2", "-": a figure, set flush right so its digits line up.
bool is_figure(const std::string& cell) {
    if (cell == "-" || cell == "—") return true;
    bool digit = false;
    for (char c : cell) {
        if (c >= '0' && c <= '9') digit = true;
        else if (std::string_view(".,%-/ ").find(c) == std::string_view::npos) return false;
    }
    return digit;
}

// Columns whose body (every row but the heading) holds only figures.
std::vector<bool> figure_columns(const SideTable& table) {
    std::vector<bool> figures;
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        if (figures.size() < table.rows[r].size()) figures.resize(table.rows[r].size(), true);
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) figures[c] = figures[c] && (table.rows[r][c].empty() || is_figure(table.rows[r][c]));
    }
    return figures;
}

// Each column's width at text `size`: its widest cell (sized_with rows too) and some air.
std::vector<double> column_widths(const Writer& writer, const SideTable& table, double size, double mm) {
    std::vector<double> columns;
    auto widen = [&](const std::vector<std::vector<std::string>>& rows) {
        for (const auto& row : rows) {
            if (columns.size() < row.size()) columns.resize(row.size(), 0);
            for (std::size_t c = 0; c < row.size(); ++c) columns[c] = std::max(columns[c], writer.width(row[c], size) + 2.5 * mm);
        }
    };
    widen(table.rows);
    if (table.sized_with) widen(*table.sized_with);
    return columns;
}

double sum(const std::vector<double>& values) {
    double total = 0;
    for (double v : values) total += v;
    return total;
}

}  // namespace

bool is_total_row(const std::vector<std::string>& row) {
    return !row.empty() && (row.front() == "合计" || row.front() == "小计" || row.front() == "Total" || row.front() == "Subtotal");
}

double table_text_size(const Writer& writer, const SideTable& table, double width, double mm, double text_mm) {
    double size = text_mm * mm;
    while (sum(column_widths(writer, table, size, mm)) > width && size > 1.6 * mm) size *= 0.9;  // shrink to fit
    return size;
}

double draw_table(cairo_t* cr, const Writer& writer, const SideTable& table, double x, double top, double width, double mm,
                  double text_mm) {
    const double size = table_text_size(writer, table, width, mm, text_mm);
    const std::vector<double> columns = column_widths(writer, table, size, mm);
    const std::vector<bool> figures = figure_columns(table);
    const double row_h = size * kTableRowPerText;
    double y = top + 4 * mm;
    writer.text(table.heading, x, y, 3.6 * mm, {20, 20, 20, 255}, true);
    y = top + kTableHeading_mm * mm;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (r % 2 == 1) {
            cairo_set_source_rgb(cr, 0.95, 0.95, 0.95);
            cairo_rectangle(cr, x, y, std::min(width, sum(columns)), row_h);
            cairo_fill(cr);
        }
        double cx = x;
        const bool bold = r == 0 || is_total_row(table.rows[r]);
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
            const std::string& cell = table.rows[r][c];
            const bool right = c < figures.size() && figures[c] && c > 0;
            const double tx = right ? cx + columns[c] - 1.5 * mm - writer.width(cell, size, bold) : cx + 1 * mm;
            writer.text(cell, tx, y + row_h * 0.75, size, {30, 30, 30, 255}, bold);
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

int frame_text_lines(const Figure& figure) { return frame_lines(figure).lines(); }

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

}  // namespace ca::print::detail
