// Asking for a database's password when the server wants one: typed into a masked field, handed
// to libpq for this session, never shown again nor written to a project file.
#include <imgui.h>


#include "ui/panels.hpp"

namespace ca::ui {

void draw_password_prompt(const ViewerState& state, Actions& actions) {
    if (!state.database_asking_password) return;
    const Language lang = state.style.language;
    const std::string title = t(Text::DatabasePassword, lang) + "###password";
    if (!ImGui::IsPopupOpen(title.c_str())) ImGui::OpenPopup(title.c_str());
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    auto& typed = state.password_field;
    ImGui::TextUnformatted(t(Text::DatabaseAsksPassword, lang).c_str());
    ImGui::TextUnformatted(state.database_asking_password->c_str());
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("##password", typed.data(), typed.size(), ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::TextDisabled("%s", t(Text::PasswordKeptInMemory, lang).c_str());
    const bool ok = ImGui::Button(t(Text::Ok, lang).c_str(), {90, 0}) || entered;
    ImGui::SameLine();
    const bool cancel = ImGui::Button(t(Text::Cancel, lang).c_str(), {90, 0});
    if (ok || cancel) {
        actions.database_password = ok ? std::string(typed.data()) : std::string();
        typed.fill('\0');
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace ca::ui
