// Drawn over the map in screen space each frame: village highlights and labels without overlaps.
#include <algorithm>
#include <cmath>
#include <vector>

#include <imgui.h>

#include "ui/panels.hpp"

namespace ca::ui {
namespace {

constexpr double kLabelReachPx = 300;  // labels anchored further off the canvas are not considered

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

struct Box {
    float x0, y0, x1, y1;
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

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

    if (state.style.labels) {
        // Village names only once villages are big enough on screen to hold them.
        const double village_px = state.villages().shapes_m.empty() ? 0 : std::sqrt(state.scene->extent_m.width() * state.scene->extent_m.height() /
                                                                                    static_cast<double>(state.villages().shapes_m.size())) /
                                                                          state.viewport.m_per_px;
        // Labels anchored far off the canvas are left out before sorting and measuring: a province
        // zoomed in has 130,000 names and shows a few dozen.
        auto near_canvas = [&](const scene::Label& label) {
            const model::Vec2 px = state.viewport.to_px(label.anchor_m);
            return px.x >= -kLabelReachPx && px.y >= -kLabelReachPx && px.x <= state.canvas.width + kLabelReachPx &&
                   px.y <= state.canvas.height + kLabelReachPx;
        };
        std::vector<const scene::Label*> order;
        for (const auto& label : state.scene->labels)
            if ((label.priority == 0 || village_px > 80) && near_canvas(label)) order.push_back(&label);
        std::stable_sort(order.begin(), order.end(), [](const scene::Label* a, const scene::Label* b) { return a->priority < b->priority; });
        std::vector<Box> placed;
        ImFont* font = ImGui::GetFont();
        for (const auto* label : order) {
            const model::Vec2 px = state.viewport.to_px(label->anchor_m);
            const ImVec2 size = font->CalcTextSizeA(label->size_px, 1e9f, 0, label->text.c_str());
            const float x = static_cast<float>(px.x) + clip_min.x - size.x / 2, y = static_cast<float>(px.y) + clip_min.y - size.y / 2;
            const Box box{x - 2, y - 1, x + size.x + 2, y + size.y + 1};
            if (box.x1 < clip_min.x || box.x0 > clip_max.x || box.y1 < clip_min.y || box.y0 > clip_max.y) continue;
            if (std::any_of(placed.begin(), placed.end(), [&](const Box& b) { return b.overlaps(box); })) continue;
            placed.push_back(box);
            // A white halo keeps names readable on any fill, the darkest choropleth class included.
            for (const auto& [dx, dy] : {std::pair{-1.5f, 0.0f}, {1.5f, 0.0f}, {0.0f, -1.5f}, {0.0f, 1.5f}, {-1.0f, -1.0f}, {1.0f, -1.0f},
                                         {-1.0f, 1.0f}, {1.0f, 1.0f}})
                draw->AddText(font, label->size_px, {x + dx, y + dy}, IM_COL32(255, 255, 255, 230), label->text.c_str());
            const auto& c = label->color;
            draw->AddText(font, label->size_px, {x, y}, IM_COL32(c.r, c.g, c.b, c.a), label->text.c_str());
        }
    }
    draw->PopClipRect();
}

}  // namespace ca::ui
