// The right panel: township statistics with bars, poorest villages, the selected village, and the
// tabs of their own files (attribute_table.cpp, problems_tab.cpp).
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include <imgui.h>

#include "core/analysis/dissolve.hpp"
#include "core/analysis/metrics.hpp"
#include "core/model/pinyin.hpp"
#include "core/model/text.hpp"
#include "ui/panels.hpp"

namespace ca::ui {
namespace {


// A figure the data does not give is shown as "—", never as 0.
std::string figure(const std::optional<double>& value, const char* format, double scale = 1) {
    if (!value) return "—";
    char text[32];
    std::snprintf(text, sizeof text, format, *value * scale);
    return text;
}

void statistics_tab(const ViewerState& state, Actions& actions, Language lang) {
    if (state.stats().townships.empty() && state.refreshing) {  // the first count is still running
        ImGui::TextDisabled("%s", t(Text::ComputingStatistics, lang).c_str());
        return;
    }
    // The table as a file for the report: .xlsx, .csv or .gpkg (township polygons with the numbers).
    char path[512];
    std::snprintf(path, sizeof path, "%s", state.statistics_path.c_str());
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 90);
    if (ImGui::InputText("##statistics-path", path, sizeof path)) actions.statistics_path = path;
    ImGui::SameLine();
    if (ImGui::Button(t(Text::SaveTable, lang).c_str())) actions.save_statistics = state.statistics_path;
    if (!state.style.sites.lets_all_through()) ImGui::TextColored({0.7f, 0.35f, 0.0f, 1.0f}, "%s", t(Text::FilteredCounts, lang).c_str());
    const auto& rows = state.stats().townships;
    double max_poor = 1;
    for (const auto& r : rows) max_poor = std::max(max_poor, r.poor_population);
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("stats", 7, flags, {0, ImGui::GetContentRegionAvail().y})) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    for (Text h : {Text::Township, Text::PoorPopulation, Text::PovertyRate, Text::Income, Text::Covered, Text::Sites, Text::FundsWan})
        ImGui::TableSetupColumn(t(h, lang).c_str());
    ImGui::TableHeadersRow();
    auto row = [&](const analysis::RegionStats& r, const std::string& name, bool clickable) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (clickable && ImGui::Selectable(name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) actions.zoom_to_m = analysis::township_extent(state.project(), state.stats(), r.township);
        if (!clickable) ImGui::TextUnformatted(name.c_str());
        ImGui::TableNextColumn();
        // A bar of the township's poor people, so the heaviest load stands out at a glance.
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float width = static_cast<float>(60.0 * std::min(1.0, r.poor_population / max_poor));
        if (clickable) ImGui::GetWindowDrawList()->AddRectFilled({p.x, p.y + 3}, {p.x + width, p.y + ImGui::GetTextLineHeight() - 2}, IM_COL32(227, 26, 28, 90));
        ImGui::Text("%8.0f", r.poor_population);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(figure(r.poverty_rate, "%5.1f%%", 100).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(figure(r.income_per_capita, "%6.0f").c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d/%d", r.covered_poor_villages, r.poor_villages);
        ImGui::TableNextColumn();
        ImGui::Text("%5d", r.sites);
        ImGui::TableNextColumn();
        ImGui::Text("%8.1f", r.funds_yuan / 10000);
    };
    for (const auto& r : rows) row(r, r.township, true);
    row(state.stats().total, t(Text::Total, lang), false);
    ImGui::EndTable();
}

// The poor villages ranked for relocation (rank --relocation's list): score, steep land, altitude, road.
void relocation_table(const ViewerState& state, Actions& actions, Language lang) {
    const auto& candidates = state.summary.relocation->candidates;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("relocation", 7, flags, {0, ImGui::GetContentRegionAvail().y})) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (Text h : {Text::Rank, Text::Village, Text::Score, Text::SteepShare, Text::ElevationM, Text::RoadDistanceKm, Text::PovertyRate})
        ImGui::TableSetupColumn(t(h, lang).c_str());
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(candidates.size()));
    while (clipper.Step())
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const auto& c = candidates[static_cast<std::size_t>(k)];
            const auto& v = state.stats().villages[c.village];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d", k + 1);
            ImGui::TableNextColumn();
            if (ImGui::Selectable((v.village_name + "##r" + std::to_string(c.village)).c_str(), state.selected == c.village,
                                  ImGuiSelectableFlags_SpanAllColumns)) {
                actions.select_village = c.village;
                actions.zoom_to_m = state.villages().shapes_m[c.village].extent();
            }
            ImGui::TableNextColumn();
            ImGui::Text("%.3f", c.score);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(figure(analysis::metric_value(v, "steep_share"), "%.0f%%", 100).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(figure(analysis::metric_value(v, "elevation_mean_m"), "%.0f").c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(figure(c.road_distance_m, "%.1f", 0.001).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(figure(v.poverty_rate, "%.1f%%", 100).c_str());
        }
    ImGui::EndTable();
}

void poorest_tab(const ViewerState& state, Actions& actions, Language lang, bool& by_relocation) {
    bool outline = state.highlight_uncovered;
    if (ImGui::Checkbox(t(Text::ShowUncovered, lang).c_str(), &outline)) actions.highlight_uncovered = outline;
    // With a DEM the list can be the relocation ranking instead.
    if (state.summary.relocation) {
        if (ImGui::RadioButton(t(Text::PovertyRate, lang).c_str(), !by_relocation)) by_relocation = false;
        ImGui::SameLine();
        if (ImGui::RadioButton(t(Text::RelocationScore, lang).c_str(), by_relocation)) by_relocation = true;
        if (by_relocation) return relocation_table(state, actions, lang);
    }
    const std::vector<std::size_t>& order = state.summary.poorest;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("poorest", 5, flags, {0, ImGui::GetContentRegionAvail().y})) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (Text h : {Text::Rank, Text::Village, Text::Township, Text::PovertyRate, Text::Sites}) ImGui::TableSetupColumn(t(h, lang).c_str());
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(order.size()));
    while (clipper.Step())
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const std::size_t i = order[static_cast<std::size_t>(k)];
            const auto& v = state.stats().villages[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d", k + 1);
            ImGui::TableNextColumn();
            if (ImGui::Selectable((v.village_name + "##p" + std::to_string(i)).c_str(), state.selected == i, ImGuiSelectableFlags_SpanAllColumns)) {
                actions.select_village = i;
                actions.zoom_to_m = state.villages().shapes_m[i].extent();
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(v.township.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%.1f%%", *v.poverty_rate * 100);
            ImGui::TableNextColumn();
            // Red when no existing project reached it: its sites, if any, are all planned.
            if (v.poor_villages && !v.covered_poor_villages) ImGui::TextColored({0.8f, 0.1f, 0.1f, 1}, "%d", v.sites);
            else ImGui::Text("%d", v.sites);
        }
    ImGui::EndTable();
}

// The village's terrain from the DEM: each metric with its label and unit, "—" where the DEM has no data.
void terrain_lines(const analysis::RegionStats& v, Language lang) {
    ImGui::Separator();
    for (const auto& name : analysis::terrain_metric_names()) {
        const auto* metric = analysis::find_metric(name);
        const std::string unit(lang == Language::Chinese ? metric->unit_zh : metric->unit_en);
        const char* format = metric->share ? "%.1f%%" : name == "slope_mean_deg" ? "%.1f" : "%.0f";
        const std::string value = figure(metric->read(v), format, metric->share ? 100 : 1) + (metric->share ? "" : " " + unit);
        ImGui::Text("%s  %s", analysis::metric_label(name, lang).c_str(), value.c_str());
    }
}

void identify_tab(const ViewerState& state, Language lang) {
    if (!state.selected) {
        ImGui::TextWrapped("%s", t(Text::NothingSelected, lang).c_str());
        return;
    }
    // Every attribute of the village as the source has it, then what the statistics made of it.
    std::size_t index = *state.selected;
    for (const auto* layer : state.project().layers_with(model::Role::Villages)) {
        if (index >= layer->features.size()) {
            index -= layer->features.size();
            continue;
        }
        const auto& f = layer->features[index];
        if (ImGui::BeginTable("identify", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
            for (std::size_t c = 0; c < layer->field_names.size(); ++c) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s", layer->field_names[c].c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(model::to_text(f.values[c]).c_str());
            }
            ImGui::EndTable();
        }
        break;
    }
    const auto& v = state.stats().villages[*state.selected];
    ImGui::Separator();
    // The name as a reader of pinyin says it: for the English UI and for reports abroad.
    ImGui::Text("%s  %s, %s", t(Text::LabelPinyin, lang).c_str(), model::place_name_pinyin(v.village_name).c_str(),
                model::place_name_pinyin(v.township).c_str());
    ImGui::Text("%s %s   %s %s", t(Text::PovertyRate, lang).c_str(), figure(v.poverty_rate, "%.1f%%", 100).c_str(),
                t(Text::Income, lang).c_str(), figure(v.income_per_capita, "%.0f").c_str());
    ImGui::Text("%s %d   %s %.1f", t(Text::Sites, lang).c_str(), v.sites, t(Text::FundsWan, lang).c_str(), v.funds_yuan / 10000);
    // How its projects were placed: a point is exact, a name only as good as the spelling.
    if (v.sites > 0)
        ImGui::TextDisabled("  %s %d · %s %d", t(Text::PlacedByPoint, lang).c_str(), v.sites_exact, t(Text::PlacedByName, lang).c_str(),
                            v.sites_by_name);
    if (v.terrain) terrain_lines(v, lang);
}

}  // namespace

void draw_info_panel(const ViewerState& state, Actions& actions) {
    const Language lang = state.style.language;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({vp->Pos.x + vp->Size.x - kInfoPanelWidthPx, vp->Pos.y});
    ImGui::SetNextWindowSize({static_cast<float>(kInfoPanelWidthPx), vp->Size.y - kStatusBarHeightPx});
    ImGui::Begin("##info", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    auto forward = [&state](const char* tab) { return state.open_tab == tab ? ImGuiTabItemFlags_SetSelected : 0; };
    // Which list the Poorest tab shows lives in ImGui's own state; a script brings either forward.
    bool& by_relocation = *ImGui::GetStateStorage()->GetBoolRef(ImGui::GetID("poorest by relocation"), false);
    if (state.open_tab == "relocation" || state.open_tab == "poorest") by_relocation = state.open_tab == "relocation";
    if (ImGui::BeginTabBar("tabs")) {
        if (ImGui::BeginTabItem(t(Text::Statistics, lang).c_str(), nullptr, forward("statistics"))) {
            statistics_tab(state, actions, lang);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(t(Text::Poorest, lang).c_str(), nullptr, forward("poorest") | forward("relocation"))) {
            poorest_tab(state, actions, lang, by_relocation);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(t(Text::Identify, lang).c_str(), nullptr, state.selected_changed ? ImGuiTabItemFlags_SetSelected : forward("identify"))) {
            identify_tab(state, lang);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(t(Text::Attributes, lang).c_str(), nullptr, forward("attributes"))) {
            draw_attribute_table(state, actions);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(problems_tab_label(state).c_str(), nullptr, forward("problems"))) {
            draw_problems_tab(state, actions);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

}  // namespace ca::ui
