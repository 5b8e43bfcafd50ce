// The mouse and keys on the map in Edit mode: a click on empty map opens the new feature's form
// (point layers and tables), a feature or vertex dragged moves, Delete deletes the selected
// feature; Ctrl+Z, Ctrl+Y (Ctrl+Shift+Z) and Ctrl+S at any time.
#pragma once

#include <optional>

#include <imgui.h>

#include "ui/viewer_state.hpp"

namespace ca::app {

class EditTool {
public:
    // Between ImGui::NewFrame and ImGui::Render, before the navigator. True when it took the
    // mouse this frame: the navigator then neither pans nor selects.
    bool frame(ui::ViewerState& state, ui::Actions& actions);

private:
    struct Grab {
        std::size_t feature = 0;
        std::optional<std::size_t> vertex;  // a line's or polygon's vertex; none: the point itself
        ImVec2 start;
    };
    void keys(const ui::ViewerState& state, ui::Actions& actions) const;
    bool place_waiting_site(ui::ViewerState& state, ui::Actions& actions);
    bool release(const ui::ViewerState& state, ui::Actions& actions, model::Vec2 mouse_m);
    std::optional<Grab> m_grab;
};

}  // namespace ca::app
