// Page layout for map figures: header, the map frame and where the legend, inset and scale bar go;
// table pages, and a long table split over them. The parts are drawn by page_furniture and
// page_labels.
#include "core/print/page.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "core/model/text.hpp"
#include "core/terrain/elevation_grid.hpp"
#include "core/print/draw_map.hpp"
#include "core/print/page_furniture.hpp"
#include "core/print/page_labels.hpp"
#include "core/print/page_placement.hpp"

namespace ca::print {
using namespace detail;

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

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kTablesMargin_mm = 12, kTablesTitle_mm = 10;  // a tables page's margins, and its title's line
constexpr double kFrameTextSize_mm = 2.6;

// The frame texts' lines under a page's content (审图号..., 数据来源), with some air above them.
double frame_texts_height_mm(const Figure& figure) { return frame_text_lines(figure) * kFrameTextSize_mm * 1.5 + kFrameTextSize_mm * 0.5; }

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
// corner (the labels under them are then left out, never covered). Returns the ones that found
// neither a free corner nor room in `column`, so the caller can narrow the map and try again.
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
        beside[i] = true;  // the caller may still narrow the map for a column of its own
        if (spot) *slots[i] = spot->box;
        else *slots[i] = page_box(frame.min_x + 3 * mm, frame.min_y + 3 * mm, size.x, size.y);
    }
    return beside;
}

}  // namespace

// Places the legend and inset (see place_in_corners), narrowing the map for a column beside it
// when they find no free corner and no room below the side tables; returns the frame's view.
scene::Viewport place_elements(const Writer& writer, const scene::Scene& scene, const Figure& figure, const ElementWants& want,
                               const std::optional<model::Extent>& side_column, double mm, PageReport& report, Elements& elements) {
    const Layout& layout = figure.layout;
    const model::Extent extent = figure.extent_m.value_or(scene.extent_m);
    auto at = [mm](const Placement& p) { return model::Vec2{p.at_mm->x * mm, p.at_mm->y * mm}; };
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
    return v;
}

void draw_tables_page(cairo_t* cr, const std::string& title, const std::vector<SideTable>& tables, double width, double height, double mm,
                      const Figure* frame_of, double text_mm, std::vector<PlacedText>* texts) {
    const Writer writer(cr, texts);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    const double margin = kTablesMargin_mm * mm;
    writer.text(title, margin, margin + 6.5 * mm, 6.5 * mm, {20, 20, 20, 255}, true);
    double top = margin + kTablesTitle_mm * mm;
    for (const auto& table : tables) top += draw_table(cr, writer, table, margin, top, width - 2 * margin, mm, text_mm) + 4 * mm;
    if (frame_of) draw_frame_texts(writer, *frame_of, margin, width - margin, height - margin, mm);
}

void draw_table_page(cairo_t* cr, const std::string& title, const SideTable& table, double width, double height, double mm,
                     std::vector<PlacedText>* texts) {
    draw_tables_page(cr, title, {table}, width, height, mm, nullptr, 4.5, texts);
}

namespace {

// How many rows of `table` (heads included) fit one under the other on a tables page, at
// `size_pt`: between the title and the frame texts, with 2 mm of air above those.
std::size_t rows_per_tables_page(double height_mm, const Figure* frame_of, double size_pt) {
    const double free_mm = height_mm - 2 * kTablesMargin_mm - kTablesTitle_mm - kTableHeading_mm - (frame_of ? frame_texts_height_mm(*frame_of) : 0) - 2;
    const double row_mm = size_pt / kPointsPerMm * kTableRowPerText;
    return static_cast<std::size_t>(std::max(0.0, std::floor(free_mm / row_mm)));
}

}  // namespace

