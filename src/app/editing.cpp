// Edits, undo, redo and saving in the viewer (see editing.hpp).
#include "app/editing.hpp"

#include <algorithm>

#include "app/project_edit.hpp"
#include "app/viewer_model.hpp"
#include "core/analysis/triangulate.hpp"
#include "core/io/vector_reader.hpp"
#include "core/model/error.hpp"
#include "core/workspace/save_as_geopackage.hpp"

namespace ca::app {
namespace {

void say(ui::ViewerState& state, std::string line) { state.messages.push_back(std::move(line)); }

void save_from_panel(ui::ViewerState& state, bool overwrite_changed) {
    if (!overwrite_changed) {
        auto changed = workspace::changed_on_disk(state.project());
        if (!changed.empty()) {  // never a silent overwrite: the viewer asks what to do
            state.editing.changed_on_disk = std::move(changed);
            return;
        }
    }
    state.editing.changed_on_disk.clear();
    for (auto& line : save_edited_layers(state, overwrite_changed)) say(state, std::move(line));
}

// What an edit (taken back when `reverted`) asks to recompute: the sites it changed, recounted
// alone, while it touched sites only; everything when it touched another layer.
Refresh note_changes(ui::ViewerState& state, const model::Edit* edit, bool reverted) {
    if (!edit) return Refresh::None;
    // Rows picked and the cell being typed name features by position, which an added or removed
    // feature moves.
    auto& inputs = state.editing.inputs;
    for (const auto& c : edit->changes)
        if (!c.before || !c.after) inputs.rows.clear(), inputs.cell.reset();
    const auto sites = state.project().layers_with(model::Role::Sites);
    std::vector<analysis::SiteChange> changes;
    for (const auto& c : edit->changes) {
        const auto found = c.layer < state.project().layers.size() ? std::find(sites.begin(), sites.end(), &state.project().layers[c.layer]) : sites.end();
        if (found == sites.end()) {
            state.editing.site_changes.clear();  // a full count follows
            return Refresh::Data;
        }
        changes.push_back({static_cast<std::size_t>(found - sites.begin()), c.position, reverted ? c.after : c.before, reverted ? c.before : c.after});
    }
    if (reverted) std::reverse(changes.begin(), changes.end());  // undone last change first
    auto& pending = state.editing.site_changes;
    pending.insert(pending.end(), std::make_move_iterator(changes.begin()), std::make_move_iterator(changes.end()));
    return Refresh::Sites;
}

}  // namespace

Refresh apply_user_edit(ui::ViewerState& state, model::Edit edit) {
    if (edit.changes.empty()) return Refresh::None;
    model::Project& project = edit_project(state);
    state.editing.history.apply(project, std::move(edit));
    return note_changes(state, state.editing.history.last_done(), false);
}

model::Edit place_at(const ui::ViewerState& state, ui::FeatureRef site, model::Vec2 point_m) {
    const model::Layer& layer = state.project().layers.at(site.layer);
    const bool holds_points = layer.geometry_type != "None" || (layer.mapping.has(model::Meaning::Lon) && layer.mapping.has(model::Meaning::Lat));
    if (!holds_points) {  // a table placed by names: the village clicked is written into the row
        const auto village = village_at(state, point_m);
        if (!village) throw Error("the click fell in no village; click inside the village this project belongs to");
        return assign_to_village(state, site.layer, site.feature, *village);
    }
    std::vector<model::Vec2> at{point_m};
    state.project().working->inverse(at);
    return workspace::move_point_edit(state.project(), site.layer, site.feature, at[0]);
}

Refresh undo_edit(ui::ViewerState& state) {
    if (!state.editing.history.can_undo()) return Refresh::None;
    state.editing.history.undo(edit_project(state));
    return note_changes(state, state.editing.history.last_undone(), true);
}

Refresh redo_edit(ui::ViewerState& state) {
    if (!state.editing.history.can_redo()) return Refresh::None;
    state.editing.history.redo(edit_project(state));
    return note_changes(state, state.editing.history.last_done(), false);
}

Refresh apply_editing(ui::ViewerState& state, const ui::Actions& a) {
    if (a.edit_layer) state.editing.layer = *a.edit_layer, state.editing.inputs = {};
    if (a.place_on_map) state.editing.place_on_map = a.place_on_map;
    if (a.cancel_save) state.editing.changed_on_disk.clear(), state.editing.close_asked = false;
    if (a.close_answer == false) state.editing.close_asked = false;
    Refresh refresh = Refresh::None;
    try {
        if (a.edit) refresh = refresh | apply_user_edit(state, *a.edit);
        if (a.add_feature && state.editing.layer) {
            std::vector<model::Vec2> at{a.add_feature->point_m};
            state.project().working->inverse(at);
            const std::size_t layer = *state.editing.layer;
            refresh = refresh | apply_user_edit(state, workspace::add_point_edit(state.project(), layer, at[0],
                                                                                 with_place_names(state, layer, a.add_feature->point_m, a.add_feature->values)));
        }
        if (a.assign) refresh = refresh | apply_user_edit(state, assign_to_village(state, a.assign->site.layer, a.assign->site.feature, a.assign->village));
        if (a.undo) refresh = refresh | undo_edit(state);
        if (a.redo) refresh = refresh | redo_edit(state);
        if (a.reload_changed) reload_changed_layers(state), refresh = Refresh::Data;
        if (a.save_edits) save_from_panel(state, *a.save_edits), refresh = Refresh::Data;
        if (a.save_as_geopackage) say(state, save_as_geopackage(state, *a.save_as_geopackage));
        if (a.import_read) read_import_sheet(state, *a.import_read);
    } catch (const Error& e) {
        say(state, e.what());
        if (a.save_edits || a.reload_changed) refresh = Refresh::Data;  // layers saved or read before the failure are new
    }
    if (refresh == Refresh::Data) state.editing.site_changes.clear();
    return refresh;
}

std::vector<std::string> save_edited_layers(ui::ViewerState& state, bool overwrite_changed) {
    if (!has_unsaved_edits(state)) return {"nothing to save: no layer has unsaved edits"};
    const workspace::SaveOptions options{state.load_options, overwrite_changed};
    // A failure part way leaves the layers saved so far as their files hold them now, the others
    // with their edits (an undo that no longer fits them says so).
    model::Project& project = edit_project(state);
    auto lines = workspace::save_edits(project, options, state.editing.backups);
    state.editing.history.clear();  // the files hold the edits now, under their new row numbers
    state.editing.changed_on_disk.clear();
    return lines;
}

std::string save_as_geopackage(const ui::ViewerState& state, const std::string& path) {
    auto description = workspace::describe(state.project(), state.load_options, state.style, state.viewport);
    description.figure = state.figure;
    workspace::save_as_geopackage(state.project(), std::move(description), path);
    return "→ " + path + (has_unsaved_edits(state) ? " (every layer, edits included; the files they were read from still lack the edits)" : "");
}

void read_import_sheet(const ui::ViewerState& state, const std::string& path) {
    auto& importing = state.editing.importing;
    importing.open = true;
    importing.path = path;
    importing.sheet.reset();
    importing.choices.clear();
    importing.fixes.clear();
    importing.left_out.clear();
    importing.error.clear();
    try {
        model::Project read = loading::load_project({{path, model::Role::Sites}}, state.load_options);
        if (read.layers.empty()) throw Error("holds no project rows").file(model::file_name(path));
        importing.sheet = std::make_shared<const model::Layer>(std::move(read.layers.front()));
    } catch (const Error& e) {
        importing.error = e.what();  // said in the dialog, where the path was typed
        throw;
    }
}

void reload_changed_layers(ui::ViewerState& state) {
    model::Project& project = edit_project(state);
    for (auto& layer : project.layers) {
        if (!layer.source_stamp.known || model::stamp_of(layer.source_path) == layer.source_stamp) continue;
        model::Project fresh = loading::load_project({{io::source_argument({layer.source_path, layer.name}), layer.role}}, state.load_options);
        if (fresh.layers.size() != 1) continue;
        say(state, layer.file_name() + ": read again as it is on disk now" + (layer.edited.empty() ? "" : "; its unsaved edits are dropped"));
        auto mapping = layer.mapping;
        const bool role_given = layer.role_given;
        layer = std::move(fresh.layers.front());
        layer.mapping = mapping;
        layer.role_given = role_given;
    }
    state.editing.history.clear();  // the edits named rows of the old files
    state.editing.changed_on_disk.clear();
}

model::Edit assign_to_village(const ui::ViewerState& state, std::size_t layer_index, std::size_t feature, std::size_t village) {
    const model::Layer& layer = state.project().layers.at(layer_index);
    const model::Feature& before = layer.features.at(feature);
    const auto& row = state.stats().villages.at(village);
    if (!before.geometry.empty()) {
        // A row with a point is counted where its point lies: the point goes into the village.
        const analysis::GeosContext geos;
        std::vector<model::Vec2> inside{analysis::point_inside(geos, state.villages().shapes_m.at(village))};
        state.project().working->inverse(inside);
        model::Edit edit = workspace::move_point_edit(state.project(), layer_index, feature, inside[0]);
        edit.description = "assign " + workspace::feature_label(layer, before) + " to " + row.village_name;
        return edit;
    }
    if (!layer.mapping.has(model::Meaning::VillageName)) throw Error(layer.name + " has no village name field to write the village into");
    model::Feature after = before;
    for (const auto& [meaning, name] : {std::pair{model::Meaning::Township, row.township}, std::pair{model::Meaning::VillageName, row.village_name}}) {
        const int field = layer.mapping.index(meaning);
        if (field >= 0 && !name.empty()) after.values[static_cast<std::size_t>(field)] = name;
    }
    model::Edit edit{"assign " + workspace::feature_label(layer, before) + " to " + row.village_name, {}};
    edit.changes.push_back({layer_index, feature, before, std::move(after)});
    return edit;
}

bool has_unsaved_edits(const ui::ViewerState& state) {
    for (const auto& layer : state.project().layers)
        if (!layer.edited.empty()) return true;
    return false;
}

workspace::FieldValues with_place_names(const ui::ViewerState& state, std::size_t layer_index, model::Vec2 point_m, workspace::FieldValues values) {
    const auto village = village_at(state, point_m);
    if (!village || *village >= state.stats().villages.size() || layer_index >= state.project().layers.size()) return values;
    const model::Layer& layer = state.project().layers[layer_index];
    const auto& row = state.stats().villages[*village];
    auto fill = [&](model::Meaning meaning, const std::string& name) {
        const int field = layer.mapping.index(meaning);
        if (field < 0 || name.empty()) return;
        for (const auto& [given, value] : values)
            if (static_cast<int>(given) == field && !model::is_null(value)) return;
        values.emplace_back(static_cast<std::size_t>(field), name);
    };
    fill(model::Meaning::Township, row.township);
    fill(model::Meaning::VillageName, row.village_name);
    fill(model::Meaning::VillageCode, row.village_code);
    return values;
}

std::optional<std::size_t> feature_with_id(const model::Layer& layer, std::int64_t fid) {
    for (std::size_t i = 0; i < layer.features.size(); ++i)
        if (layer.features[i].fid == fid) return i;
    return std::nullopt;
}

}  // namespace ca::app
