// The print back-end: a map PNG of the right size with each village's colour inside it.
#include <doctest/doctest.h>

#include <algorithm>
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

TEST_CASE("a large raster map drawn in bands on two cores is the map one core draws, to antialiasing at the bands' edges") {
    const auto project = loading::load_project({{test::sample_county(), model::Role::Unknown}}, {});
    const scene::Scene scene = scene::build(project);
    // 1600 x 1000 is over the megapixel from which bands pay; an odd offset puts band edges
    // across villages, borders, lines and markers.
    auto draw = [&](std::size_t threads) {
        cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1700, 1100);
        cairo_t* cr = cairo_create(surface);
        cairo_rectangle(cr, 37, 41, 1600, 1000);
        cairo_clip(cr);
        cairo_translate(cr, 37, 41);
        print::draw_map(scene, scene::Viewport::fit(scene.extent_m, 1600, 1000), cr, 2.0, {nullptr, nullptr, threads});
        cairo_destroy(cr);
        cairo_surface_flush(surface);
        return surface;
    };
    cairo_surface_t* one = draw(1);
    cairo_surface_t* two = draw(2);
    const int stride = cairo_image_surface_get_stride(one);
    const unsigned char* a = cairo_image_surface_get_data(one);
    const unsigned char* b = cairo_image_surface_get_data(two);
    // Antialiasing where a thin stroke crosses a band's edge may round a pixel or two differently;
    // a symbol left out of a band would differ over thousands.
    int differing = 0, largest = 0, outside_frame_drawn = 0;
    for (int y = 0; y < 1100; ++y)
        for (int x = 0; x < 1700; ++x) {
            const auto pa = *reinterpret_cast<const std::uint32_t*>(a + y * stride + x * 4) & 0xffffff;
            const auto pb = *reinterpret_cast<const std::uint32_t*>(b + y * stride + x * 4) & 0xffffff;
            differing += pa != pb;
            for (int shift = 0; shift < 24; shift += 8)
                largest = std::max(largest, std::abs(static_cast<int>((pa >> shift) & 0xff) - static_cast<int>((pb >> shift) & 0xff)));
            const bool outside = x < 37 || x >= 1637 || y < 41 || y >= 1041;
            outside_frame_drawn += outside && pb != 0;  // the surface starts black; the map stays in its frame
        }
    CHECK(differing <= 50);
    CHECK(largest <= 32);
    CHECK(outside_frame_drawn == 0);
    // And the map is there: the frame's centre is not the untouched black.
    CHECK((*reinterpret_cast<const std::uint32_t*>(b + 541 * stride + 837 * 4) & 0xffffff) != 0);
    cairo_surface_destroy(one);
    cairo_surface_destroy(two);
}

TEST_CASE("project sites stamped straight into a page's pixels look as Cairo composites them, and stay inside the map's frame") {
    const auto project = loading::load_project({{test::sample_county(), model::Role::Unknown}}, {});
    scene::Scene scene = scene::build(project);
    // Markers alone: the comparison is of the markers.
    std::erase_if(scene.items, [](const scene::Item& it) { return !std::holds_alternative<scene::Marker>(it); });
    REQUIRE(scene.items.size() > 100);
    // A plain translation lets the markers be stamped into the pixels; a skew of a billionth of a
    // pixel per pixel (invisible) makes Cairo composite each one.
    auto draw = [&](bool plain) {
        cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 900, 700);
        cairo_t* cr = cairo_create(surface);
        cairo_rectangle(cr, 50, 50, 800, 600);
        cairo_clip(cr);
        cairo_translate(cr, 50, 50);
        if (!plain) {
            const cairo_matrix_t skew{1, 0, 1e-9, 1, 0, 0};
            cairo_transform(cr, &skew);
        }
        print::draw_map(scene, scene::Viewport::fit(scene.extent_m, 800, 600), cr, 1.5, {nullptr, nullptr, 1});
        cairo_destroy(cr);
        cairo_surface_flush(surface);
        return surface;
    };
    cairo_surface_t* stamped = draw(true);
    cairo_surface_t* composited = draw(false);
    const int stride = cairo_image_surface_get_stride(stamped);
    int largest = 0, outside_drawn = 0;
    for (int y = 0; y < 700; ++y)
        for (int x = 0; x < 900; ++x) {
            const auto a = *reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(stamped) + y * stride + x * 4) & 0xffffff;
            const auto b = *reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(composited) + y * stride + x * 4) & 0xffffff;
            for (int shift = 0; shift < 24; shift += 8)
                largest = std::max(largest, std::abs(static_cast<int>((a >> shift) & 0xff) - static_cast<int>((b >> shift) & 0xff)));
            outside_drawn += (x < 50 || x >= 850 || y < 50 || y >= 650) && a != 0;
        }
    CHECK(largest <= 2);  // rounding of the blend only
    CHECK(outside_drawn == 0);
    cairo_surface_destroy(stamped);
    cairo_surface_destroy(composited);
}
