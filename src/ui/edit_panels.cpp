// The editing panels: the bar over the map in Edit mode, the new feature's form, and the questions
// a save or a close may ask (files changed on disk, unsaved edits).
#include <imgui.h>

#include <algorithm>
#include <set>

#include "core/model/text.hpp"
#include "core/workspace/feature_edits.hpp"
#include "ui/panels.hpp"

namespace ca::ui {
namespace {

// How the form labels a field: its name, and the unit a money field is typed in.
std::string field_label(const model::Layer& layer, std::size_t field) {
    std::string label = layer.field_names[field];
    const auto& funds = layer.mapping[model::Meaning::Funds];
    if (funds && funds->field_index == static_cast<int>(field)) label += funds->scale == 10000 ? "（万元）" : "（元）";
    return label;
}

// A text input with the field's own values offered beside it.
void typed_input(EditInputs& inputs, const model::Layer& layer, std::size_t field, std::string& text, float width) {
    char buffer[256] = {};
    std::snprintf(buffer, sizeof buffer, "%s", text.c_str());
    const auto& choices = value_list(inputs, layer, field);
    ImGui::SetNextItemWidth(choices.empty() ? width : width - 28);
    if (ImGui::InputText("##v", buffer, sizeof buffer)) text = buffer;
    if (choices.empty()) return;
    ImGui::SameLine(0, 2);
    if (ImGui::BeginCombo("##c", "", ImGuiComboFlags_NoPreview)) {
        for (const auto& choice : choices)
            if (ImGui::Selectable(choice.c_str(), choice == text)) text = choice;
        ImGui::EndCombo();
    }
}

// Where "Save as GeoPackage…" writes: a path typed, then Save.
void save_as_popup(const ViewerState& state, Actions& actions, Language lang) {
    if (!ImGui::BeginPopup("save-as")) return;
    auto& path = state.editing.inputs.save_as_path;
    char buffer[512] = {};
    std::snprintf(buffer, sizeof buffer, "%s", path.c_str());
    ImGui::SetNextItemWidth(320);
    if (ImGui::InputText("##path", buffer, sizeof buffer)) path = buffer;
    ImGui::SameLine();
    if (ImGui::Button(t(Text::Save, lang).c_str())) actions.save_as_geopackage = path, ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace

const std::vector<std::string>& value_list(EditInputs& inputs, const model::Layer& layer, std::size_t field) {
    auto& cache = inputs.choices;
    if (cache.layer != &layer || cache.features != layer.features.size()) cache = {&layer, layer.features.size(), {}};
    const auto found = cache.by_field.find(field);
    if (found != cache.by_field.end()) return found->second;
    std::set<std::string> seen;
    for (const auto m : {model::Meaning::ProjectType, model::Meaning::Status, model::Meaning::Batch, model::Meaning::Kind, model::Meaning::Township})
        if (layer.mapping.index(m) == static_cast<int>(field))
            for (const auto& f : layer.features)
                if (auto text = model::normalize_text(model::to_text(f.values[field])); !text.empty()) seen.insert(text);
    return cache.by_field[field] = {seen.begin(), seen.end()};
}

void value_input(EditInputs& inputs, const model::Layer& layer, std::size_t field, std::string& text, float width) {
    typed_input(inputs, layer, field, text, width);
}

void draw_edit_bar(const ViewerState& state, Actions& actions) {
    const auto& editing = state.editing;
    if (!editing.layer || *editing.layer >= state.project().layers.size()) return;
    const Language lang = state.style.language;
    const model::Layer& layer = state.project().layers[*editing.layer];
    ImGui::SetNextWindowPos({static_cast<float>(state.canvas.x + 10), static_cast<float>(state.canvas.y + 10)});
    ImGui::Begin("##edit-bar", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                            ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    ImGui::Text("%s: %s", t(Text::Edit, lang).c_str(), layer.name.c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(!editing.history.can_undo());
    if (ImGui::SmallButton(t(Text::Undo, lang).c_str())) actions.undo = true;
    if (editing.history.can_undo() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", editing.history.next_undo().c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!editing.history.can_redo());
    if (ImGui::SmallButton(t(Text::Redo, lang).c_str())) actions.redo = true;
    ImGui::EndDisabled();
    std::size_t unsaved = 0;
    for (const auto& l : state.project().layers) unsaved += l.edited.size();
    ImGui::SameLine();
    ImGui::BeginDisabled(unsaved == 0);
    if (ImGui::SmallButton(t(Text::SaveEdits, lang).c_str())) actions.save_edits = false;
    ImGui::EndDisabled();
    if (unsaved > 0) {
        ImGui::SameLine();
        ImGui::TextColored({0.8f, 0.3f, 0.1f, 1}, "%s", t(Text::EditedFeatures, lang, unsaved).c_str());
    }
    ImGui::SameLine();
    if (ImGui::SmallButton((t(Text::SaveAsGeoPackage, lang) + "…").c_str())) ImGui::OpenPopup("save-as");
    save_as_popup(state, actions, lang);
    ImGui::SameLine();
    if (ImGui::SmallButton(t(Text::StopEditing, lang).c_str())) actions.edit_layer = std::optional<std::size_t>();
    const bool points = layer.dominant_geometry() == model::GeometryType::Point || layer.geometry_type == "None";
    ImGui::TextDisabled("%s", t(points ? Text::EditHintPoints : Text::EditHintShapes, lang).c_str());
    ImGui::End();
}

void draw_feature_form(const ViewerState& state, Actions& actions) {
    auto& inputs = state.editing.inputs;
    if (!inputs.new_site_m || !state.editing.layer || *state.editing.layer >= state.project().layers.size()) return;
    const Language lang = state.style.language;
    const model::Layer& layer = state.project().layers[*state.editing.layer];
    inputs.form.resize(layer.field_names.size());
    // Beside the click, on the map's other half, so the place it names stays in sight.
    const double click_x = state.viewport.to_px(*inputs.new_site_m).x;
    const float left = click_x < state.canvas.width / 2.0 ? state.canvas.x + state.canvas.width - 420.0f : state.canvas.x + 20.0f;
    ImGui::SetNextWindowPos({std::max(left, static_cast<float>(state.canvas.x)), static_cast<float>(state.canvas.y + 70)}, ImGuiCond_Appearing);
    ImGui::Begin((t(Text::NewFeature, lang) + "###new-feature").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    if (ImGui::IsWindowAppearing()) ImGui::SetWindowFocus();  // typing goes here, Enter takes it
    for (std::size_t i = 0; i < layer.field_names.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::TextUnformatted(field_label(layer, i).c_str());
        ImGui::SameLine(160);
        typed_input(inputs, layer, i, inputs.form[i], 220);
        ImGui::PopID();
    }
    if (!inputs.error.empty()) ImGui::TextColored({0.8f, 0.1f, 0.1f, 1}, "%s", inputs.error.c_str());
    const bool enter = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    if (ImGui::Button(t(Text::Ok, lang).c_str()) || enter) {
        try {
            Actions::AddFeature add{*inputs.new_site_m, {}};
            for (std::size_t i = 0; i < inputs.form.size(); ++i)
                if (auto value = workspace::typed_value(layer, i, inputs.form[i]); !model::is_null(value)) add.values.emplace_back(i, std::move(value));
            actions.add_feature = std::move(add);
            inputs = {};
        } catch (const std::exception& e) {
            inputs.error = e.what();  // the form stays open with what was typed
        }
    }
    ImGui::SameLine();
    if (ImGui::Button(t(Text::Cancel, lang).c_str())) inputs = {};
    ImGui::End();
}

void draw_save_questions(const ViewerState& state, Actions& actions) {
    const Language lang = state.style.language;
    const auto& editing = state.editing;
    if (!editing.changed_on_disk.empty()) ImGui::OpenPopup("###changed-on-disk");
    if (ImGui::BeginPopupModal((t(Text::SaveEdits, lang) + "###changed-on-disk").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(t(Text::ChangedOnDisk, lang).c_str());
        for (const auto& file : editing.changed_on_disk) ImGui::BulletText("%s", file.c_str());
        if (ImGui::Button(t(Text::Reload, lang).c_str())) actions.reload_changed = true, ImGui::CloseCurrentPopup();
        ImGui::SameLine();
        if (ImGui::Button(t(Text::Overwrite, lang).c_str())) actions.save_edits = true, ImGui::CloseCurrentPopup();
        ImGui::SameLine();
        if (ImGui::Button((t(Text::SaveAsGeoPackage, lang) + ": " + editing.inputs.save_as_path).c_str()))
            actions.save_as_geopackage = editing.inputs.save_as_path, actions.cancel_save = true, ImGui::CloseCurrentPopup();
        ImGui::SameLine();
        if (ImGui::Button(t(Text::Cancel, lang).c_str())) actions.cancel_save = true, ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (editing.close_asked) ImGui::OpenPopup("###close");
    if (ImGui::BeginPopupModal((t(Text::UnsavedEdits, lang) + "###close").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(t(Text::UnsavedEdits, lang).c_str());
        if (ImGui::Button(t(Text::SaveAndClose, lang).c_str())) actions.save_edits = false, actions.close_answer = true, ImGui::CloseCurrentPopup();
        ImGui::SameLine();
        if (ImGui::Button(t(Text::Discard, lang).c_str())) actions.close_answer = true, ImGui::CloseCurrentPopup();
        ImGui::SameLine();
        if (ImGui::Button(t(Text::Cancel, lang).c_str())) actions.close_answer = false, ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace ca::ui
