// State changes of the viewer, shared by the panels' actions and --script.
#include "app/viewer_model.hpp"

#include <algorithm>
#include <filesystem>

#include "app/editing.hpp"
#include "app/project_edit.hpp"
#include "core/analysis/name_matching.hpp"
#include "core/analysis/triangulate.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"
#include "core/scene/build.hpp"
#include "core/model/safe_write.hpp"
#include "core/print/stats_report.hpp"
#include "core/print/stats_table.hpp"
#include "core/workspace/project_file.hpp"
#include "ui/problem_list.hpp"

namespace ca::app {

void fit(ui::ViewerState& state) {
    state.viewport = scene::Viewport::fit(state.scene->extent_m, state.canvas.width, state.canvas.height, 24);
}

void zoom_to(ui::ViewerState& state, const model::Extent& extent_m) {
    if (extent_m.empty()) return;
    model::Extent padded = extent_m;
    // A single village fills the view with its neighbours around it.
    const double pad = std::max(extent_m.width(), extent_m.height()) * 0.15 + 50;
    padded.add({extent_m.min_x - pad, extent_m.min_y - pad});
    padded.add({extent_m.max_x + pad, extent_m.max_y + pad});
    state.viewport = scene::Viewport::fit(padded, state.canvas.width, state.canvas.height, 24);
}

void go_to_feature(ui::ViewerState& state, ui::FeatureRef ref) {
    if (ref.layer >= state.project().layers.size() || ref.feature >= state.project().layers[ref.layer].features.size()) return;
    const model::Layer& layer = state.project().layers[ref.layer];
    state.selected_feature = ref;
    if (layer.role == model::Role::Villages && !state.villages().shapes_m.empty()) {
        // A village is also the village selection the other tabs and the map share.
        std::size_t index = ref.feature;
        for (const auto* l : state.project().layers_with(model::Role::Villages)) {
            if (l == &layer) break;
            index += l->features.size();
        }
        if (index < state.villages().shapes_m.size()) state.selected = index, state.selection = {index};
    }
    model::Geometry g = layer.features[ref.feature].geometry;
    if (g.empty()) {
        // No place on the map: its row in the attribute table, unfiltered so that it is there.
        state.table_layer = ref.layer;
        state.table_filter.clear();
        ++state.table_scroll_request;
        state.open_tab = "attributes";
        return;
    }
    state.project().working->forward(g.coords);
    model::Extent e = g.extent();
    // A point is shown with a kilometre or so around it: enough to see which village it is in.
    constexpr double kAroundPointM = 600;
    if (e.width() < kAroundPointM && e.height() < kAroundPointM) {
        const model::Vec2 c{(e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2};
        e.add({c.x - kAroundPointM, c.y - kAroundPointM});
        e.add({c.x + kAroundPointM, c.y + kAroundPointM});
    }
    zoom_to(state, e);
}

void go_to_problem(ui::ViewerState& state, std::size_t problem) {
    if (problem >= ui::problem_count(state)) return;
    state.clicked_problem = problem;
    if (const auto feature = ui::problem_feature(state.project(), ui::problem_at(state, problem))) go_to_feature(state, *feature);
}

std::optional<std::size_t> find_village(const ui::ViewerState& state, const std::string& name, const std::string& township) {
    const std::string key = analysis::village_key(name), township_key = analysis::township_key(township);
    for (std::size_t i = 0; i < state.stats().villages.size(); ++i) {
        const auto& v = state.stats().villages[i];
        if (analysis::village_key(v.village_name) == key && (township.empty() || analysis::township_key(v.township) == township_key)) return i;
    }
    return std::nullopt;
}

std::optional<std::size_t> village_at(const ui::ViewerState& state, model::Vec2 point_m) {
    if (!state.villages().index) return std::nullopt;
    return state.villages().index->locate(point_m);  // over the projected shapes: no way back to lon/lat per frame
}

std::set<std::size_t> villages_in(const ui::ViewerState& state, const model::Extent& box) {
    std::set<std::size_t> inside;
    for (std::size_t i = 0; i < state.villages().shapes_m.size(); ++i) {
        const model::Vec2 p = analysis::label_point(state.villages().shapes_m[i]);
        if (p.x >= box.min_x && p.x <= box.max_x && p.y >= box.min_y && p.y <= box.max_y) inside.insert(i);
    }
    return inside;
}

void save_statistics(const ui::ViewerState& state, const std::string& path) {
    const std::string format = std::filesystem::path(path).extension().string();
    if (format == ".csv") {
        const std::string text = print::stats_csv(state.stats(), print::StatsLevel::Township);
        model::write_file_bytes(path, text);
    } else if (format == ".xlsx") {
        // The table the office pastes into its report, in the viewer's language.
        print::write_stats_report(state.project(), state.stats(), print::StatsLevel::Township, {{}, state.style.language}, path);
    } else if (format == ".gpkg") {
        print::write_stats_file(state.project(), state.stats(), print::StatsLevel::Township, "gpkg", path);
    } else {
        throw Error("a statistics table is saved as .xlsx, .csv or .gpkg").file(path);
    }
}

Refresh advance_year_play(ui::ViewerState& state) {
    if (!state.playing_years) return Refresh::None;
    int& year = state.style.sites.up_to_year;
    if (year == 0 || year >= state.summary.last_year) {
        state.playing_years = false;  // the last year shown: everything, and the play ends
        year = 0;
    } else {
        ++year;
    }
    return Refresh::Statistics;
}

namespace {

// The look of the map: true when the scene must be built again.
bool apply_style(ui::ViewerState& state, const ui::Actions& a) {
    bool restyle = false;
    auto& style = state.style;
    if (a.set_language) {
        // A title nobody typed follows the language; a typed one stays.
        if (state.export_settings.title == ui::tr(ui::Text::DefaultFigureTitle, style.language))
            state.export_settings.title = ui::tr(ui::Text::DefaultFigureTitle, *a.set_language);
        style.language = *a.set_language;
        restyle = true;  // legend labels
    }
    if (a.labels) style.labels = *a.labels, restyle = true;
    if (a.label_script) style.label_script = *a.label_script, restyle = true;
    auto layer_style = [&](std::size_t layer) -> scene::LayerStyle& {
        style.layers.resize(state.project().layers.size());
        return style.layers[layer];
    };
    if (a.layer_visible) layer_style(a.layer_visible->first).visible = a.layer_visible->second, restyle = true;
    if (a.layer_opacity) layer_style(a.layer_opacity->first).opacity = a.layer_opacity->second, restyle = true;
    if (a.layer_style) layer_style(a.layer_style->first) = a.layer_style->second, restyle = true;
    if (a.choropleth_metric) {
        if (a.choropleth_metric->empty()) style.choropleth.reset();
        else {
            if (!style.choropleth) style.choropleth.emplace();
            style.choropleth->metric = *a.choropleth_metric;
        }
        restyle = true;
    }
    if (a.choropleth_method && style.choropleth) style.choropleth->method = *a.choropleth_method, restyle = true;
    if (a.choropleth_classes && style.choropleth) style.choropleth->classes = *a.choropleth_classes, restyle = true;
    if (a.choropleth_by_township && style.choropleth) style.choropleth->by_township = *a.choropleth_by_township, restyle = true;
    if (a.site_colour) style.site_colour = *a.site_colour, restyle = true;
    return restyle;
}

// The project filter changes the map and the numbers both (statistics count what is shown): true
// when it changed.
bool apply_filter(ui::ViewerState& state, const ui::Actions& a) {
    bool refilter = false;
    auto& sites = state.style.sites;
    if (a.site_type_shown) {
        if (a.site_type_shown->second) sites.hidden_types.erase(a.site_type_shown->first);
        else sites.hidden_types.insert(a.site_type_shown->first);
        refilter = true;
    }
    if (a.up_to_year) sites.up_to_year = *a.up_to_year, refilter = true;
    if (a.play_years) {
        state.playing_years = *a.play_years && state.summary.first_year <= state.summary.last_year;
        if (state.playing_years) sites.up_to_year = state.summary.first_year, refilter = true;  // from the start
    }
    if (a.site_status) sites.status = *a.site_status, refilter = true;
    if (a.site_batch) sites.batch = *a.site_batch, refilter = true;
    return refilter;
}

// Files written on request: the statistics table and the project file. A failure is a message;
// the session goes on.
void apply_saves(ui::ViewerState& state, const ui::Actions& a) {
    if (a.save_statistics) {
        try {
            save_statistics(state, *a.save_statistics);
            state.messages.push_back("→ " + *a.save_statistics);
        } catch (const Error& e) {
            state.messages.push_back(e.what());
        }
    }
    if (a.save_project) {
        try {
            auto file = workspace::describe(state.project(), state.load_options, state.style, state.viewport);
            file.figure = state.figure;  // the figure block, with what the export dialog set
            file.figure.review_number = state.export_settings.review_number;
            file.figure.compiled_by = state.export_settings.compiled_by;
            workspace::write_project_file(*a.save_project, file);
        } catch (const Error& e) {
            state.messages.push_back(e.what());
        }
    }
}

// Selection and where the map looks (the zoom requests come last, after the layer edits).
void apply_selection(ui::ViewerState& state, const ui::Actions& a) {
    state.selected_changed = false;
    if (a.problem_click) go_to_problem(state, *a.problem_click);
    if (a.select_feature) go_to_feature(state, *a.select_feature);
    if (a.select_village) {
        state.selected = a.select_village;
        state.selection = {*a.select_village};
        state.selected_changed = true;
    }
    if (a.select_village || a.select_set) state.selected_feature.reset();
    if (a.select_set) {
        state.selection = *a.select_set;
        state.selected = state.selection.empty() ? std::nullopt : std::optional(*state.selection.begin());
    }
    if (a.toggle_village) {
        if (!state.selection.erase(*a.toggle_village)) state.selection.insert(*a.toggle_village);
        state.selected = a.toggle_village;
        state.selected_changed = true;
    }
    if (a.zoom_to_selection && !state.selection.empty()) {
        model::Extent e;
        for (std::size_t v : state.selection)
            if (v < state.villages().shapes_m.size()) e.merge(state.villages().shapes_m[v].extent());  // not those added since the count
        zoom_to(state, e);
    }
}

// Role, field mapping, order and removal of layers: a new version of the data (see edit_project),
// at any time, a refresh running or not. True when the layers changed.
bool apply_layer_edit(ui::ViewerState& state, const ui::Actions& a) {
    const std::size_t count = state.project().layers.size();
    if (a.layer_role && a.layer_role->first < count) {
        auto& layer = edit_project(state).layers[a.layer_role->first];
        layer.role = a.layer_role->second;
        layer.role_given = true;  // saved in the project file from now on
        return true;
    }
    if (a.layer_field && a.layer_field->layer < count) {
        const auto& now = state.project().layers[a.layer_field->layer];
        auto mapping = now.mapping;
        if (!model::assign_field(mapping, now.field_names, a.layer_field->meaning, a.layer_field->field)) return false;
        edit_project(state).layers[a.layer_field->layer].mapping = std::move(mapping);
        return true;
    }
    auto& styles = state.style.layers;
    styles.resize(count);
    if (a.move_layer && a.move_layer->first < count) {
        const auto [i, step] = *a.move_layer;
        const auto j = static_cast<std::ptrdiff_t>(i) + step;
        if (j < 0 || static_cast<std::size_t>(j) >= count) return false;
        auto& layers = edit_project(state).layers;
        std::swap(layers[i], layers[static_cast<std::size_t>(j)]);
        std::swap(styles[i], styles[static_cast<std::size_t>(j)]);
        return true;
    }
    if (a.remove_layer && *a.remove_layer < count) {
        const auto at = static_cast<std::ptrdiff_t>(*a.remove_layer);
        auto& layers = edit_project(state).layers;
        layers.erase(layers.begin() + at);
        styles.erase(styles.begin() + at);
        return true;
    }
    return false;
}

}  // namespace

Refresh apply(ui::ViewerState& state, const ui::Actions& a) {
    const bool restyle = apply_style(state, a);
    const bool refilter = apply_filter(state, a);
    if (a.search) state.search = *a.search;
    if (a.highlight_uncovered) state.highlight_uncovered = *a.highlight_uncovered;
    // The renderer shades the DEM with the state's terrain style each frame: nothing to rebuild.
    if (a.terrain) state.style.terrain = *a.terrain;
    if (a.table_layer) state.table_layer = *a.table_layer;
    if (a.table_filter) state.table_filter = *a.table_filter;
    if (a.project_path) state.project_path = *a.project_path;
    if (a.statistics_path) state.statistics_path = *a.statistics_path;
    if (a.export_settings) state.export_settings = *a.export_settings;
    if (a.open_dialog) state.open_dialog = *a.open_dialog;
    apply_saves(state, a);
    state.open_tab = a.open_tab.value_or("");
    state.open_field_mapping = a.open_field_mapping;
    if (a.problem_filter) state.problem_filter = *a.problem_filter;
    apply_selection(state, a);
    const Refresh edited = apply_editing(state, a);
    if (apply_layer_edit(state, a)) {
        // Edits name layers by position: after a move or removal their undo would touch others.
        if (a.move_layer || a.remove_layer) state.editing.history.clear(), state.editing.layer.reset();
        return Refresh::Data;
    }
    if (a.zoom_to_m) zoom_to(state, *a.zoom_to_m);
    if (a.fit_to_data) fit(state);
    return edited | (refilter ? Refresh::Statistics : restyle ? Refresh::Scene : Refresh::None);
}

}  // namespace ca::app
