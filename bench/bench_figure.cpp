// bench_figure REGION.gpkg OUT.png [WIDTHxHEIGHTpx]: `countyatlas export --choropleth poverty_rate`
// of a generated region, timed stage by stage (load, statistics, township dissolve, scene, bare
// map on one core and on every core, PNG encoding, the whole page), to show where a figure's
// time goes. One line per stage.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/analysis/statistics.hpp"
#include "core/loading/load_project.hpp"
#include "core/print/draw_map.hpp"
#include "core/print/export_figure.hpp"
#include "core/print/figure_scene.hpp"
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
        ca::analysis::StatsOptions village_rows;
        village_rows.villages_only = true;  // what `export --choropleth poverty_rate` counts
        const auto stats = ca::analysis::compute_statistics(project, village_rows);
        mark("statistics (village rows)");
        const auto townships = ca::scene::dissolved_townships(project);
        mark("dissolve townships (alone)");
        ca::scene::MapStyle style;
        style.choropleth.emplace();
        const auto size = ca::print::page_size_from_string(argc > 3 ? argv[3] : "3000x2000px");
        ca::print::Figure figure;
        figure.title = "bench";
        const auto scene = ca::print::build_figure_scene(project, style, &stats, figure, {}, *size);
        mark("scene (dissolve beside it)");
        const int width = static_cast<int>(std::lround(size->width_mm * 96 / 25.4)), height = static_cast<int>(std::lround(size->height_mm * 96 / 25.4));
        const std::string path = argv[2];
        for (const std::size_t threads : {std::size_t{1}, std::size_t{0}}) {
            cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
            cairo_t* cr = cairo_create(surface);
            ca::print::draw_map(scene, ca::scene::Viewport::fit(scene.extent_m, width, height), cr, 1.0, {nullptr, nullptr, threads});
            cairo_destroy(cr);
            mark(threads == 1 ? "bare map, one core" : "bare map, every core");
            if (threads == 0) {
                ca::model::write_via_temp(path + ".bare.png", [&](ca::model::TempFile& file) { ca::print::encode_png(surface, 96, file); });
                mark("PNG encoding");
            }
            cairo_surface_destroy(surface);
        }
        ca::print::export_figure(path, scene, figure, {*size, 96});
        mark("page (labels, legend) + PNG");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_figure: %s\n", e.what());
        return 1;
    }
}
