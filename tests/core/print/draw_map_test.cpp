// The print back-end: a map PNG of the right size with each village's colour inside it.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "core/loading/load_project.hpp"
#include "core/print/draw_map.hpp"
#include "core/print/export_figure.hpp"
#include "core/scene/build.hpp"
#include "support/fixtures.hpp"
#include "support/village_probe.hpp"

using namespace ca;

TEST_CASE("a printed map has each large village's fill colour at a point inside it") {
    const auto project = loading::load_project({{test::sample_county() + ":villages", model::Role::Unknown}}, {});
    const scene::Scene scene = scene::build(project);
    test::TempDir dir;
    const std::string png = dir.file("map.png");
    print::write_png(scene, 800, 600, png);
    CHECK(test::png_size(png) == std::pair{800, 600});
    const auto viewport = scene::Viewport::fit(scene.extent_m, 800, 600);
    const test::Image image(png);
    for (const auto& probe : test::largest_villages(project, 8)) {
        CAPTURE(probe.name);
        const auto px = viewport.to_px(probe.inside_m);
        const auto rgb = image.at(static_cast<int>(px.x), static_cast<int>(px.y));
        CHECK(std::abs(rgb.r - probe.fill.r) <= 2);
        CHECK(std::abs(rgb.g - probe.fill.g) <= 2);
        CHECK(std::abs(rgb.b - probe.fill.b) <= 2);
    }
    // A corner outside the county is background.
    const auto corner = test::png_pixel(png, 2, 2);
    CHECK(corner.r == scene.background.r);
}

TEST_CASE("writing a PNG into a folder that does not exist fails cleanly and leaves nothing") {
    const auto project = loading::load_project({{test::sample_county() + ":townships", model::Role::Unknown}}, {});
    test::TempDir dir;
    const std::string target = dir.file("missing/map.png");
    CHECK_THROWS_WITH(print::write_png(scene::build(project), 100, 100, target),
                      (target + ": cannot write the file: No such file or directory (is the folder there and writable?)").c_str());
    CHECK_FALSE(std::filesystem::exists(dir.file("missing")));
}

TEST_CASE("a cancelled export stops, says so, and leaves no file behind") {
    test::TempDir dir;
    const auto project = loading::load_project({{test::sample_county(), model::Role::Unknown}}, {});
    const auto scene = scene::build(project);
    std::atomic<bool> cancel{true};
    print::Figure figure;
    figure.cancel = &cancel;
    for (const char* name : {"map.png", "map.pdf"}) {
        const std::string path = dir.file(name);
        CHECK_THROWS_WITH(print::export_figure(path, scene, figure, {}), doctest::Contains("cancelled"));
        CHECK_FALSE(std::filesystem::exists(path));
        CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator{}) == 0);  // no temporary either
    }
    cancel = false;
    print::export_figure(dir.file("map.png"), scene, figure, {});
    CHECK(std::filesystem::exists(dir.file("map.png")));
}