TableParts split_table(const SideTable& table, const PageSize& page, const Figure* frame_of, double text_mm) {
    // Measured in points with unhinted text metrics, as a PDF has them. Each part is drawn at the
    // size found here, which draw_table may only shrink: whatever a PNG's hinted metrics measure,
    // its rows are never taller than counted here.
    using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
    using Context = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;
    Surface surface(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr), &cairo_surface_destroy);
    Context cr(cairo_create(surface.get()), &cairo_destroy);
    std::unique_ptr<cairo_font_options_t, decltype(&cairo_font_options_destroy)> font(cairo_font_options_create(), &cairo_font_options_destroy);
    cairo_font_options_set_hint_metrics(font.get(), CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr.get(), font.get());
    const Writer writer(cr.get(), nullptr);
    const double size_pt = table_text_size(writer, table, (page.width_mm - 2 * kTablesMargin_mm) * kPointsPerMm, kPointsPerMm, text_mm);
    TableParts out{{}, size_pt / kPointsPerMm};
    if (table.rows.empty()) return out;

    // Below the heads: the body, then the 合计 row that must close the last part.
    const auto& rows = table.rows;
    const bool total = rows.size() > 1 && is_total_row(rows.back());
    const std::size_t body_end = rows.size() - (total ? 1 : 0);
    const std::size_t fit = rows_per_tables_page(page.height_mm, frame_of, size_pt);
    const std::size_t room = fit > 2 ? fit - 1 : 1;  // rows under the heads; one at least, on a page too small
    // Every part is sized with the widest cell of each column (not with all rows: a prefecture's
    // 60 pages would each measure its 1,400 rows again).
    std::vector<std::string> widest;
    std::vector<double> widest_pt;
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (widest.size() <= c) widest.resize(c + 1), widest_pt.resize(c + 1, -1);
            if (const double w = writer.width(row[c], size_pt); w > widest_pt[c]) widest[c] = row[c], widest_pt[c] = w;
        }
    const auto sized_with = std::make_shared<const std::vector<std::vector<std::string>>>(1, widest);
    std::size_t next = 1;
    while (true) {
        const std::size_t left = body_end - next;
        std::size_t take = std::min(room, left);
        const bool last = left + (total ? 1 : 0) <= room;
        // All the rest fit but not the 合计 row: leave it one of them, never a part of 合计 alone.
        if (!last && take == left && total) take = std::max<std::size_t>(1, left - 1);
        SideTable part{out.parts.empty() ? table.heading : std::string(), {rows.front()}, sized_with};
        part.rows.insert(part.rows.end(), rows.begin() + static_cast<std::ptrdiff_t>(next), rows.begin() + static_cast<std::ptrdiff_t>(next + take));
        next += take;
        if (last && total) part.rows.push_back(rows.back());
        out.parts.push_back(std::move(part));
        if (last) break;
    }
    return out;
}

