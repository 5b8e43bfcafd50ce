// The Problems tab: everything loading and counting decided or met, grouped by kind, each row a
// link to its feature on the map or its row in the attribute table.
#include <string>

#include <imgui.h>

#include "core/analysis/counting_problems.hpp"
#include "ui/import_preview.hpp"
#include "ui/panels.hpp"
#include "ui/problem_list.hpp"

namespace ca::ui {
namespace {


ImU32 severity_colour(model::Severity severity) {
    switch (severity) {
        case model::Severity::Error: return IM_COL32(210, 30, 30, 255);
        case model::Severity::Warning: return IM_COL32(235, 140, 0, 255);
        case model::Severity::Note: return IM_COL32(90, 130, 190, 255);
    }
    return IM_COL32(128, 128, 128, 255);
}

// Errors, warnings and notes each ticked on or off, with how many there are of each.
void severity_filter(const ViewerState& state, Actions& actions, Language lang) {
    const ProblemRows& listed = listed_problems(state);
    SeverityFilter filter = state.problem_filter;
    bool changed = false;
    auto box = [&](Text label, std::size_t count, bool& value, bool same_line) {
        if (same_line) ImGui::SameLine();
        changed |= ImGui::Checkbox((t(label, lang) + " " + std::to_string(count)).c_str(), &value);
    };
    box(Text::Errors, listed.errors, filter.errors, false);
    box(Text::Warnings, listed.warnings, filter.warnings, true);
    box(Text::Notes, listed.notes, filter.notes, true);
    if (changed) actions.problem_filter = filter;
}

// Sites and villages layers whose village, township or funds column was not recognised: a
// button opens the layer's field mapping in the layers panel.
void layers_to_map_section(const ViewerState& state, Actions& actions, Language lang) {
    for (const std::size_t i : listed_problems(state).layers_to_map) {
        const auto& layer = state.project().layers[i];
        std::string missing;
        for (const auto m : unmapped_meanings(layer)) missing += std::string(missing.empty() ? " " : ", ") + std::string(model::canonical_name(m));
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::SmallButton(t(Text::MapFields, lang).c_str())) actions.open_field_mapping = i;
        ImGui::SameLine();
        ImGui::TextWrapped("%s: %s%s", layer.name.c_str(), missing.empty() ? "" : t(Text::NoFieldFor, lang).c_str(), missing.c_str());
        ImGui::PopID();
    }
}

void problem_line(const ViewerState& state, const ProblemRow& row, std::size_t k, Actions& actions, Language lang) {
    const model::Problem& p = problem_at(state, row.problem);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (row.header) {
        // The kind and how many of it are listed, over its problems.
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(225, 228, 235, 255));
        ImGui::TableNextColumn();
        ImGui::Text("%s (%zu)", problem_kind_label(p.kind, lang).c_str(), row.count);
        ImGui::TableNextColumn();
        return;
    }
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddCircleFilled({at.x + 6, at.y + h / 2}, 4.5f, severity_colour(p.severity));
    ImGui::Dummy({12, h});
    ImGui::TableNextColumn();
    const std::string place = problem_place(p, lang);
    const std::string label = (place.empty() ? std::string("-") : place) + "##problem" + std::to_string(k);
    if (ImGui::Selectable(label.c_str(), state.clicked_problem == row.problem, ImGuiSelectableFlags_SpanAllColumns))
        actions.problem_click = row.problem;
    if (ImGui::IsItemHovered()) {
        // The whole message, wrapped: the row shows its start.
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        ImGui::TextUnformatted((place.empty() ? p.message : place + ": " + p.message).c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(p.message.c_str());
}

}  // namespace

std::string problems_tab_label(const ViewerState& state) {
    return std::string(tr(Text::Problems, state.style.language)) + " (" + std::to_string(problems_to_act_on(state)) + ")###problems";
}

// A site counted nowhere, by township only, or where its point lies against its row's names:
// the villages it most likely means, a click assigning it (app::assign_to_village).
void candidate_buttons(const ViewerState& state, const model::Problem& p, Actions& actions, Language lang) {
    if (p.kind != analysis::kUnmatchedSite && p.kind != analysis::kTownshipOnlySite && p.kind != analysis::kLocationConflict) return;
    const auto site = problem_feature(state.project(), p);
    if (!site || state.stats().villages.empty()) return;
    const model::Layer& layer = state.project().layers[site->layer];
    const model::Feature& f = layer.features[site->feature];
    const std::string township = model::to_text(layer.value(f, model::Meaning::Township));
    const std::string village = model::to_text(layer.value(f, model::Meaning::VillageName));
    std::optional<model::Vec2> point;
    if (!f.geometry.empty()) point = f.geometry.coords.front();
    const auto& found = candidates_for(state, {township, village, point}, 3);
    if (ImGui::SmallButton(t(Text::PickOnMap, lang).c_str())) actions.place_on_map = *site;
    ImGui::SameLine();
    ImGui::TextUnformatted(t(found.empty() ? Text::NoCandidates : Text::Candidates, lang).c_str());
    for (std::size_t i = 0; i < found.size(); ++i) {
        const auto& c = found[i];
        ImGui::SameLine();
        if (ImGui::SmallButton((c.township + " " + c.name + "##cand" + std::to_string(i)).c_str()))
            actions.assign = Actions::Assign{*site, c.village};
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", analysis::describe(c, lang).c_str());
    }
}

void draw_problems_tab(const ViewerState& state, Actions& actions) {
    const Language lang = state.style.language;
    if (problem_count(state) == 0 && listed_problems(state).layers_to_map.empty()) {
        ImGui::TextWrapped("%s", t(Text::NoProblems, lang).c_str());  // an empty list says so, rather than nothing
        return;
    }
    severity_filter(state, actions, lang);
    layers_to_map_section(state, actions, lang);
    const std::vector<ProblemRow>& rows = listed_problems(state).rows;
    if (rows.empty()) {
        ImGui::TextWrapped("%s", t(problem_count(state) == 0 ? Text::NoProblems : Text::ProblemsFiltered, lang).c_str());
        return;
    }
    // One line a problem, so a province's thousands scroll with a clipper; the message runs on to
    // the right (scroll sideways, or hover for all of it).
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    // The clicked problem in full, wrapped, under the list: the list's lines show only its start.
    const bool detail = state.clicked_problem && *state.clicked_problem < problem_count(state);
    const float detail_px = detail ? ImGui::GetTextLineHeightWithSpacing() * 7 : 0;
    if (!ImGui::BeginTable("problems", 3, flags, {0, ImGui::GetContentRegionAvail().y - detail_px})) return;
    ImGui::TableSetupScrollFreeze(0, 0);
    ImGui::TableSetupColumn("##severity", ImGuiTableColumnFlags_WidthFixed, 14);
    // Not clipped: a kind's header runs on into the message column, empty on its line.
    ImGui::TableSetupColumn("##place", ImGuiTableColumnFlags_NoClip);
    ImGui::TableSetupColumn("##message");
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step())
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) problem_line(state, rows[static_cast<std::size_t>(k)], static_cast<std::size_t>(k), actions, lang);
    ImGui::EndTable();
    if (!detail) return;
    const model::Problem& p = problem_at(state, *state.clicked_problem);
    ImGui::Separator();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(severity_colour(p.severity)), "%s · %s", model::to_string(p.severity), problem_kind_label(p.kind, lang).c_str());
    const std::string place = problem_place(p, lang);
    ImGui::TextWrapped("%s%s%s", place.c_str(), place.empty() ? "" : ": ", p.message.c_str());
    candidate_buttons(state, p, actions, lang);
}

}  // namespace ca::ui
