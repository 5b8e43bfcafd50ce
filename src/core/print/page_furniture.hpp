// The parts of a page around and over the map: legend, side tables, inset locator, frame ticks,
// north arrow, scale bar, and the frame texts under the map.
#pragma once

#include <string>
#include <vector>

#include "core/print/page_writer.hpp"

namespace ca::print::detail {

// 1, 2 or 5 times a power of ten: the longest such length not above `max_m`.
double round_length(double max_m);

// The legend entries a frame showing `ground_m` lists: an entry standing for lines or symbols
// when one of them lies there; entries that stand for no item (choropleth classes) always.
std::vector<std::size_t> legend_rows(const scene::Scene& scene, const model::Extent& ground_m);

// The legend's text and size: a bold heading, then a swatch and a label per listed entry.
struct LegendBox {
    std::vector<std::size_t> rows;  // indexes of scene.legend
    std::vector<std::string> labels;
    double size, row, swatch, pad, heading_h, width, height;
};
LegendBox measure_legend(const Writer& writer, const scene::Scene& scene, const Figure& figure, std::vector<std::size_t> rows, double mm);
void draw_legend(cairo_t* cr, const Writer& writer, const scene::Scene& scene, const Figure& figure, const LegendBox& b, double x, double top,
                 double mm, std::vector<model::Vec2>& swatches);

// What draw_table puts above the first row: the table's heading and the gap under it.
constexpr double kTableHeading_mm = 6;
constexpr double kTableRowPerText = 1.55;  // a row's height over its text size

// The text size draw_table sets the table in: `text_mm` (in page units: times `mm`), shrunk until
// its columns fit `width`.
double table_text_size(const Writer& writer, const SideTable& table, double width, double mm, double text_mm);

// "合计", "小计", "Total", "Subtotal" in the first cell: a row drawn bold, kept last.
bool is_total_row(const std::vector<std::string>& row);

// Draws a table with its heading at (x, top), fitting `width`; returns the height used.
double draw_table(cairo_t* cr, const Writer& writer, const SideTable& table, double x, double top, double width, double mm,
                  double text_mm = 3.0);

// A locator of the whole data with the page's extent marked: its size, and drawn at (x, y).
model::Vec2 inset_size(const scene::Scene& scene, double mm);
void draw_inset(cairo_t* cr, const scene::Scene& scene, const model::Extent& shown, double x, double y, double mm);

// Longitude and latitude ticks with labels around the frame at (x0, y0).
void draw_ticks(cairo_t* cr, const Writer& writer, const scene::Viewport& v, const model::Projection& projection, double x0, double y0, double mm);

void draw_north_arrow(cairo_t* cr, const Writer& writer, double ax, double ay, double mm, model::Language language);
void draw_scale_bar(cairo_t* cr, const Writer& writer, const PageReport& report, double mm);

// How many lines the frame texts take under the map (0, 1 or 2), and drawing them.
int frame_text_lines(const Figure& figure);
void draw_frame_texts(const Writer& writer, const Figure& figure, double left, double right, double bottom, double mm);

}  // namespace ca::print::detail