namespace {

model::Vec2 at_mm(const Placement& p, double mm) { return {p.at_mm->x * mm, p.at_mm->y * mm}; }

// The ground a frame's view shows.
model::Extent ground_of(const scene::Viewport& v) {
    model::Extent e;
    e.add(v.to_m({0, 0}));
    e.add(v.to_m({static_cast<double>(v.width_px), static_cast<double>(v.height_px)}));
    return e;
}

// Title and subtitle; returns where the map frame may start.
double draw_header(const Writer& writer, const Figure& figure, double margin, double mm) {
    const double title_size = 6.5 * mm, subtitle_size = 3.8 * mm;
    double y = margin + title_size;
    if (!figure.title.empty() && figure.layout.title.shown) {
        const model::Vec2 p = figure.layout.title.at_mm ? at_mm(figure.layout.title, mm) : model::Vec2{margin, y};
        writer.text(figure.title, p.x, p.y, title_size, {20, 20, 20, 255}, true);
    }
    if (!figure.subtitle.empty()) {
        y += subtitle_size * 1.5;
        writer.text(figure.subtitle, margin, y, subtitle_size, {80, 80, 80, 255});
    }
    return y + 3 * mm;
}

// The map frame before the legend or inset claims a column: between the header and the frame
// texts, left of any side tables, or where the layout file puts it. Returns its bottom.
double place_frame(const Figure& figure, double width, double height, double map_top, double mm, PageReport& report) {
    const double margin = figure.margin_mm * mm;
    const double map_bottom = height - margin - frame_texts_height_mm(figure) * mm - (figure.ticks ? 4 * mm : 0);  // tick labels below
    report.map_x = margin;
    report.map_y = map_top;
    report.map_width = (width - 2 * margin) * (figure.side_tables.empty() ? 1.0 : 0.62);
    report.map_height = std::max(10.0, map_bottom - map_top);
    if (const auto& custom = figure.layout.map_mm) {
        report.map_x = custom->min_x * mm;
        report.map_y = custom->min_y * mm;
        report.map_width = custom->width() * mm;
        report.map_height = custom->height() * mm;
    }
    return report.map_y + report.map_height;
}

struct PlacedElements {
    scene::Viewport view;
    Elements elements;
    LegendBox legend;
};

// Legend and inset placed (see place_elements), the legend listing what the frame shows. When
// the frame narrows for a column beside it, it shows more ground: the legend is measured again
// for that ground and placed once more.
PlacedElements place_legend_and_inset(const Writer& writer, const scene::Scene& scene, const Figure& figure, const std::optional<model::Extent>& side_column,
                                      double mm, PageReport& report) {
    const Layout& layout = figure.layout;
    const model::Extent extent = figure.extent_m.value_or(scene.extent_m);
    PlacedElements placed{{}, {}, measure_legend(writer, scene, figure, legend_rows(scene, ground_of(frame_viewport(extent, report.map_width, report.map_height))), mm)};
    ElementWants want;
    if (figure.inset && layout.inset.shown && figure.extent_m && figure.extent_m->width() < scene.extent_m.width() * 0.9) want.inset = inset_size(scene, mm);
    if (layout.legend.at_mm) want.legend_at = at_mm(layout.legend, mm);
    if (layout.inset.at_mm) want.inset_at = at_mm(layout.inset, mm);
    const PageReport unplaced = report;
    for (int attempt = 0; attempt < 2; ++attempt) {
        want.legend.reset();
        if (layout.legend.shown && !placed.legend.rows.empty()) want.legend = model::Vec2{placed.legend.width, placed.legend.height};
        report = unplaced;
        placed.view = place_elements(writer, scene, figure, want, side_column, mm, report, placed.elements);
        auto rows = legend_rows(scene, ground_of(placed.view));
        if (rows == placed.legend.rows) break;
        placed.legend = measure_legend(writer, scene, figure, std::move(rows), mm);
    }
    return placed;
}

// A round length about a fifth of the frame, true at the map's centre, in the corner covering least.
void place_scale_bar(const Writer& writer, const scene::Scene& scene, const Figure& figure, const scene::Viewport& v, double mm, PageReport& report,
                     Elements& elements) {
    const Layout& layout = figure.layout;
    report.scale_bar_length_m = round_length(v.width_px * v.m_per_px / 5);
    report.scale_bar_length = report.scale_bar_length_m / v.m_per_px;
    report.scale_bar_x = report.map_x + v.width_px - report.scale_bar_length - 8 * mm;
    report.scale_bar_y = report.map_y + v.height_px - 8 * mm;
    if (layout.scale_bar.at_mm) {
        report.scale_bar_x = at_mm(layout.scale_bar, mm).x, report.scale_bar_y = at_mm(layout.scale_bar, mm).y;
    } else if (layout.scale_bar.shown) {
        const MapContent content = map_content(writer, scene, v, report.map_x, report.map_y, mm);
        const model::Extent frame = page_box(report.map_x, report.map_y, v.width_px, v.height_px);
        if (const auto spot = best_corner(frame, report.scale_bar_length + 6 * mm, 9 * mm, 2 * mm, content, elements.boxes()))
            report.scale_bar_x = spot->box.min_x + 3 * mm, report.scale_bar_y = spot->box.min_y + 6 * mm;
    }
    if (layout.scale_bar.shown)
        elements.scale_bar = page_box(report.scale_bar_x - 3 * mm, report.scale_bar_y - 6 * mm, report.scale_bar_length + 6 * mm, 9 * mm);
    report.scale_bar_box = elements.scale_bar;
}

// The ground one DEM pixel covers, metres (its width; a geographic DEM's at its middle latitude).
double dem_cell_m(const model::Dem& dem) {
    constexpr double kMetresPerDegree = 6378137.0 * 3.14159265358979323846 / 180;
    const double lat_deg = dem.extent_lonlat.empty() ? 0 : (dem.extent_lonlat.min_y + dem.extent_lonlat.max_y) / 2;
    const double unit_m = dem.geographic ? kMetresPerDegree * std::cos(lat_deg * 3.14159265358979323846 / 180) : dem.metres_per_unit;
    return std::hypot(dem.geotransform[1], dem.geotransform[4]) * unit_m;
}

// The DEM warped onto the frame's ground, a cell per device pixel of a raster page or per dot at
// the figure's terrain_dpi on a vector one, but at most two cells per DEM pixel: the image is
// smoothed where it is drawn (Cairo's bilinear filter, the PDF viewer's), and a township page of
// a 30 m DEM would otherwise warp and embed ten times the cells for nothing. Null when there is
// no hillshade to draw.
std::shared_ptr<const model::ElevationGrid> frame_terrain(cairo_t* cr, const scene::Scene& scene, const Figure& figure, const scene::Viewport& v,
                                                          double mm) {
    if (!figure.dem || !figure.working || !scene.terrain_style.visible) return nullptr;
    const bool raster = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
    double px_per_unit = raster ? 1.0 : figure.terrain_dpi / 25.4 / mm;
    if (const double cell_m = dem_cell_m(*figure.dem); cell_m > 0) px_per_unit = std::min(px_per_unit, 2 * v.m_per_px / cell_m);
    // A 600-dpi A0 frame would be a gigapixel: the shade of a 30 m DEM gains nothing past this.
    constexpr double kMaxSide_px = 8000;
    px_per_unit = std::min(px_per_unit, kMaxSide_px / std::max(v.width_px, v.height_px));
    const int w = std::max(1, static_cast<int>(std::lround(v.width_px * px_per_unit)));
    const int h = std::max(1, static_cast<int>(std::lround(v.height_px * px_per_unit)));
    model::ElevationGrid grid = terrain::elevation_grid(*figure.dem, *figure.working, ground_of(v), w, h);
    if (scene.terrain_style.tint) {
        // The tint's ramp spans the whole DEM, as in the viewer: an atlas's pages colour one
        // elevation alike (a coarse grid finds its range; the extremes of a cell or two do not count).
        const auto whole = terrain::elevation_grid(*figure.dem, *figure.working, terrain::footprint_m(*figure.dem, *figure.working), 256, 256);
        grid.min_m = whole.min_m, grid.max_m = whole.max_m;
    }
    return std::make_shared<const model::ElevationGrid>(std::move(grid));
}

// The map clipped to its frame (symbols sized as on a 96-dpi screen, in paper units), its labels
// clear of the page's elements, the frame line and its ticks.
void draw_framed_map(cairo_t* cr, const Writer& writer, const scene::Scene& scene, const Figure& figure, const scene::Viewport& v,
                     const Elements& elements, double mm, PageReport& report) {
    const auto terrain = frame_terrain(cr, scene, figure, v, mm);
    cairo_save(cr);
    cairo_rectangle(cr, report.map_x, report.map_y, v.width_px, v.height_px);
    cairo_clip(cr);
    cairo_translate(cr, report.map_x, report.map_y);
    draw_map(scene, v, cr, kMmPerScreenPixel * mm, {figure.cancel, figure.progress, figure.map_threads, terrain.get()});
    cairo_restore(cr);
    const auto labels = layout_labels(writer, scene, v, report.map_x, report.map_y, mm, elements.boxes());
    draw_labels(cr, writer, labels);
    for (const auto& l : labels) report.label_boxes.push_back(l.box);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.35 * mm);
    cairo_rectangle(cr, report.map_x, report.map_y, v.width_px, v.height_px);
    cairo_stroke(cr);
    if (figure.ticks) draw_ticks(cr, writer, v, *figure.ticks, report.map_x, report.map_y, mm);
}

}  // namespace

