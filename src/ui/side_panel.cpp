// The left panel: search, layers, colouring, project filter and legend.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include <imgui.h>

#include "core/analysis/metrics.hpp"
#include "core/analysis/dissolve.hpp"
#include "core/model/text.hpp"
#include "ui/panels.hpp"
#include "ui/place_search.hpp"

namespace ca::ui {
namespace {


Text role_text(model::Role role) {
    switch (role) {
        case model::Role::Villages: return Text::RoleVillages;
        case model::Role::Townships: return Text::RoleTownships;
        case model::Role::Sites: return Text::RoleSites;
        case model::Role::Lines: return Text::RoleLines;
        case model::Role::Ponds: return Text::RolePonds;
        case model::Role::Dem: return Text::RoleDem;
        case model::Role::Unknown: return Text::RoleUnknown;
    }
    return Text::RoleUnknown;
}

ImU32 to_imgui(scene::Color c) { return IM_COL32(c.r, c.g, c.b, c.a); }

void legend_entry(const scene::LegendEntry& entry, Language lang) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    switch (entry.kind) {
        case scene::LegendEntry::Kind::Area:
            draw->AddRectFilled(p, {p.x + 18, p.y + h}, to_imgui(entry.color));
            draw->AddRect(p, {p.x + 18, p.y + h}, IM_COL32(150, 150, 150, 255));
            break;
        case scene::LegendEntry::Kind::Line: draw->AddLine({p.x, p.y + h / 2}, {p.x + 18, p.y + h / 2}, to_imgui(entry.color), 2.5f); break;
        case scene::LegendEntry::Kind::Point:
            if (entry.hollow) {  // planned sites: white inside a ring of the colour
                draw->AddCircleFilled({p.x + 9, p.y + h / 2}, 5, IM_COL32(255, 255, 255, 255));
                draw->AddCircle({p.x + 9, p.y + h / 2}, 4.2f, to_imgui(entry.color), 0, 2.0f);
            } else {
                draw->AddCircleFilled({p.x + 9, p.y + h / 2}, 5, to_imgui(entry.color));
            }
            break;
        case scene::LegendEntry::Kind::Square: draw->AddRectFilled({p.x + 5, p.y + h / 2 - 4}, {p.x + 13, p.y + h / 2 + 4}, to_imgui(entry.color)); break;
        case scene::LegendEntry::Kind::Triangle:
            draw->AddTriangleFilled({p.x + 9, p.y + h / 2 - 5}, {p.x + 14, p.y + h / 2 + 4}, {p.x + 4, p.y + h / 2 + 4}, to_imgui(entry.color));
            break;
    }
    ImGui::Dummy({22, h});
    ImGui::SameLine();
    if (entry.count >= 0) ImGui::Text("%s  (%d)", model::display_name(entry.key, lang).c_str(), entry.count);
    else ImGui::TextUnformatted(model::display_name(entry.key, lang).c_str());
}

// A combo of fixed choices, each a value with its text; returns the value picked this frame.
template <typename Value>
std::optional<Value> choice_combo(Text label, const Value& current, const std::vector<std::pair<Value, Text>>& choices, Language lang) {
    std::string current_text;
    for (const auto& [value, text] : choices)
        if (value == current) current_text = t(text, lang);
    std::optional<Value> picked;
    ImGui::SetNextItemWidth(160);
    if (ImGui::BeginCombo(t(label, lang).c_str(), current_text.c_str())) {
        for (const auto& [value, text] : choices)
            if (ImGui::Selectable(t(text, lang).c_str(), value == current)) picked = value;
        ImGui::EndCombo();
    }
    return picked;
}

void search_box(const ViewerState& state, Actions& actions, Language lang) {
    char buffer[128] = {};
    std::snprintf(buffer, sizeof buffer, "%s", state.search.c_str());
    ImGui::SetNextItemWidth(-1);
    // The search text lives in state; ImGui edits a copy each frame and the app keeps it.
    const bool enter = ImGui::InputTextWithHint("##search", t(Text::SearchHint, lang).c_str(), buffer, sizeof buffer,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    if (std::string(buffer) != state.search) actions.search = buffer;
    if (!state.search_matches || state.search_matches->query != buffer) state.search_matches = SearchMatches{buffer, find_places(state, buffer, 10)};
    const auto& matches = state.search_matches->found;
    if (enter && !matches.empty()) choose_place(state, matches.front(), actions);  // Enter flies to the first
    for (const auto& m : matches) {
        const auto& v = state.stats().villages;
        const std::string text = m.township ? state.stats().townships[m.index].township : v[m.index].village_name + "  ·  " + v[m.index].township;
        const bool selected = !m.township && state.selected == m.index;
        if (ImGui::Selectable((text + (m.township ? "##t" : "##v") + std::to_string(m.index)).c_str(), selected)) choose_place(state, m, actions);
    }
    if (buffer[0] && matches.empty()) ImGui::TextDisabled("%s", t(Text::NoMatch, lang).c_str());
}

// Which field plays each meaning of the data contract for this layer's role, as detected, and
// changeable: offices name their columns every way there is.
// `open_now`: the Problems tab's "Map fields…" asked for this layer's fields.
void fields_tree(const model::Layer& layer, std::size_t index, bool open_now, Actions& actions, Language lang) {
    if (open_now) ImGui::SetNextItemOpen(true);
    if (!ImGui::TreeNode("fields", "%s", t(Text::FieldMapping, lang).c_str())) return;
    if (open_now) ImGui::SetScrollHereY(0.2f);
    for (std::size_t m = 0; m < model::kMeaningCount; ++m) {
        const auto meaning = static_cast<model::Meaning>(m);
        if (!model::meaning_applies(layer.role, meaning)) continue;
        const std::string current = layer.mapping[meaning] ? layer.mapping[meaning]->source_name : "";
        ImGui::SetNextItemWidth(120);
        const std::string label = std::string(model::canonical_name(meaning)) + "##field" + std::to_string(m);
        if (ImGui::BeginCombo(label.c_str(), current.empty() ? "-" : current.c_str())) {
            if (ImGui::Selectable("-", current.empty())) actions.layer_field = Actions::LayerField{index, meaning, ""};
            for (const auto& name : layer.field_names)
                if (ImGui::Selectable(name.c_str(), name == current)) actions.layer_field = Actions::LayerField{index, meaning, name};
            ImGui::EndCombo();
        }
    }
    ImGui::TreePop();
}

// Colours, widths and symbol sizes of layer `i` over its role's defaults.
void layer_style_editor(const model::Layer& layer, std::size_t i, const scene::LayerStyle& ls, Actions& actions, Language lang) {
    scene::LayerStyle edited = ls;
    bool changed = false;
    const bool areas = layer.role == model::Role::Villages || layer.role == model::Role::Townships;
    const bool points = layer.role == model::Role::Sites || layer.role == model::Role::Ponds;
    auto colour = [&](const char* label, std::optional<std::array<std::uint8_t, 3>>& value, std::array<std::uint8_t, 3> fallback) {
        const auto c = value.value_or(fallback);
        float rgb[3] = {c[0] / 255.0f, c[1] / 255.0f, c[2] / 255.0f};
        if (ImGui::ColorEdit3(label, rgb, ImGuiColorEditFlags_NoInputs)) {
            value = std::array<std::uint8_t, 3>{static_cast<std::uint8_t>(rgb[0] * 255), static_cast<std::uint8_t>(rgb[1] * 255),
                                                static_cast<std::uint8_t>(rgb[2] * 255)};
            changed = true;
        }
    };
    if (layer.role == model::Role::Villages || points) colour(t(Text::FillColour, lang).c_str(), edited.fill_rgb, {200, 200, 200});
    if (areas || layer.role == model::Role::Lines) {
        if (layer.role == model::Role::Villages) ImGui::SameLine();
        colour(t(Text::StrokeColour, lang).c_str(), edited.stroke_rgb, {70, 70, 70});
        float width = edited.width_px.value_or(layer.role == model::Role::Townships ? 1.8f : 1.0f);
        ImGui::SetNextItemWidth(120);
        if (ImGui::SliderFloat(t(Text::LineWidth, lang).c_str(), &width, 0.2f, 8.0f, "%.1f px")) edited.width_px = width, changed = true;
    }
    if (points) {
        float size = edited.symbol_px.value_or(7.0f);
        ImGui::SetNextItemWidth(120);
        if (ImGui::SliderFloat(t(Text::SymbolSize, lang).c_str(), &size, 2.0f, 24.0f, "%.0f px")) edited.symbol_px = size, changed = true;
        static const std::vector<std::pair<scene::MarkerShape, Text>> kShapes = {
            {scene::MarkerShape::Circle, Text::Circle}, {scene::MarkerShape::Square, Text::Square}, {scene::MarkerShape::Triangle, Text::Triangle}};
        const auto fallback = layer.role == model::Role::Ponds ? scene::MarkerShape::Square : scene::MarkerShape::Circle;
        if (auto shape = choice_combo(Text::Symbol, edited.symbol.value_or(fallback), kShapes, lang)) edited.symbol = *shape, changed = true;
    }
    if (changed) actions.layer_style = {i, edited};
}

// The DEM under the map: its hillshade shown or not, the sun's direction and height, the tint.
void terrain_entry(const ViewerState& state, Actions& actions, Language lang) {
    if (!state.project().dem) return;
    const model::Dem& dem = *state.project().dem;
    scene::TerrainStyle terrain = state.style.terrain;
    bool changed = false;
    ImGui::PushID("dem");
    changed |= ImGui::Checkbox("##visible", &terrain.visible);
    ImGui::SameLine();
    const bool open = ImGui::TreeNode("dem", "%s", dem.name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s · %d × %d", t(Text::RoleDem, lang).c_str(), dem.width, dem.height);
    if (open) {
        ImGui::SetNextItemWidth(140);
        changed |= ImGui::SliderFloat(t(Text::SunAzimuth, lang).c_str(), &terrain.azimuth_deg, 0.0f, 360.0f, "%.0f°");
        ImGui::SetNextItemWidth(140);
        changed |= ImGui::SliderFloat(t(Text::SunAltitude, lang).c_str(), &terrain.altitude_deg, 5.0f, 90.0f, "%.0f°");
        changed |= ImGui::Checkbox(t(Text::ElevationTint, lang).c_str(), &terrain.tint);
        ImGui::TextDisabled("%s", dem.path.c_str());
        ImGui::TreePop();
    }
    ImGui::PopID();
    if (changed) actions.terrain = terrain;
}

void layers_section(const ViewerState& state, Actions& actions, Language lang) {
    ImGui::TextUnformatted(t(Text::Layers, lang).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton((t(Text::OpenData, lang) + "…").c_str())) {
        // Starts where the project file is, else in the working folder.
        std::error_code error;
        const auto folder = std::filesystem::absolute(state.project_path, error).parent_path();
        actions.open_dialog = OpenDialog{true, state.open_dialog.folder.empty() ? folder.string() : state.open_dialog.folder, ""};
    }
    if (!state.project().layers_with(model::Role::Sites).empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton((t(Text::ImportSheet, lang) + "…").c_str())) state.editing.importing.open = true;
    }
    if (state.project().layers.empty()) ImGui::TextWrapped("%s", t(Text::NoLayers, lang).c_str());
    for (std::size_t i = 0; i < state.project().layers.size(); ++i) {
        const auto& layer = state.project().layers[i];
        const scene::LayerStyle& ls = state.style.layer(i);
        ImGui::PushID(static_cast<int>(i));
        bool visible = ls.visible;
        if (ImGui::Checkbox("##visible", &visible)) actions.layer_visible = {i, visible};
        ImGui::SameLine();
        const bool map_fields = state.open_field_mapping == i;
        if (map_fields) ImGui::SetNextItemOpen(true);
        const bool open = ImGui::TreeNode("layer", "%s", layer.name.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s · %zu", t(role_text(layer.role), lang).c_str(), layer.features.size());
        ImGui::SameLine();
        const bool editing = state.editing.layer == i;
        if (editing) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.85f, 0.45f, 0.1f, 1));
        if (ImGui::SmallButton(t(editing ? Text::StopEditing : Text::Edit, lang).c_str()))
            actions.edit_layer = editing ? std::optional<std::size_t>() : std::optional<std::size_t>(i);
        if (editing) ImGui::PopStyleColor();
        if (open) {
            // What the layer is: a wrong guess is put right here, and the statistics follow.
            static const std::vector<std::pair<model::Role, Text>> kRoles = {
                {model::Role::Villages, Text::RoleVillages}, {model::Role::Townships, Text::RoleTownships}, {model::Role::Sites, Text::RoleSites},
                {model::Role::Lines, Text::RoleLines},       {model::Role::Ponds, Text::RolePonds},         {model::Role::Unknown, Text::RoleUnknown}};
            if (auto role = choice_combo(Text::Role, layer.role, kRoles, lang)) actions.layer_role = {i, *role};
            fields_tree(layer, i, map_fields, actions, lang);
            float opacity = ls.opacity;
            ImGui::SetNextItemWidth(140);
            if (ImGui::SliderFloat(t(Text::Opacity, lang).c_str(), &opacity, 0.0f, 1.0f, "%.2f")) actions.layer_opacity = {i, opacity};
            layer_style_editor(layer, i, ls, actions, lang);
            if (ImGui::SmallButton(t(Text::ZoomTo, lang).c_str())) {
                model::Geometry corners;
                corners.coords = {{layer.extent().min_x, layer.extent().min_y}, {layer.extent().max_x, layer.extent().max_y}};
                state.project().working->forward(corners.coords);
                actions.zoom_to_m = corners.extent();
            }
            // Also while a count runs: it goes on with its own version of the layers (app::edit_project).
            ImGui::SameLine();
            if (ImGui::SmallButton(t(Text::Up, lang).c_str())) actions.move_layer = {i, -1};
            ImGui::SameLine();
            if (ImGui::SmallButton(t(Text::Down, lang).c_str())) actions.move_layer = {i, +1};
            ImGui::SameLine();
            if (ImGui::SmallButton(t(Text::Remove, lang).c_str())) actions.remove_layer = i;
            ImGui::TextDisabled("%s", layer.file_name().c_str());
            if (layer.counts.repaired || layer.counts.empty_skipped)
                ImGui::TextDisabled("%s %zu, %s %zu", t(Text::Repaired, lang).c_str(), layer.counts.repaired, t(Text::Skipped, lang).c_str(),
                                    layer.counts.empty_skipped);
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
    terrain_entry(state, actions, lang);
}

void colouring_section(const ViewerState& state, Actions& actions, Language lang) {
    static const std::vector<std::pair<std::string, Text>> kMetrics = {
        {"", Text::TownshipTint},           {"poverty_rate", Text::PovertyRate},     {"poor_population", Text::PoorPopulation},
        {"poor_per_km2", Text::PoorPerKm2}, {"income_per_capita", Text::Income},     {"coverage", Text::Coverage},
        {"funds_per_poor_person", Text::FundsPerPoor}, {"sites", Text::Sites},       {"lisa", Text::Lisa}};
    // The computed metrics, then every numeric field of the villages layer ("field:NAME").
    std::vector<std::pair<std::string, std::string>> choices;
    for (const auto& [value, text] : kMetrics) choices.emplace_back(value, t(text, lang));
    if (state.project().dem)
        for (const auto& name : analysis::terrain_metric_names()) choices.emplace_back(name, analysis::metric_label(name, lang));
    for (const auto& field : state.summary.numeric_village_fields) choices.emplace_back("field:" + field, t(Text::Fields, lang) + ": " + field);
    const std::string current = state.style.choropleth ? state.style.choropleth->metric : "";
    std::string current_text = current;
    for (const auto& [value, text] : choices)
        if (value == current) current_text = text;
    ImGui::SetNextItemWidth(160);
    if (ImGui::BeginCombo(t(Text::ColourBy, lang).c_str(), current_text.c_str())) {
        for (const auto& [value, text] : choices)
            if (ImGui::Selectable(text.c_str(), value == current)) actions.choropleth_metric = value;
        ImGui::EndCombo();
    }
    if (!state.style.choropleth || state.style.choropleth->metric == "lisa") return;
    if (state.style.choropleth->metric.rfind("field:", 0) != 0) {
        const bool townships = state.style.choropleth->by_township;
        if (ImGui::RadioButton(t(Text::ByVillage, lang).c_str(), !townships)) actions.choropleth_by_township = false;
        ImGui::SameLine();
        if (ImGui::RadioButton(t(Text::ByTownship, lang).c_str(), townships)) actions.choropleth_by_township = true;
    }
    static const std::vector<std::pair<analysis::ClassMethod, Text>> kMethods = {
        {analysis::ClassMethod::NaturalBreaks, Text::NaturalBreaks}, {analysis::ClassMethod::Quantile, Text::Quantile},
        {analysis::ClassMethod::EqualInterval, Text::EqualInterval}, {analysis::ClassMethod::StandardDeviation, Text::StdDev}};
    if (auto method = choice_combo(Text::Method, state.style.choropleth->method, kMethods, lang)) actions.choropleth_method = *method;
    int classes = state.style.choropleth->classes;
    ImGui::SetNextItemWidth(160);
    if (ImGui::SliderInt(t(Text::Classes, lang).c_str(), &classes, 2, 9)) actions.choropleth_classes = classes;
}

// The project file's path (typed), save, export, and opening the file typed here.
void project_section(const ViewerState& state, Actions& actions, Language lang) {
    if (!ImGui::CollapsingHeader(t(Text::ProjectFile, lang).c_str())) return;
    char path[512] = {};
    std::snprintf(path, sizeof path, "%s", state.project_path.c_str());
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##project", path, sizeof path)) actions.project_path = path;
    if (ImGui::Button(t(Text::Save, lang).c_str())) actions.save_project = state.project_path;
    ImGui::SameLine();
    if (ImGui::Button(t(Text::ExportMap, lang).c_str())) {
        ExportSettings s = state.export_settings;
        s.open = true;
        actions.export_settings = s;
    }
    ImGui::SameLine();
    if (ImGui::Button(t(Text::AddData, lang).c_str())) actions.open_file = state.project_path;
    ImGui::TextDisabled("%s", t(Text::DropHint, lang).c_str());
}

// A combo of a site field's distinct values, "all" first; returns the chosen one on change.
std::optional<std::string> value_combo(const std::vector<std::string>& values, const char* id, Text label, const std::string& current,
                                       Language lang) {
    if (values.empty()) return std::nullopt;
    std::optional<std::string> chosen;
    ImGui::SetNextItemWidth(160);
    if (ImGui::BeginCombo((t(label, lang) + id).c_str(), current.empty() ? t(Text::All, lang).c_str() : current.c_str())) {
        if (ImGui::Selectable(t(Text::All, lang).c_str(), current.empty())) chosen = "";
        for (const auto& v : values)
            if (ImGui::Selectable(v.c_str(), v == current)) chosen = v;
        ImGui::EndCombo();
    }
    return chosen;
}

void filter_section(const ViewerState& state, Actions& actions, Language lang) {
    if (!ImGui::CollapsingHeader(t(Text::SiteFilter, lang).c_str())) return;
    static const std::vector<std::pair<scene::SiteColour, Text>> kColours = {
        {scene::SiteColour::Type, Text::ByType}, {scene::SiteColour::Year, Text::ByYear}, {scene::SiteColour::Status, Text::ByStatus},
        {scene::SiteColour::Batch, Text::ByBatch}};
    if (auto by = choice_combo(Text::ColourSitesBy, state.style.site_colour, kColours, lang)) actions.site_colour = *by;
    if (auto v = value_combo(state.summary.statuses, "##status", Text::Status, state.style.sites.status, lang)) actions.site_status = *v;
    if (auto v = value_combo(state.summary.batches, "##batch", Text::Batch, state.style.sites.batch, lang)) actions.site_batch = *v;
    for (const auto& type : model::project_types()) {
        bool shown = !state.style.sites.hidden_types.count(type);
        if (ImGui::Checkbox(model::display_name(type, lang).c_str(), &shown)) actions.site_type_shown = {type, shown};
    }
    const int first = state.summary.first_year, last = state.summary.last_year;
    if (first > last) return;
    int year = state.style.sites.up_to_year == 0 ? last : state.style.sites.up_to_year;
    ImGui::SetNextItemWidth(160);
    // The year slider shows the projects' spread: drag it, or play it a year a second.
    if (ImGui::SliderInt(t(Text::UpToYear, lang).c_str(), &year, first, last)) actions.up_to_year = year == last ? 0 : year;
    if (ImGui::SmallButton(t(state.playing_years ? Text::Stop : Text::Play, lang).c_str())) actions.play_years = !state.playing_years;
}

}  // namespace

void draw_side_panel(const ViewerState& state, Actions& actions) {
    const Language lang = state.style.language;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize({static_cast<float>(kSidePanelWidthPx), vp->Size.y - kStatusBarHeightPx});
    ImGui::Begin("##side", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextUnformatted("CountyAtlas");
    ImGui::SameLine(ImGui::GetContentRegionAvail().x - 50);
    if (ImGui::SmallButton(t(Text::LanguageName, lang).c_str()))
        actions.set_language = lang == Language::Chinese ? Language::English : Language::Chinese;
    search_box(state, actions, lang);
    if (ImGui::Button(t(Text::FitToData, lang).c_str())) actions.fit_to_data = true;
    ImGui::SameLine();
    bool labels = state.style.labels;
    if (ImGui::Checkbox(t(Text::Labels, lang).c_str(), &labels)) actions.labels = labels;
    if (labels) {
        const bool pinyin = state.style.label_script == scene::LabelScript::Pinyin;
        ImGui::Indent();
        if (ImGui::RadioButton(t(Text::LabelChinese, lang).c_str(), !pinyin)) actions.label_script = scene::LabelScript::Chinese;
        ImGui::SameLine();
        if (ImGui::RadioButton(t(Text::LabelPinyin, lang).c_str(), pinyin)) actions.label_script = scene::LabelScript::Pinyin;
        ImGui::Unindent();
    }
    ImGui::Separator();
    layers_section(state, actions, lang);
    ImGui::Separator();
    colouring_section(state, actions, lang);
    filter_section(state, actions, lang);
    project_section(state, actions, lang);
    if (!state.scene->legend.empty()) {
        ImGui::Separator();
        ImGui::TextUnformatted(t(Text::Legend, lang).c_str());
        for (const auto& entry : state.scene->legend) legend_entry(entry, lang);
    }
    for (const auto& message : state.messages) ImGui::TextColored({0.7f, 0.1f, 0.1f, 1.0f}, "%s", message.c_str());
    ImGui::End();
}

}  // namespace ca::ui
