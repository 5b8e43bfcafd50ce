// The right panel's attribute table (see panels.hpp): filtered, sorted rows of a layer; in Edit
// mode, typed cells and rows set at once.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include <imgui.h>

#include "core/model/text.hpp"
#include "core/workspace/feature_edits.hpp"
#include "ui/panels.hpp"

namespace ca::ui {
namespace {

// The attribute table's rows: those whose any value contains the filter text, sorted by the
// clicked column; recomputed only when the layer, the filter or the sort changed.
const std::vector<std::size_t>& table_rows(const ViewerState& state, const model::Layer& layer, int sort_column, bool ascending) {
    TableRows& cache = state.table_rows;
    if (cache.layer != &layer || cache.feature_count != layer.features.size() || cache.filter != state.table_filter ||
        cache.sort_column != sort_column || cache.ascending != ascending) {
        cache = TableRows{&layer, layer.features.size(), state.table_filter, sort_column, ascending, {}};
        const std::string needle = model::normalize_text(state.table_filter);
        for (std::size_t r = 0; r < layer.features.size(); ++r) {
            bool keep = needle.empty();
            for (const auto& v : layer.features[r].values) keep = keep || model::to_text(v).find(needle) != std::string::npos;
            if (keep) cache.rows.push_back(r);
        }
        if (sort_column >= 0) {
            const auto column = static_cast<std::size_t>(sort_column);
            std::stable_sort(cache.rows.begin(), cache.rows.end(), [&](std::size_t a, std::size_t b) {
                const auto& va = layer.features[a].values[column];
                const auto& vb = layer.features[b].values[column];
                const auto na = model::to_number(va), nb = model::to_number(vb);
                const bool less = na && nb ? *na < *nb : model::to_text(va) < model::to_text(vb);
                const bool greater = na && nb ? *na > *nb : model::to_text(va) > model::to_text(vb);
                return ascending ? less : greater;
            });
        }
    }
    return cache.rows;
}

// A cell of the edited layer: double-click types into it, Enter takes the value (checked as
// typed_value checks it), Escape leaves it.
void editable_cell(const ViewerState& state, Actions& actions, std::size_t layer_index, std::size_t r, std::size_t c, const std::string& cell) {
    auto& inputs = state.editing.inputs;
    const model::Layer& layer = state.project().layers[layer_index];
    if (inputs.cell && inputs.cell->feature == r && inputs.cell->field == c) {
        char buffer[256] = {};
        std::snprintf(buffer, sizeof buffer, "%s", inputs.cell->text.c_str());
        const auto& choices = value_list(inputs, layer, c);  // the layer's own statuses, types, batches
        ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetColumnWidth()) - (choices.empty() ? 0 : 28));
        if (!inputs.cell->focused) ImGui::SetKeyboardFocusHere(), inputs.cell->focused = true;
        bool enter = ImGui::InputText("##cell", buffer, sizeof buffer, ImGuiInputTextFlags_EnterReturnsTrue);
        inputs.cell->text = buffer;
        if (!choices.empty()) {
            ImGui::SameLine(0, 2);
            if (ImGui::BeginCombo("##cell-values", "", ImGuiComboFlags_NoPreview)) {
                for (const auto& choice : choices)
                    if (ImGui::Selectable(choice.c_str(), choice == inputs.cell->text)) inputs.cell->text = choice, enter = true;  // picked: taken
                ImGui::EndCombo();
            }
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) inputs.cell.reset(), inputs.error.clear();
        if (!enter || !inputs.cell) return;
        try {
            actions.edit = workspace::set_values_edit(state.project(), layer_index, {r}, c, workspace::typed_value(layer, c, inputs.cell->text));
            inputs.cell.reset();
            inputs.error.clear();
        } catch (const std::exception& e) {
            inputs.error = e.what();
        }
        return;
    }
    ImGui::TextUnformatted(cell.c_str());
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) inputs.cell = EditInputs::Cell{r, c, cell}, inputs.error.clear();
}

// One row of the attribute table: its first cell selects the feature (a village: the map's
// selection, ctrl-click adding or removing it; in Edit mode ctrl-click picks rows to set at
// once), the others show the values, or take typed ones in Edit mode.
void attribute_row(const ViewerState& state, Actions& actions, std::size_t current, std::size_t r, int columns, std::size_t village_offset) {
    const auto& layer = state.project().layers[current];
    const bool villages = layer.role == model::Role::Villages;
    const bool editing = state.editing.layer == current;
    auto& picked = state.editing.inputs.rows;
    for (int c = 0; c < columns; ++c) {
        ImGui::TableNextColumn();
        const std::string cell = model::to_text(layer.features[r].values[static_cast<std::size_t>(c)]);
        if (c > 0) {
            if (editing) editable_cell(state, actions, current, r, static_cast<std::size_t>(c), cell);
            else ImGui::TextUnformatted(cell.c_str());
        } else if (editing) {
            const bool selected = picked.count(r) > 0 || state.selected_feature == FeatureRef{current, r};
            if (ImGui::Selectable((cell + "##a" + std::to_string(r)).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                if (ImGui::GetIO().KeyCtrl) {
                    if (!picked.erase(r)) picked.insert(r);
                } else {
                    picked = {r};
                    actions.select_feature = FeatureRef{current, r};
                }
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) state.editing.inputs.cell = EditInputs::Cell{r, 0, cell};
            }
        } else if (!villages) {
            // Other layers' rows: selected by a click here or on a problem naming them.
            const bool selected = state.selected_feature == FeatureRef{current, r};
            if (ImGui::Selectable((cell + "##a" + std::to_string(r)).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns))
                actions.select_feature = FeatureRef{current, r};
        } else {
            const std::size_t village = village_offset + r;
            if (!ImGui::Selectable((cell + "##a" + std::to_string(r)).c_str(), state.selection.count(village) > 0, ImGuiSelectableFlags_SpanAllColumns))
                continue;
            if (ImGui::GetIO().KeyCtrl) {
                actions.toggle_village = village;
            } else {
                actions.select_village = village;
                // Villages added since the last count have no shape to zoom to yet.
                if (village < state.villages().shapes_m.size()) actions.zoom_to_m = state.villages().shapes_m[village].extent();
            }
        }
    }
}

