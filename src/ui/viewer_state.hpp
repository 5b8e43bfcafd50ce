// What the viewer shows, as plain data that panels read and the app changes.
#pragma once

#include <optional>

#include "core/model/project.hpp"
#include "core/scene/scene.hpp"
#include "ui/strings.hpp"

namespace ca::ui {

// The map canvas within the window, in window pixels from the top-left.
struct CanvasRect {
    int x = 0, y = 0, width = 1, height = 1;
};

struct ViewerState {
    model::Project project;
    scene::Scene scene;
    scene::Viewport viewport;  // the map canvas's view
    CanvasRect canvas;
    std::optional<model::Vec2> cursor_m;  // ground point under the mouse, when over the map
    Language language = Language::Chinese;
};

// Requests panels make during a frame; the app applies them after it.
struct Actions {
    bool fit_to_data = false;
    std::optional<Language> set_language;
};

}  // namespace ca::ui
