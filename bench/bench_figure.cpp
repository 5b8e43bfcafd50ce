// bench_figure REGION.gpkg OUT.png [WIDTHxHEIGHTpx]: `countyatlas export --choropleth poverty_rate`
// of a generated region, timed stage by stage (load, statistics, township dissolve, scene, bare
// map, PNG encoding by Cairo and by encode_png, the whole page), to show where a figure's time
// goes. One line per stage.
#include <chrono>
#include <cstdio>
#include <string>

#include "core/analysis/statistics.hpp"
#include "core/loading/load_project.hpp"
#include "core/print/draw_map.hpp"
#include "core/print/export_figure.hpp"
#include "core/print/png_writer.hpp"
#include "core/scene/build.hpp"
#include "core/scene/townships.hpp"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_figure REGION.gpkg OUT.png [3000x2000px]\n");
        return 2;
    }
    using Clock = std::chrono::steady_clock;
    auto last = Clock::now();
    auto mark = [&](const char* stage) {
        const auto now = Clock::now();
        std::printf("%-28s %7.3f s\n", stage, std::chrono::duration<double>(now - last).count());
        last = now;
    };
    try {
        const auto project = ca::loading::load_project({{argv[1], ca::model::Role::Unknown}}, {});
        mark("load");
        const auto stats = ca::analysis::compute_statistics(project, {});
        mark("statistics");
        const auto townships = ca::scene::dissolved_townships(project);
        mark("dissolve townships (alone)");
        ca::scene::MapStyle style;
        style.choropleth.emplace();
        ca::scene::BuildOptions options;
        options.page_extent_m = ca::model::Extent{};
        const auto scene = ca::scene::build(project, style, &stats, options);
        mark("scene (with dissolve)");
        const auto size = ca::print::page_size_from_string(argc > 3 ? argv[3] : "3000x2000px");
        ca::print::Figure figure;
        figure.title = "bench";
        std::string path = argv[2];
        {
            cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 3000, 2000);
            cairo_t* cr = cairo_create(surface);
            ca::print::draw_map(scene, ca::scene::Viewport::fit(scene.extent_m, 3000, 2000), cr, 1.0);
            cairo_destroy(cr);
            mark("bare map, drawn");
            cairo_surface_write_to_png(surface, (path + ".bare.png").c_str());
            mark("PNG encoding, Cairo's");
            ca::model::write_via_temp(path + ".bare.png", [&](ca::model::TempFile& file) { ca::print::encode_png(surface, 96, file); });
            mark("PNG encoding, encode_png");
            cairo_surface_destroy(surface);
        }
        ca::print::write_png_page(path + ".bare.png", 3000, 2000, 96, [&](cairo_t* cr) {
            ca::print::draw_map(scene, ca::scene::Viewport::fit(scene.extent_m, 3000, 2000), cr, 1.0);
        });
        mark("bare map + PNG");
        ca::print::export_figure(path, scene, figure, {*size, 96});
        mark("page (labels, legend) + PNG");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_figure: %s\n", e.what());
        return 1;
    }
}
