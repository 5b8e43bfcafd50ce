// "Import a project sheet…": a sheet's rows previewed against the project list — the column
// mapping (each field's column may be chosen), each row's village or why none, duplicates of the
// list's rows — fixed in place, then appended as one edit (undone as one, saved with Ctrl+S).
#include <imgui.h>

#include <cstdio>

#include "core/model/error.hpp"
#include "ui/import_preview.hpp"
#include "ui/panels.hpp"

namespace ca::ui {
namespace {

void text_input(const char* id, std::string& text, float width) {
    char buffer[256] = {};
    std::snprintf(buffer, sizeof buffer, "%s", text.c_str());
    ImGui::SetNextItemWidth(width);
    if (ImGui::InputText(id, buffer, sizeof buffer)) text = buffer;
}

// Each field of the list, the sheet's column that fills it; a pick becomes the user's choice.
void mapping_section(const ViewerState& state, const ImportPreview& preview, Language lang) {
    auto& importing = state.editing.importing;
    const model::Layer& list = state.project().layers[*importing.target];
    const model::Layer& sheet = *importing.sheet;
    if (!ImGui::CollapsingHeader(t(Text::FieldMapping, lang).c_str())) return;
    for (std::size_t f = 0; f < list.field_names.size(); ++f) {
        std::string current = "—";
        for (const auto& link : preview.mapping.links)
            if (link.field == f) current = sheet.field_names[link.column];
        ImGui::PushID(static_cast<int>(f));
        ImGui::TextUnformatted(list.field_names[f].c_str());
        ImGui::SameLine(180);
        ImGui::SetNextItemWidth(200);
        if (ImGui::BeginCombo("##column", current.c_str())) {
            for (const auto& column : sheet.field_names)
                if (ImGui::Selectable(column.c_str(), column == current)) {
                    std::erase_if(importing.choices, [&](const workspace::MapChoice& c) { return c.field == list.field_names[f]; });
                    importing.choices.push_back({list.field_names[f], column});
                }
            ImGui::EndCombo();
        }
        ImGui::PopID();
    }
    if (preview.mapping.unplaced.empty()) return;
    std::string names;
    for (const std::size_t c : preview.mapping.unplaced) names += (names.empty() ? "" : "、") + sheet.field_names[c];
    ImGui::TextWrapped("%s %s", t(Text::NotImported, lang).c_str(), names.c_str());
}

// A row: ticked or not, its number, name, township and village typed in place, and its fate.
void row_line(const ViewerState& state, const ImportRow& row, Language lang) {
    auto& importing = state.editing.importing;
    ImGui::PushID(static_cast<int>(row.feature));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    bool ticked = !importing.left_out.count(row.feature);
    if (ImGui::Checkbox("##take", &ticked)) {
        if (ticked) importing.left_out.erase(row.feature);
        else importing.left_out.insert(row.feature);
    }
    ImGui::TableNextColumn();
    ImGui::Text("%lld", static_cast<long long>(row.row));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.name.c_str());
    auto fix = importing.fixes.count(row.feature) ? importing.fixes[row.feature] : std::pair{row.township, row.village};
    ImGui::TableNextColumn();
    text_input("##township", fix.first, -1);
    const bool township_typed = ImGui::IsItemEdited();
    ImGui::TableNextColumn();
    text_input("##village", fix.second, -1);
    if (township_typed || ImGui::IsItemEdited()) importing.fixes[row.feature] = fix;
    ImGui::TableNextColumn();
    if (row.duplicate_of) {
        const auto& list = state.project().layers[*importing.target];
        ImGui::TextDisabled("%s (%lld)", t(Text::AlreadyInList, lang).c_str(), static_cast<long long>(list.features[*row.duplicate_of].fid));
    } else if (row.values.lon_lat) {
        ImGui::TextColored({0.1f, 0.5f, 0.1f, 1}, "%.5f, %.5f", row.values.lon_lat->x, row.values.lon_lat->y);
    } else if (row.village_index) {
        ImGui::TextColored({0.1f, 0.5f, 0.1f, 1}, "→ %s", state.stats().villages[*row.village_index].village_name.c_str());
    } else {
        ImGui::TextColored({0.8f, 0.1f, 0.1f, 1}, "%s", t(row.reason, lang).c_str());
        // The likeliest village, one click from being typed in.
        const auto& best = candidates_for(state, {row.township, row.village, std::nullopt}, 1);
        if (!best.empty()) {
            ImGui::SameLine();
            if (ImGui::SmallButton((best.front().township + " " + best.front().name).c_str())) importing.fixes[row.feature] = {best.front().township, best.front().name};
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", analysis::describe(best.front(), lang).c_str());
        }
    }
    ImGui::PopID();
}

void rows_table(const ViewerState& state, const ImportPreview& preview, Language lang) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("import-rows", 6, flags, {0, ImGui::GetContentRegionAvail().y - 40})) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("##take");
    ImGui::TableSetupColumn(t(Text::ImportRowCol, lang).c_str());
    ImGui::TableSetupColumn(t(Text::Sites, lang).c_str());
    ImGui::TableSetupColumn(t(Text::Township, lang).c_str(), ImGuiTableColumnFlags_WidthFixed, 90);
    ImGui::TableSetupColumn(t(Text::InVillage, lang).c_str(), ImGuiTableColumnFlags_WidthFixed, 90);
    ImGui::TableSetupColumn(t(Text::MatchedTo, lang).c_str());
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(preview.rows.size()));
    while (clipper.Step())
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) row_line(state, preview.rows[static_cast<std::size_t>(k)], lang);
    ImGui::EndTable();
}

