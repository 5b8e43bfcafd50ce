// The export dialog: page, resolution, title, 审图号 and 编制单位, and file, with the page previewed as it will print.
#include <cstdint>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/panels.hpp"

namespace ca::ui {

void draw_export_dialog(const ViewerState& state, Actions& actions) {
    if (!state.export_settings.open) return;
    const Language lang = state.style.language;
    ExportSettings s = state.export_settings;
    bool changed = false;
    ImGui::SetNextWindowSize({560, 560}, ImGuiCond_FirstUseEver);
    bool open = true;
    if (ImGui::Begin((t(Text::ExportMap, lang) + "###export").c_str(), &open)) {
        char title[256];
        std::snprintf(title, sizeof title, "%s", s.title.c_str());
        if (ImGui::InputText(t(Text::ExportTitle, lang).c_str(), title, sizeof title)) s.title = title, changed = true;
        const char* pages[] = {"A4-landscape", "A4-portrait", "A3-landscape", "A3-portrait"};
        if (ImGui::BeginCombo(t(Text::ExportPage, lang).c_str(), s.page.c_str())) {
            for (const char* p : pages)
                if (ImGui::Selectable(p, s.page == p)) s.page = p, changed = true;
            ImGui::EndCombo();
        }
        changed |= ImGui::SliderInt("DPI", &s.dpi, 72, 600);
        // Frame texts: what an office's map must carry to be handed in.
        char review[128], compiled[256];
        std::snprintf(review, sizeof review, "%s", s.review_number.c_str());
        if (ImGui::InputText(t(Text::ReviewNumber, lang).c_str(), review, sizeof review)) s.review_number = review, changed = true;
        std::snprintf(compiled, sizeof compiled, "%s", s.compiled_by.c_str());
        if (ImGui::InputText(t(Text::CompiledBy, lang).c_str(), compiled, sizeof compiled)) s.compiled_by = compiled, changed = true;
        char path[512];
        std::snprintf(path, sizeof path, "%s", s.path.c_str());
        if (ImGui::InputText(t(Text::ExportFile, lang).c_str(), path, sizeof path)) s.path = path, changed = true;
        if (ImGui::Button(t(Text::ExportButton, lang).c_str())) actions.export_now = true;
        // The preview is the page the file will hold, drawn by the same print code.
        if (state.preview_texture && state.preview_width > 0) {
            const float avail = ImGui::GetContentRegionAvail().x;
            const float scale = avail / static_cast<float>(state.preview_width);
            ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(state.preview_texture)),
                         {avail, static_cast<float>(state.preview_height) * scale});
        }
    }
    ImGui::End();
    if (!open) s.open = false, changed = true;
    if (changed) actions.export_settings = s;
}

}  // namespace ca::ui
