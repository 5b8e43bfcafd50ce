// Map navigation with the mouse and keys: pan, zoom about the cursor, box zoom and box select,
// click to select a village, Home or F to fit.
#pragma once

#include <optional>

#include <imgui.h>

#include "ui/viewer_state.hpp"

namespace ca::app {

// Drag to pan, wheel to zoom about the cursor, shift-drag a box to zoom to it, ctrl-drag to select
// the villages in it, click to select a village, Home or F to fit. Only when ImGui does not want
// the mouse. Between ImGui::NewFrame and ImGui::Render.
class Navigator {
public:
    // `mouse_taken`: the Edit mode took this frame's click or drag: no pan, no selection.
    void frame(ui::ViewerState& state, ui::Actions& actions, bool mouse_taken = false);

private:
    void drag_box(ui::ViewerState& state, ui::Actions& actions, model::Vec2 mouse);
    std::optional<ImVec2> m_box_start;
    bool m_box_selects = false;  // ctrl-drag selects villages; shift-drag zooms
};

}  // namespace ca::app
