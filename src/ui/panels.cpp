// Side panel (layers, legend) and status bar (cursor, scale, CRS).
#include "ui/panels.hpp"

#include <cmath>
#include <filesystem>
#include <string>

#include <imgui.h>

namespace ca::ui {
namespace {

Text role_text(model::Role role) {
    switch (role) {
        case model::Role::Villages: return Text::RoleVillages;
        case model::Role::Townships: return Text::RoleTownships;
        case model::Role::Sites: return Text::RoleSites;
        case model::Role::Lines: return Text::RoleLines;
        case model::Role::Ponds: return Text::RolePonds;
        case model::Role::Unknown: return Text::RoleUnknown;
    }
    return Text::RoleUnknown;
}

ImU32 to_imgui(scene::Color c) { return IM_COL32(c.r, c.g, c.b, c.a); }

void legend_swatch(const scene::LegendEntry& entry, Language language) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    switch (entry.kind) {
        case scene::LegendEntry::Kind::Area: draw->AddRectFilled(p, {p.x + 18, p.y + h}, to_imgui(entry.color)); break;
        case scene::LegendEntry::Kind::Line:
            draw->AddLine({p.x, p.y + h / 2}, {p.x + 18, p.y + h / 2}, to_imgui(entry.color), 2.5f);
            break;
        case scene::LegendEntry::Kind::Point: draw->AddCircleFilled({p.x + 9, p.y + h / 2}, 5, to_imgui(entry.color)); break;
        case scene::LegendEntry::Kind::Square:
            draw->AddRectFilled({p.x + 5, p.y + h / 2 - 4}, {p.x + 13, p.y + h / 2 + 4}, to_imgui(entry.color));
            break;
    }
    ImGui::Dummy({22, h});
    ImGui::SameLine();
    ImGui::TextUnformatted(model::display_name(entry.key, language).c_str());
}

}  // namespace

void draw_side_panel(const ViewerState& state, Actions& actions) {
    const Language lang = state.language;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize({static_cast<float>(kSidePanelWidthPx), vp->Size.y - kStatusBarHeightPx});
    ImGui::Begin("##side", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextUnformatted("CountyAtlas");
    ImGui::SameLine(ImGui::GetContentRegionAvail().x - 50);
    if (ImGui::SmallButton(std::string(tr(Text::LanguageName, lang)).c_str()))
        actions.set_language = lang == Language::Chinese ? Language::English : Language::Chinese;
    if (ImGui::Button(std::string(tr(Text::FitToData, lang)).c_str())) actions.fit_to_data = true;
    ImGui::Separator();
    ImGui::TextUnformatted(std::string(tr(Text::Layers, lang)).c_str());
    if (state.project.layers.empty()) ImGui::TextWrapped("%s", std::string(tr(Text::NoLayers, lang)).c_str());
    for (const auto& layer : state.project.layers) {
        const std::string file = std::filesystem::path(layer.source_path).filename().string();
        ImGui::BulletText("%s", layer.name.c_str());
        ImGui::Indent();
        ImGui::TextDisabled("%s · %zu %s · %s", std::string(tr(role_text(layer.role), lang)).c_str(), layer.features.size(),
                            std::string(tr(Text::Features, lang)).c_str(), file.c_str());
        if (layer.counts.repaired || layer.counts.empty_skipped)
            ImGui::TextDisabled("%s %zu, %s %zu", std::string(tr(Text::Repaired, lang)).c_str(), layer.counts.repaired,
                                std::string(tr(Text::Skipped, lang)).c_str(), layer.counts.empty_skipped);
        ImGui::Unindent();
    }
    if (!state.scene.legend.empty()) {
        ImGui::Separator();
        ImGui::TextUnformatted(std::string(tr(Text::Legend, lang)).c_str());
        for (const auto& entry : state.scene.legend) legend_swatch(entry, lang);
    }
    ImGui::End();
}

void draw_status_bar(const ViewerState& state) {
    const Language lang = state.language;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({vp->Pos.x, vp->Pos.y + vp->Size.y - kStatusBarHeightPx});
    ImGui::SetNextWindowSize({vp->Size.x, static_cast<float>(kStatusBarHeightPx)});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {8, 4});
    ImGui::Begin("##status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    if (state.cursor_m && state.project.working) {
        model::Vec2 lonlat = *state.cursor_m;
        state.project.working->inverse(std::span<model::Vec2>(&lonlat, 1));
        ImGui::Text("%s  %.5f°E %.5f°N   x %.0f  y %.0f", std::string(tr(Text::Cursor, lang)).c_str(), lonlat.x, lonlat.y,
                    state.cursor_m->x, state.cursor_m->y);
        ImGui::SameLine();
    }
    // 1:N at the screen's nominal 96 dpi (0.2646 mm per pixel).
    const double scale = state.viewport.m_per_px / 0.00026458;
    ImGui::Text("   %s 1:%.0f", std::string(tr(Text::Scale, lang)).c_str(), std::round(scale));
    if (state.project.working) {
        ImGui::SameLine();
        ImGui::Text("   %s %s", std::string(tr(Text::WorkingCrs, lang)).c_str(), state.project.working->name().c_str());
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

}  // namespace ca::ui
