// Drawn over the map in screen space each frame: village highlights and labels without overlaps.
#include <algorithm>
#include <cmath>
#include <vector>

#include <imgui.h>

#include "core/scene/label_placement.hpp"
#include "ui/panels.hpp"

namespace ca::ui {
namespace {

void outline(const ViewerState& state, ImDrawList* draw, std::size_t village, ImU32 color, float width) {
    if (village >= state.villages().shapes_m.size()) return;  // added since the last count: no shape yet
    const model::Geometry& g = state.villages().shapes_m[village];
    std::vector<ImVec2> points;
    for (std::size_t r = 0; r < g.ring_count(); ++r) {
        points.clear();
        for (const auto& p : g.ring(r)) {
            const model::Vec2 px = state.viewport.to_px(p);
            points.push_back({static_cast<float>(px.x + state.canvas.x), static_cast<float>(px.y + state.canvas.y)});
        }
        draw->AddPolyline(points.data(), static_cast<int>(points.size()), color, ImDrawFlags_Closed, width);
    }
}

// A feature picked in a table or the Problems tab: a ring around a point, its outline otherwise.
void feature_mark(const ViewerState& state, ImDrawList* draw, FeatureRef ref) {
    if (ref.layer >= state.project().layers.size() || ref.feature >= state.project().layers[ref.layer].features.size()) return;
    model::Geometry g = state.project().layers[ref.layer].features[ref.feature].geometry;
    if (g.empty()) return;
    state.project().working->forward(g.coords);
    const ImU32 colour = IM_COL32(0, 90, 255, 255);
    auto screen = [&](model::Vec2 p) {
        const model::Vec2 px = state.viewport.to_px(p);
        return ImVec2{static_cast<float>(px.x + state.canvas.x), static_cast<float>(px.y + state.canvas.y)};
    };
    if (g.coords.size() == 1) {
        draw->AddCircle(screen(g.coords.front()), 11.0f, colour, 0, 3.0f);
        return;
    }
    std::vector<ImVec2> points;
    for (std::size_t r = 0; r < g.ring_count(); ++r) {
        points.clear();
        for (const auto& p : g.ring(r)) points.push_back(screen(p));
        draw->AddPolyline(points.data(), static_cast<int>(points.size()), colour, 0, 3.0f);
    }
}

// Place names by the rule printed maps follow (scene::place_labels): village names once villages
// are 80 px across; a name partly off the canvas stays, the map being panned.
void draw_labels(const ViewerState& state, ImDrawList* draw, ImVec2 origin) {
    ImFont* font = ImGui::GetFont();
    const scene::LabelSize box_size = [&](const scene::Label& label) {
        const ImVec2 text = font->CalcTextSizeA(label.size_px, 1e9f, 0, label.text.c_str());
        return model::Vec2{text.x + 4.0, text.y + 2.0};
    };
    for (const auto& placed : scene::place_labels(*state.scene, state.viewport, box_size, {80, false})) {
        const scene::Label& label = *placed.label;
        const float x = static_cast<float>(placed.box.min_x + 2) + origin.x, y = static_cast<float>(placed.box.min_y + 1) + origin.y;
        // A white halo keeps names readable on any fill, the darkest choropleth class included.
        for (const auto& [dx, dy] : {std::pair{-1.5f, 0.0f}, {1.5f, 0.0f}, {0.0f, -1.5f}, {0.0f, 1.5f}, {-1.0f, -1.0f}, {1.0f, -1.0f},
                                     {-1.0f, 1.0f}, {1.0f, 1.0f}})
            draw->AddText(font, label.size_px, {x + dx, y + dy}, IM_COL32(255, 255, 255, 230), label.text.c_str());
        const auto& c = label.color;
        draw->AddText(font, label.size_px, {x, y}, IM_COL32(c.r, c.g, c.b, c.a), label.text.c_str());
    }
}

}  // namespace

void draw_map_overlay(const ViewerState& state, ImDrawList* draw) {
    const ImVec2 clip_min{static_cast<float>(state.canvas.x), static_cast<float>(state.canvas.y)};
    const ImVec2 clip_max{clip_min.x + state.canvas.width, clip_min.y + state.canvas.height};
    draw->PushClipRect(clip_min, clip_max, true);
    if (state.highlight_uncovered)
        for (std::size_t i = 0; i < state.stats().villages.size(); ++i)
            if (state.stats().villages[i].poor_villages && !state.stats().villages[i].covered_poor_villages) outline(state, draw, i, IM_COL32(200, 0, 160, 255), 3.0f);
    if (state.hovered) outline(state, draw, *state.hovered, IM_COL32(255, 255, 255, 230), 2.5f);
    for (std::size_t v : state.selection)
        if (v != state.selected) outline(state, draw, v, IM_COL32(230, 120, 0, 255), 2.5f);
    if (state.selected) outline(state, draw, *state.selected, IM_COL32(0, 90, 255, 255), 3.0f);
    if (state.selected_feature) feature_mark(state, draw, *state.selected_feature);

    if (state.style.labels) draw_labels(state, draw, clip_min);
    draw->PopClipRect();
}

}  // namespace ca::ui
