// Small windows for work that takes longer than a blink: what runs, how far it is, a way out.
#include <string>

#include <imgui.h>

#include "ui/panels.hpp"

namespace ca::ui {

bool draw_loading(bool reading, double seconds, Language language) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2}, ImGuiCond_Always, {0.5f, 0.5f});
    ImGui::Begin("##loading", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    const std::string what(tr(reading ? Text::LoadingData : Text::PreparingMap, language));
    ImGui::Text("%s  %.0f s", what.c_str(), seconds);
    ImGui::ProgressBar(reading ? 0.33f : 0.75f, {320, 0});
    const bool cancel = ImGui::Button(std::string(tr(Text::Cancel, language)).c_str());
    ImGui::End();
    return cancel;
}

void draw_busy(bool analysing, float progress, const ViewerState& state) {
    ImGui::SetNextWindowPos({static_cast<float>(state.canvas.x + 12), static_cast<float>(state.canvas.y + 12)});
    ImGui::Begin("##busy", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoInputs);
    const std::string what(tr(analysing ? Text::ComputingStatistics : Text::RedrawingMap, state.style.language));
    static constexpr const char* kSpinner = "|/-\\";
    ImGui::Text("%c %s", kSpinner[static_cast<int>(ImGui::GetTime() * 8) % 4], what.c_str());
    ImGui::ProgressBar(progress, {220, 0});
    ImGui::End();
}

bool draw_exporting(const std::string& path, float progress, const ViewerState& state) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({vp->Pos.x + vp->Size.x / 2, vp->Pos.y + 60}, ImGuiCond_Always, {0.5f, 0.0f});
    ImGui::Begin("##exporting", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    ImGui::Text("%s %s", std::string(tr(Text::Exporting, state.style.language)).c_str(), path.c_str());
    ImGui::ProgressBar(progress, {220, 0});
    ImGui::SameLine();
    const bool cancel = ImGui::Button(std::string(tr(Text::Cancel, state.style.language)).c_str());
    ImGui::End();
    return cancel;
}

}  // namespace ca::ui
