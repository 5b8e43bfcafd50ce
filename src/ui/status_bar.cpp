// The status bar: cursor lon/lat and working-CRS metres, map scale, the CRSs in play.
#include <cmath>
#include <string>

#include <imgui.h>

#include "ui/panels.hpp"

namespace ca::ui {

void draw_status_bar(const ViewerState& state) {
    const Language lang = state.style.language;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({vp->Pos.x, vp->Pos.y + vp->Size.y - kStatusBarHeightPx});
    ImGui::SetNextWindowSize({vp->Size.x, static_cast<float>(kStatusBarHeightPx)});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {8, 4});
    ImGui::Begin("##status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    if (state.cursor_m && state.project().working) {
        model::Vec2 lonlat = *state.cursor_m;
        state.project().working->inverse(std::span<model::Vec2>(&lonlat, 1));
        ImGui::Text("%s  %.5f°E %.5f°N   x %.0f  y %.0f", std::string(tr(Text::Cursor, lang)).c_str(), lonlat.x, lonlat.y,
                    state.cursor_m->x, state.cursor_m->y);
        ImGui::SameLine();
    }
    // 1:N at the screen's nominal 96 dpi (0.2646 mm per pixel).
    const double scale = state.viewport.m_per_px / 0.00026458;
    ImGui::Text("   %s 1:%.0f", std::string(tr(Text::Scale, lang)).c_str(), std::round(scale));
    if (state.project().working) {
        ImGui::SameLine();
        ImGui::Text("   %s %s", std::string(tr(Text::WorkingCrs, lang)).c_str(), state.project().working->name().c_str());
    }
    if (!state.project().layers.empty()) {
        const auto& crs = state.project().layers.front().source_crs;
        ImGui::SameLine();
        ImGui::Text("   %s %s%s", std::string(tr(Text::DataCrs, lang)).c_str(), crs.name.c_str(),
                    crs.epsg ? (" (EPSG:" + std::to_string(crs.epsg) + ")").c_str() : "");
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

}  // namespace ca::ui
