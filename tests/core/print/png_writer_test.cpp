// The PNG writer: what it writes reads back pixel for pixel, with its resolution, whatever the
// number of bands it compressed on.
#include <doctest/doctest.h>

#include <cairo.h>

#include <cstdint>

#include "core/model/safe_write.hpp"
#include "core/print/png_writer.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

// Colours that change along both axes, so a band written twice, dropped or swapped shows.
cairo_surface_t* gradient(int width, int height) {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    const int stride = cairo_image_surface_get_stride(surface);
    unsigned char* data = cairo_image_surface_get_data(surface);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const std::uint32_t pixel = (static_cast<std::uint32_t>(x * 7 % 256) << 16) | (static_cast<std::uint32_t>(y * 3 % 256) << 8) |
                                        static_cast<std::uint32_t>((x ^ y) % 256);
            *reinterpret_cast<std::uint32_t*>(data + y * stride + x * 4) = pixel;
        }
    cairo_surface_mark_dirty(surface);
    return surface;
}

}  // namespace

TEST_CASE("a PNG written on several cores reads back with every pixel and its resolution") {
    test::TempDir dir;
    for (const auto& size : {std::pair{1, 1}, std::pair{37, 5}, std::pair{640, 1001}}) {
        const int width = size.first, height = size.second;  // not a structured binding: CAPTURE's lambda in clang 14
        CAPTURE(width);
        CAPTURE(height);
        cairo_surface_t* drawn = gradient(width, height);
        const std::string path = dir.file("page.png");
        model::write_via_temp(path, [&](model::TempFile& file) { print::encode_png(drawn, 300, file); });
        cairo_surface_t* read = cairo_image_surface_create_from_png(path.c_str());
        REQUIRE(cairo_surface_status(read) == CAIRO_STATUS_SUCCESS);
        CHECK(cairo_image_surface_get_width(read) == width);
        CHECK(cairo_image_surface_get_height(read) == height);
        int wrong = 0;
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                const auto at = [&](cairo_surface_t* s) {
                    return *reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(s) + y * cairo_image_surface_get_stride(s) + x * 4) &
                           0xffffffu;
                };
                wrong += at(drawn) != at(read);
            }
        CHECK(wrong == 0);
        const std::string bytes = test::read_file(path);
        const auto phys = bytes.find("pHYs");
        REQUIRE(phys != std::string::npos);
        const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + phys + 4);
        CHECK(((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) == 11811);  // 300 dpi in pixels per metre
        cairo_surface_destroy(read);
        cairo_surface_destroy(drawn);
    }
}
