// The real viewer, under a display (Xvfb in ./test): its screenshot shows villages where they are.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/loading/load_project.hpp"
#include "core/scene/build.hpp"
#include "support/fixtures.hpp"
#include "support/village_probe.hpp"

using namespace ca;

namespace {

// The viewer needs a display: use the one there is, else start Xvfb for this one command.
std::string with_display(const std::string& arguments) {
    const char* display = std::getenv("DISPLAY");
    const std::string binary = std::string("'") + CA_BINARY + "' ";
    if (display && *display) return binary + arguments;
    return "xvfb-run -a -s '-screen 0 1280x800x24 -noreset' " + binary + arguments;
}

}  // namespace

TEST_CASE("a viewer screenshot of the sample has each large village's fill colour at a point inside it") {
    test::TempDir dir;
    const std::string png = dir.file("shot.png");
    const std::string villages = test::sample_county() + ":villages";
    const auto result = test::run(with_display("view '" + villages + "' --screenshot '" + png + "'"));
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    const auto info = nlohmann::json::parse(result.out);
    const auto& map = info["map"];
    scene::Viewport viewport;
    viewport.centre_m = {map["centre_m"][0].get<double>(), map["centre_m"][1].get<double>()};
    viewport.m_per_px = map["m_per_px"].get<double>();
    viewport.width_px = map["width"].get<int>();
    viewport.height_px = map["height"].get<int>();
    const int left = map["x"].get<int>(), top = map["y"].get<int>();

    const auto project = loading::load_project({{villages, model::Role::Unknown}}, {});
    const test::Image image(png);
    // Township names (dissolved from the villages) are written over some villages: probes under one
    // are skipped.
    const auto scene = scene::build(project);
    auto under_a_name = [&](model::Vec2 px) {
        return std::any_of(scene.labels.begin(), scene.labels.end(), [&](const scene::Label& l) {
            const auto at = viewport.to_px(l.anchor_m);
            return l.priority == 0 && std::abs(at.x - px.x) < 40 && std::abs(at.y - px.y) < 14;
        });
    };
    int probed = 0;
    for (const auto& probe : test::largest_villages(project, 8)) {
        CAPTURE(probe.name);
        const auto px = viewport.to_px(probe.inside_m);
        if (under_a_name(px)) continue;
        ++probed;
        const auto rgb = image.at(left + static_cast<int>(px.x), top + static_cast<int>(px.y));
        CHECK(std::abs(rgb.r - probe.fill.r) <= 3);
        CHECK(std::abs(rgb.g - probe.fill.g) <= 3);
        CHECK(std::abs(rgb.b - probe.fill.b) <= 3);
    }
    CHECK(probed >= 5);
}

TEST_CASE("without a display the viewer still draws the map, to a PNG, and says where") {
    test::TempDir dir;
    const std::string png = dir.file("headless.png");
    const auto result = test::run("env -u DISPLAY -u WAYLAND_DISPLAY '" + std::string(CA_BINARY) + "' view '" +
                                  test::sample_county() + "' --size 1280 --height 800 --headless-png '" + png + "'");
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    CHECK(result.out == "No display: the map was drawn to " + png + "\n");
    CHECK(test::png_size(png) == std::pair{1280, 800});
}

TEST_CASE("a file that fails to load in the viewer (loaded on a worker) is one line and exit 2") {
    test::TempDir dir;
    const auto r = test::run(with_display("view '" + dir.file("gone.gpkg") + "' --screenshot '" + dir.file("x.png") + "'"));
    CHECK(r.exit_code == 2);
    CHECK(r.err == "countyatlas: " + dir.file("gone.gpkg") + ": file not found\n");
    CHECK_FALSE(std::filesystem::exists(dir.file("x.png")));
}
