// Map navigation (see navigator.hpp).
#include "app/navigator.hpp"

#include <cmath>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "app/viewer_model.hpp"

namespace ca::app {
namespace {

constexpr double kWheelZoomStep = 1.25;

}  // namespace

void Navigator::drag_box(ui::ViewerState& state, ui::Actions& actions, model::Vec2 mouse) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::GetForegroundDrawList()->AddRect(*m_box_start, io.MousePos, m_box_selects ? IM_COL32(230, 120, 0, 255) : IM_COL32(0, 90, 255, 255), 0, 0, 1.5f);
    if (!ImGui::IsMouseReleased(ImGuiMouseButton_Left)) return;
    model::Extent e;
    e.add(state.viewport.to_m({m_box_start->x - state.canvas.x, m_box_start->y - state.canvas.y}));
    e.add(state.viewport.to_m(mouse));
    if (m_box_selects) actions.select_set = villages_in(state, e);
    else if (e.width() > 0 && e.height() > 0) state.viewport = scene::Viewport::fit(e, state.canvas.width, state.canvas.height, 0);
    m_box_start.reset();
}

void Navigator::frame(ui::ViewerState& state, ui::Actions& actions, bool mouse_taken) {
    const ImGuiIO& io = ImGui::GetIO();
    const model::Vec2 mouse{io.MousePos.x - state.canvas.x, io.MousePos.y - state.canvas.y};
    const bool over_map = !io.WantCaptureMouse && mouse.x >= 0 && mouse.y >= 0 && mouse.x < state.canvas.width && mouse.y < state.canvas.height;
    state.cursor_m = over_map ? std::optional(state.viewport.to_m(mouse)) : std::nullopt;
    state.hovered = state.cursor_m ? village_at(state, *state.cursor_m) : std::nullopt;
    if ((!over_map || mouse_taken) && !m_box_start) return;
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && (io.KeyShift || io.KeyCtrl)) {
        m_box_start = io.MousePos;
        m_box_selects = io.KeyCtrl;
    }
    if (m_box_start) return drag_box(state, actions, mouse);
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
        state.viewport.centre_m.x -= io.MouseDelta.x * state.viewport.m_per_px;
        state.viewport.centre_m.y += io.MouseDelta.y * state.viewport.m_per_px;
    } else if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && state.hovered) {
        if (io.KeyCtrl) actions.toggle_village = state.hovered;
        else actions.select_village = state.hovered;
    }
    if (io.MouseWheel != 0) {
        const model::Vec2 anchor = state.viewport.to_m(mouse);
        state.viewport.m_per_px *= std::pow(kWheelZoomStep, -io.MouseWheel);
        const model::Vec2 moved = state.viewport.to_m(mouse);
        state.viewport.centre_m.x += anchor.x - moved.x;  // keep the ground under the cursor still
        state.viewport.centre_m.y += anchor.y - moved.y;
    }
    if (!io.WantCaptureKeyboard && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home)) || ImGui::IsKeyPressed(GLFW_KEY_F)))
        actions.fit_to_data = true;
}

}  // namespace ca::app
