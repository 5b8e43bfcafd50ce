// Running the real viewer with a script under a display (Xvfb when there is none), and reading
// where its map was in each screenshot.
#pragma once

#include <string>
#include <vector>

#include "core/scene/scene.hpp"

namespace ca::test {

struct Shot {
    std::string path;
    scene::Viewport viewport;  // the map canvas's view
    int left = 0, top = 0;     // the canvas's place in the window
    // The window pixel showing ground point m.
    std::pair<int, int> pixel(model::Vec2 m) const {
        const auto px = viewport.to_px(m);
        return {left + static_cast<int>(px.x), top + static_cast<int>(px.y)};
    }
};

// The shell command run on the display, or on a virtual one (Xvfb) when there is none.
std::string on_a_display(const std::string& command);

// Writes `script_lines` to a file, runs `countyatlas view DATA --script FILE` in `dir`, and returns
// one Shot per screenshot. Fails the test (with stderr) when the viewer fails.
std::vector<Shot> run_viewer_script(const std::string& dir, const std::string& data, const std::vector<std::string>& script_lines,
                                    const std::string& language = "zh_CN.UTF-8");

}  // namespace ca::test