// Where the rows go: a sites layer of the project.
void target_combo(const ViewerState& state, Language lang) {
    auto& importing = state.editing.importing;
    const auto& layers = state.project().layers;
    if (!importing.target || *importing.target >= layers.size())
        for (std::size_t i = 0; i < layers.size() && !importing.target; ++i)
            if (layers[i].role == model::Role::Sites) importing.target = i;
    if (!importing.target) return;
    ImGui::TextUnformatted(t(Text::ImportInto, lang).c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(200);
    if (ImGui::BeginCombo("##into", layers[*importing.target].name.c_str())) {
        for (std::size_t i = 0; i < layers.size(); ++i)
            if (layers[i].role == model::Role::Sites && ImGui::Selectable(layers[i].name.c_str(), i == *importing.target)) importing.target = i;
        ImGui::EndCombo();
    }
}

}  // namespace

void draw_import_dialog(const ViewerState& state, Actions& actions) {
    auto& importing = state.editing.importing;
    if (!importing.open) return;
    const Language lang = state.style.language;
    ImGui::SetNextWindowSize({780, 560}, ImGuiCond_Appearing);
    ImGui::Begin((t(Text::ImportSheet, lang) + "###import").c_str(), &importing.open, ImGuiWindowFlags_NoSavedSettings);
    text_input("##path", importing.path, 520);
    ImGui::SameLine();
    if (ImGui::Button(t(Text::ReadSheet, lang).c_str())) actions.import_read = importing.path;
    if (!importing.error.empty()) ImGui::TextColored({0.8f, 0.1f, 0.1f, 1}, "%s", importing.error.c_str());
    target_combo(state, lang);
    if (importing.sheet && importing.target) {
        try {
            const ImportPreview preview = preview_import(state);
            mapping_section(state, preview, lang);
            for (const auto& problem : preview.problems) ImGui::TextColored({0.8f, 0.4f, 0.1f, 1}, "%s", problem.c_str());
            rows_table(state, preview, lang);
            std::size_t taken = 0;
            for (const auto& row : preview.rows) taken += row.taken;
            ImGui::BeginDisabled(taken == 0);
            if (ImGui::Button(t(Text::AppendRows, lang, taken).c_str())) {
                actions.edit = import_edit(state, preview);
                importing.open = false;
            }
            ImGui::EndDisabled();
        } catch (const Error& e) {
            ImGui::TextColored({0.8f, 0.1f, 0.1f, 1}, "%s", e.what());
        }
    }
    ImGui::End();
}

}  // namespace ca::ui
