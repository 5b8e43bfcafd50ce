// A figure's scene for its page extent, and the legend heading that goes with it.
#include "core/print/figure_scene.hpp"

#include "core/print/legend_text.hpp"

namespace ca::print {

scene::Scene build_figure_scene(const model::Project& project, const scene::MapStyle& style, const analysis::Statistics* stats, Figure& figure,
                                scene::BuildOptions shared) {
    // An empty page extent stands for the villages' extent, the scene's own.
    shared.page_extent_m = figure.extent_m.value_or(model::Extent{});
    scene::Scene scene = scene::build(project, style, stats, shared);
    if (style.choropleth) {
        std::size_t classes = 0;  // the choropleth's entries carry counts; lines, works and sites do not
        for (const auto& e : scene.legend) classes += e.count >= 0;
        figure.legend_heading = legend_heading(*style.choropleth, classes, style.language);
    }
    return scene;
}

}  // namespace ca::print