// Over the edited layer's table: "N rows picked", a field, a value, Set; Delete removes them.
void bulk_bar(const ViewerState& state, Actions& actions, std::size_t current, Language lang) {
    auto& inputs = state.editing.inputs;
    const model::Layer& layer = state.project().layers[current];
    std::erase_if(inputs.rows, [&](std::size_t r) { return r >= layer.features.size(); });
    if (!inputs.error.empty()) ImGui::TextColored({0.8f, 0.1f, 0.1f, 1}, "%s", inputs.error.c_str());
    if (inputs.rows.empty() || layer.field_names.empty()) return;
    ImGui::TextUnformatted(t(Text::RowsPicked, lang, inputs.rows.size()).c_str());
    inputs.bulk_field = std::min(inputs.bulk_field, layer.field_names.size() - 1);
    ImGui::SetNextItemWidth(110);
    if (ImGui::BeginCombo("##bulk-field", layer.field_names[inputs.bulk_field].c_str())) {
        for (std::size_t i = 0; i < layer.field_names.size(); ++i)
            if (ImGui::Selectable(layer.field_names[i].c_str(), i == inputs.bulk_field)) inputs.bulk_field = i;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::PushID("bulk");
    value_input(inputs, layer, inputs.bulk_field, inputs.bulk_text, 150);
    ImGui::PopID();
    ImGui::SameLine();
    const std::vector<std::size_t> rows(inputs.rows.begin(), inputs.rows.end());
    if (ImGui::SmallButton(t(Text::SetRows, lang).c_str())) {
        try {
            actions.edit = workspace::set_values_edit(state.project(), current, rows, inputs.bulk_field, workspace::typed_value(layer, inputs.bulk_field, inputs.bulk_text));
            inputs.error.clear();
        } catch (const std::exception& e) {
            inputs.error = e.what();
        }
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(t(Text::Remove, lang).c_str())) actions.edit = workspace::delete_edit(state.project(), current, rows), inputs.rows.clear();
}

void attributes_tab(const ViewerState& state, Actions& actions, Language lang) {
    if (state.project().layers.empty()) return;
    const std::size_t current = std::min(state.table_layer, state.project().layers.size() - 1);
    const auto& layer = state.project().layers[current];
    ImGui::SetNextItemWidth(160);
    if (ImGui::BeginCombo("##layer", layer.name.c_str())) {
        for (std::size_t i = 0; i < state.project().layers.size(); ++i)
            if (ImGui::Selectable(state.project().layers[i].name.c_str(), i == current)) actions.table_layer = i;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (!state.selection.empty()) {
        if (ImGui::SmallButton((t(Text::ZoomTo, lang) + " (" + std::to_string(state.selection.size()) + ")").c_str())) actions.zoom_to_selection = true;
        ImGui::SameLine();
    }
    char filter[128] = {};
    std::snprintf(filter, sizeof filter, "%s", state.table_filter.c_str());
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##filter", t(Text::Filter, lang).c_str(), filter, sizeof filter)) actions.table_filter = filter;
    if (state.editing.layer == current) bulk_bar(state, actions, current, lang);

    const int columns = static_cast<int>(std::min<std::size_t>(layer.field_names.size(), 60));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
    if (columns == 0 || !ImGui::BeginTable("attributes", columns, flags, {0, ImGui::GetContentRegionAvail().y})) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    for (int c = 0; c < columns; ++c) ImGui::TableSetupColumn(layer.field_names[static_cast<std::size_t>(c)].c_str());
    ImGui::TableHeadersRow();
    int sort_column = -1;
    bool ascending = true;
    if (const ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsCount > 0) {
        sort_column = sort->Specs[0].ColumnIndex;
        ascending = sort->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    }
    const std::vector<std::size_t>& rows = table_rows(state, layer, sort_column, ascending);
    std::size_t village_offset = 0;  // the layer's first village in Statistics order
    for (const auto* l : state.project().layers_with(model::Role::Villages)) {
        if (l == &layer) break;
        village_offset += l->features.size();
    }
    // A problem clicked for a row without a place: the table scrolls to that row once.
    std::optional<int> scroll_to;
    if (state.table_scroll_request != state.table_scrolled && state.selected_feature && state.selected_feature->layer == current) {
        const auto found = std::find(rows.begin(), rows.end(), state.selected_feature->feature);
        if (found != rows.end()) scroll_to = static_cast<int>(found - rows.begin());
        state.table_scrolled = state.table_scroll_request;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    if (scroll_to) clipper.ForceDisplayRangeByIndices(*scroll_to, *scroll_to + 1);
    while (clipper.Step())
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            ImGui::TableNextRow();
            if (scroll_to == k) ImGui::SetScrollHereY(0.5f);
            attribute_row(state, actions, current, rows[static_cast<std::size_t>(k)], columns, village_offset);
        }
    ImGui::EndTable();
}

}  // namespace

void draw_attribute_table(const ViewerState& state, Actions& actions) { attributes_tab(state, actions, state.style.language); }

}  // namespace ca::ui
