// Editing on the map (see edit_tool.hpp).
#include "app/edit_tool.hpp"

#include <cmath>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "app/editing.hpp"
#include "core/workspace/feature_edits.hpp"
#include "ui/strings.hpp"

namespace ca::app {
namespace {

constexpr double kGrabRadiusPx = 8;

struct Hit {
    std::size_t feature = 0;
    std::optional<std::size_t> vertex;
};

// The feature (a point layer) or vertex (lines, polygons) nearest the mouse within the grab radius.
std::optional<Hit> hit_test(const ui::ViewerState& state, const model::Layer& layer, model::Vec2 mouse_px) {
    std::optional<Hit> best;
    double best_px = kGrabRadiusPx;
    std::vector<model::Vec2> coords;
    for (std::size_t i = 0; i < layer.features.size(); ++i) {
        const auto& g = layer.features[i].geometry;
        if (g.empty()) continue;
        coords = g.coords;
        state.project().working->forward(coords);
        for (std::size_t v = 0; v < coords.size(); ++v) {
            const model::Vec2 px = state.viewport.to_px(coords[v]);
            const double d = std::hypot(px.x - mouse_px.x, px.y - mouse_px.y);
            if (d > best_px) continue;
            best_px = d;
            best = Hit{i, g.type == model::GeometryType::Point ? std::nullopt : std::optional(v)};
        }
    }
    return best;
}

bool adds_by_click(const model::Layer& layer) {
    return layer.geometry_type == "None" || layer.dominant_geometry() == model::GeometryType::Point || layer.features.empty();
}

}  // namespace

void EditTool::keys(const ui::ViewerState& state, ui::Actions& actions) const {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_S, false)) actions.save_edits = false;
    if (io.WantTextInput) return;  // Ctrl+Z in a text field undoes the typing
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Z, false)) (io.KeyShift ? actions.redo : actions.undo) = true;
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Y, false)) actions.redo = true;
    const auto& editing = state.editing;
    if (editing.layer && state.selected_feature && state.selected_feature->layer == *editing.layer && !io.WantCaptureKeyboard &&
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete), false) && state.selected_feature->feature < state.project().layers[*editing.layer].features.size())
        actions.edit = workspace::delete_edit(state.project(), *editing.layer, {state.selected_feature->feature});
}

bool EditTool::release(const ui::ViewerState& state, ui::Actions& actions, model::Vec2 mouse_m) {
    const Grab grab = *m_grab;
    m_grab.reset();
    const ImVec2 now = ImGui::GetIO().MousePos;
    if (std::hypot(now.x - grab.start.x, now.y - grab.start.y) < 3) return true;  // a click: the feature is selected
    std::vector<model::Vec2> at{mouse_m};
    state.project().working->inverse(at);
    const std::size_t layer = *state.editing.layer;
    try {
        actions.edit = grab.vertex ? workspace::move_vertex_edit(state.project(), layer, grab.feature, *grab.vertex, at[0])
                                   : workspace::move_point_edit(state.project(), layer, grab.feature, at[0]);
    } catch (const std::exception& e) {
        state.editing.inputs.error = e.what();
    }
    return true;
}

// The Problems tab's "pick on the map": the next click on the map places the waiting site.
bool EditTool::place_waiting_site(ui::ViewerState& state, ui::Actions& actions) {
    auto& waiting = state.editing.place_on_map;
    if (!waiting) return false;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetTooltip("%s", ui::t(ui::Text::ClickToPlace, state.style.language).c_str());
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) return waiting.reset(), true;
    const model::Vec2 mouse{io.MousePos.x - state.canvas.x, io.MousePos.y - state.canvas.y};
    const bool over_map = !io.WantCaptureMouse && mouse.x >= 0 && mouse.y >= 0 && mouse.x < state.canvas.width && mouse.y < state.canvas.height;
    if (!over_map || !ImGui::IsMouseClicked(ImGuiMouseButton_Left)) return over_map;
    try {
        actions.edit = place_at(state, *waiting, state.viewport.to_m(mouse));
    } catch (const std::exception& e) {
        state.messages.push_back(e.what());
    }
    waiting.reset();
    return true;
}

bool EditTool::frame(ui::ViewerState& state, ui::Actions& actions) {
    keys(state, actions);
    if (place_waiting_site(state, actions)) return true;
    const auto& editing = state.editing;
    if (!editing.layer || *editing.layer >= state.project().layers.size() || !state.project().working) return m_grab.reset(), false;
    const ImGuiIO& io = ImGui::GetIO();
    const model::Vec2 mouse{io.MousePos.x - state.canvas.x, io.MousePos.y - state.canvas.y};
    const model::Vec2 mouse_m = state.viewport.to_m(mouse);
    if (m_grab) {
        ImGui::GetForegroundDrawList()->AddLine(m_grab->start, io.MousePos, IM_COL32(230, 90, 0, 255), 1.5f);
        ImGui::GetForegroundDrawList()->AddCircle(io.MousePos, 7, IM_COL32(230, 90, 0, 255), 16, 2);
        return ImGui::IsMouseReleased(ImGuiMouseButton_Left) ? release(state, actions, mouse_m) : true;
    }
    const bool over_map = !io.WantCaptureMouse && mouse.x >= 0 && mouse.y >= 0 && mouse.x < state.canvas.width && mouse.y < state.canvas.height;
    if (!over_map || !ImGui::IsMouseClicked(ImGuiMouseButton_Left) || io.KeyShift || io.KeyCtrl) return false;
    const model::Layer& layer = state.project().layers[*editing.layer];
    if (const auto hit = hit_test(state, layer, mouse)) {
        m_grab = Grab{hit->feature, hit->vertex, io.MousePos};
        state.selected_feature = ui::FeatureRef{*editing.layer, hit->feature};  // outlined, not zoomed to
        return true;
    }
    if (!adds_by_click(layer)) return false;
    auto& inputs = editing.inputs;
    inputs = {};
    inputs.new_site_m = mouse_m;
    // The form starts with the township and village the click fell in; the user may change them.
    inputs.form.resize(layer.field_names.size());
    if (state.hovered && *state.hovered < state.stats().villages.size()) {
        const auto& village = state.stats().villages[*state.hovered];
        for (const auto& [meaning, name] : {std::pair{model::Meaning::Township, &village.township}, std::pair{model::Meaning::VillageName, &village.village_name}})
            if (const int field = layer.mapping.index(meaning); field >= 0) inputs.form[static_cast<std::size_t>(field)] = *name;
    }
    return true;
}

}  // namespace ca::app