PageReport draw_page(cairo_t* cr, const scene::Scene& scene, const Figure& figure, double width, double height, double mm,
                     std::vector<PlacedText>* texts) {
    const Writer writer(cr, texts);
    PageReport report;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    const double margin = figure.margin_mm * mm;
    const double map_bottom = place_frame(figure, width, height, draw_header(writer, figure, margin, mm), mm, report);

    // The side tables first: the legend or inset may go in the column below them.
    double table_top = report.map_y;
    const double table_x = report.map_x + report.map_width + 5 * mm;
    for (const auto& table : figure.side_tables)
        table_top += draw_table(cr, writer, table, table_x, table_top, width - margin - table_x, mm) + 4 * mm;
    std::optional<model::Extent> side_column;
    if (!figure.side_tables.empty()) side_column = page_box(table_x, table_top, width - margin - table_x, map_bottom - table_top);

    auto [v, elements, legend] = place_legend_and_inset(writer, scene, figure, side_column, mm, report);
    place_scale_bar(writer, scene, figure, v, mm, report, elements);
    draw_framed_map(cr, writer, scene, figure, v, elements, mm, report);
    // North arrow (the working CRS's grid north is true north at the central meridian and within
    // a degree across a county).
    if (elements.arrow) draw_north_arrow(cr, writer, elements.arrow->min_x + 4 * mm, elements.arrow->min_y + 5 * mm, mm, figure.language);
    if (figure.layout.scale_bar.shown) draw_scale_bar(cr, writer, report, mm);
    if (elements.legend) {
        draw_legend(cr, writer, scene, figure, legend, elements.legend->min_x, elements.legend->min_y, mm, report.legend_swatches);
        report.legend_box = elements.legend;
    }
    if (elements.inset) {
        draw_inset(cr, scene, *figure.extent_m, elements.inset->min_x, elements.inset->min_y, mm);
        report.inset_box = elements.inset;
    }
    draw_frame_texts(writer, figure, margin, width - margin, height - margin, mm);
    return report;
}

}  // namespace ca::print
