// A map figure on a page: title, map frame, legend, scale bar, north arrow, source line.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <cairo.h>

#include "core/model/dem.hpp"
#include "core/model/language.hpp"
#include "core/model/projection.hpp"
#include "core/print/frame_texts.hpp"
#include "core/scene/scene.hpp"

namespace ca::print {

struct PageSize {
    double width_mm = 297, height_mm = 210;  // A4 landscape
    bool in_pixels = false;                  // "1920x1080px": a screen figure, PNG at exactly that size
};

// "A4", "A3", "A4-landscape", "A3-portrait"... (portrait unless said), or "WIDTHxHEIGHTpx" (taken
// at 96 dpi); nothing when unknown.
std::optional<PageSize> page_size_from_string(const std::string& name);

// A small table beside the map (atlas pages): a heading and rows of cells, the first row bold.
struct SideTable {
    std::string heading;
    std::vector<std::vector<std::string>> rows;
    // Rows measured with `rows` for the column widths but not drawn: the parts of a table
    // continued over pages share the whole table's columns, so they line up from page to page.
    std::shared_ptr<const std::vector<std::vector<std::string>>> sized_with;
};

// Where the page's elements go, when not where the default layout puts them. Millimetres from the
// page's top-left corner; an element can also be switched off.
struct Placement {
    bool shown = true;
    std::optional<model::Vec2> at_mm;  // title: baseline start; legend and inset: top-left corner;
                                       // scale bar: left end; north arrow: tip
};
// Legend, inset and scale bar without a position go where they cover the fewest labels and
// features (a corner of the map frame, else beside the map); frame texts without one go under
// the map (at_mm: their baseline start).
struct Layout {
    std::optional<model::Extent> map_mm;  // the map frame (min = top-left, max = bottom-right)
    Placement title, legend, scale_bar, north_arrow, inset;
    Placement review_number, compiled_by, sources, date, crs;
};

struct Figure {
    std::string title;
    std::string subtitle;
    std::string source_line;           // a free line under the map, when frame.sources is empty
    FrameTexts frame;                  // 审图号, 编制单位, 数据来源, 制图日期, 坐标系
    std::string legend_heading;        // "贫困发生率（%），自然断点，5 级": bold above the entries
    std::optional<std::vector<int>> legend_counts;  // per legend entry, instead of the scene's (a township's villages)
    std::optional<model::Extent> extent_m;  // the map's ground extent; the scene's when empty
    model::Language language = model::Language::Chinese;
    double margin_mm = 12;
    std::vector<SideTable> side_tables;  // when any, they take a column right of the map
    bool inset = true;                   // a locator map of the whole data, when the map shows part of it
    // When set: longitude and latitude ticks with labels on the frame (the map's CRS to lon/lat).
    const model::Projection* ticks = nullptr;
    // Set by an interactive caller: drawing stops with a ca::Error of kind Cancelled once it turns true.
    const std::atomic<bool>* cancel = nullptr;
    std::atomic<float>* progress = nullptr;  // when set: the share of the map drawn so far, 0..1
    std::size_t map_threads = 0;  // cores drawing a raster map (0: all); pages drawn side by side take one each
    // The project's DEM, shaded under the map when the scene's terrain style shows it: warped for
    // the frame at its own pixels (PNG) or at `terrain_dpi` (PDF, SVG). Copies, not borrowed: the
    // viewer lets go of its data snapshot once the page's scene is built.
    std::optional<model::Dem> dem;
    std::shared_ptr<const model::Projection> working;
    double terrain_dpi = 200;
    Layout layout;
};


// Where things landed on the page, in the page's own units (points for PDF/SVG, pixels for PNG).
struct PageReport {
    double map_x = 0, map_y = 0, map_width = 0, map_height = 0;
    scene::Viewport viewport;     // the map frame's view
    double scale_bar_length_m = 0;
    double scale_bar_x = 0, scale_bar_y = 0, scale_bar_length = 0;  // its left end and length on the page
    std::vector<model::Vec2> legend_swatches;  // the centre of each legend entry's symbol, in legend order
    std::optional<model::Extent> legend_box, inset_box, scale_bar_box;  // where drawn (min = top-left)
    std::vector<model::Extent> label_boxes;  // every label drawn on the map
};

// Text drawn on a page, for back-ends that keep text as text (SVG).
struct PlacedText {
    std::string text;
    double x, y;  // baseline start
    double size;
    scene::Color color;
    bool bold = false;
};

// Draws the figure on a page of `width` x `height` units, where one millimetre is `units_per_mm`.
// Text goes through Cairo unless `texts` is given, which then collects it instead.
PageReport draw_page(cairo_t* cr, const scene::Scene& scene, const Figure& figure, double width, double height, double units_per_mm,
                     std::vector<PlacedText>* texts = nullptr);

// A page holding only tables, one under the other (an atlas's statistics, its continued project
// lists); with `frame_of`, that figure's frame texts (审图号...) at the bottom, as on map pages.
void draw_tables_page(cairo_t* cr, const std::string& title, const std::vector<SideTable>& tables, double width, double height,
                      double units_per_mm, const Figure* frame_of = nullptr, double text_mm = 4.5,
                      std::vector<PlacedText>* texts = nullptr);

// A table split over tables pages of `page`'s size (with `frame_of`'s frame texts at the
// bottom, as draw_tables_page puts them), each part to be drawn at `text_mm`: the whole table's
// text size, shrunk as its columns need. Every part repeats the column heads (the first row); a
// 合计 row stays last, on the last part, with a row above it when a page holds two; all parts
// keep the whole table's column widths. A table that fits is one part.
struct TableParts {
    std::vector<SideTable> parts;
    double text_mm = 4.5;
};
TableParts split_table(const SideTable& table, const PageSize& page, const Figure* frame_of = nullptr, double text_mm = 4.5);

// A page holding only a table.
void draw_table_page(cairo_t* cr, const std::string& title, const SideTable& table, double width, double height, double units_per_mm,
                     std::vector<PlacedText>* texts = nullptr);

}  // namespace ca::print
