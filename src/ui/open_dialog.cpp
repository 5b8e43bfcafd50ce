// The open dialog, drawn with ImGui: Debian's GLFW has no native file dialog, and this one looks
// the same on every desktop and under Xvfb.
#include <cstdio>
#include <filesystem>
#include <string>

#include <imgui.h>

#include "core/model/database_source.hpp"
#include "ui/panels.hpp"

namespace ca::ui {

void draw_open_dialog(const ViewerState& state, Actions& actions) {
    if (!state.open_dialog.open) return;
    namespace fs = std::filesystem;
    const Language lang = state.style.language;
    OpenDialog dialog = state.open_dialog;
    bool changed = false;
    if (state.folder_listing.folder != dialog.folder) state.folder_listing = {dialog.folder, loading::list_folder(dialog.folder)};

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2}, ImGuiCond_Appearing, {0.5f, 0.5f});
    ImGui::SetNextWindowSize({640, 480}, ImGuiCond_Appearing);
    bool open = true;
    if (ImGui::Begin((t(Text::OpenData, lang) + "###open").c_str(), &open, ImGuiWindowFlags_NoCollapse)) {
        if (ImGui::Button(t(Text::ParentFolder, lang).c_str())) {
            dialog.folder = fs::path(dialog.folder).parent_path().string();
            dialog.picked.clear();
            changed = true;
        }
        ImGui::SameLine();
        // The folder as text: paste a path from the file manager, or type one.
        char folder[1024];
        std::snprintf(folder, sizeof folder, "%s", dialog.folder.c_str());
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputText("##folder", folder, sizeof folder, ImGuiInputTextFlags_EnterReturnsTrue)) {
            const fs::path typed(folder);
            std::error_code error;
            if (model::is_database_source(folder)) {  // PG:host=… dbname=… [schema.]table
                actions.open_file = folder;
                open = false;
            } else if (fs::is_directory(typed, error) && typed.extension() != ".gdb") dialog.folder = typed.string(), dialog.picked.clear();
            else dialog.folder = typed.parent_path().string(), dialog.picked = typed.filename().string();
            changed = true;
        }
        bool open_now = false;
        const float footer = ImGui::GetFrameHeightWithSpacing() + 6;
        ImGui::BeginChild("##entries", {0, -footer}, true);
        for (const auto& entry : state.folder_listing.entries) {
            const std::string text = (entry.folder ? "[" + t(Text::Folder, lang) + "]  " : "") + entry.name;
            if (ImGui::Selectable(text.c_str(), !entry.folder && entry.name == dialog.picked, ImGuiSelectableFlags_AllowDoubleClick)) {
                if (entry.folder) dialog.folder = (fs::path(dialog.folder) / entry.name).string(), dialog.picked.clear();
                else dialog.picked = entry.name, open_now = ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
                changed = true;
            }
        }
        ImGui::EndChild();
        ImGui::TextUnformatted(dialog.picked.c_str());
        ImGui::SameLine(ImGui::GetWindowWidth() - 170);
        ImGui::BeginDisabled(dialog.picked.empty());
        open_now |= ImGui::Button(t(Text::Open, lang).c_str(), {75, 0});
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(t(Text::Cancel, lang).c_str(), {75, 0})) open = false;
        if (open_now && !dialog.picked.empty()) {
            actions.open_file = (fs::path(dialog.folder) / dialog.picked).string();
            open = false;
        }
    }
    ImGui::End();
    if (!open) dialog.open = false, changed = true;
    if (changed) actions.open_dialog = dialog;
}

}  // namespace ca::ui
