// A figure's scene for its page extent, and the legend heading that goes with it.
#include "core/print/figure_scene.hpp"

#include <algorithm>

#include "core/print/legend_text.hpp"

namespace ca::print {
namespace {

// `extent` widened or heightened to the width-over-height `aspect`, about its centre.
model::Extent with_aspect(const model::Extent& extent, double aspect) {
    double w = extent.width(), h = extent.height();
    if (w < h * aspect) w = h * aspect;
    else h = w / aspect;
    const model::Vec2 c = extent.centre();
    model::Extent out;
    out.add({c.x - w / 2, c.y - h / 2});
    out.add({c.x + w / 2, c.y + h / 2});
    return out;
}

}  // namespace

model::Extent frame_ground(const model::Extent& extent_m, const PageSize& page, const Figure& figure) {
    if (extent_m.empty()) return extent_m;
    // The frame's share of the page: margins, the header and the frame texts (about 25 mm) off its
    // height, the side tables' column off its width. A layout file's frame is its own.
    double width_mm = page.width_mm - 2 * figure.margin_mm, height_mm = page.height_mm - 2 * figure.margin_mm - 25;
    if (!figure.side_tables.empty()) width_mm *= 0.62;
    if (figure.layout.map_mm) width_mm = figure.layout.map_mm->width(), height_mm = figure.layout.map_mm->height();
    const double aspect = std::max(width_mm, 1.0) / std::max(height_mm, 1.0);
    model::Extent ground = with_aspect(extent_m, aspect);
    ground.merge(with_aspect(extent_m, aspect * 0.55));  // a legend column takes up to 45 % of the width
    const double air = std::max(ground.width(), ground.height()) * 0.05;  // the frame's own air, and rounding
    ground.add({ground.min_x - air, ground.min_y - air});
    ground.add({ground.max_x + air, ground.max_y + air});
    return ground;
}

scene::Scene build_figure_scene(const model::Project& project, const scene::MapStyle& style, const analysis::Statistics* stats, Figure& figure,
                                scene::BuildOptions shared, const PageSize& page) {
    // An empty page extent stands for the villages' extent, the scene's own.
    shared.page_extent_m = figure.extent_m ? frame_ground(*figure.extent_m, page, figure) : model::Extent{};
    scene::Scene scene = scene::build(project, style, stats, shared);
    figure.dem = project.dem;
    figure.working = project.working;
    if (style.choropleth) {
        std::size_t classes = 0;  // the choropleth's entries carry counts; lines, works and sites do not
        for (const auto& e : scene.legend) classes += e.count >= 0;
        figure.legend_heading = legend_heading(*style.choropleth, classes, style.language);
    }
    return scene;
}

}  // namespace ca::print
