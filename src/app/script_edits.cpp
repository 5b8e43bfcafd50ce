// The editing lines of viewer scripts (see script.hpp): each does what the Edit mode, the forms
// and Ctrl+Z / Ctrl+Y / Ctrl+S do, through the same functions.
#include "app/script_edits.hpp"

#include <sstream>

#include "app/editing.hpp"
#include "app/viewer_model.hpp"
#include "ui/import_preview.hpp"
#include "app/project_edit.hpp"
#include "core/model/error.hpp"
#include "core/workspace/feature_edits.hpp"

namespace ca::app {
namespace {

using Words = std::vector<std::string>;

Error fail(const std::string& why) { return Error(why); }

// The layer edits go to: the one in Edit mode, else the first sites layer.
std::size_t edited_layer(const ui::ViewerState& state) {
    if (state.editing.layer && *state.editing.layer < state.project().layers.size()) return *state.editing.layer;
    const auto& layers = state.project().layers;
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (layers[i].role == model::Role::Sites) return i;
    throw fail("no layer to edit: turn one on with edit-layer N (there is no sites layer)");
}

std::size_t feature_of(const ui::ViewerState& state, std::size_t layer, const std::string& id) {
    const auto found = feature_with_id(state.project().layers[layer], std::stoll(id));
    if (!found) throw fail(state.project().layers[layer].name + " has no row or feature " + id);
    return *found;
}

model::Vec2 lon_lat(const std::string& lon, const std::string& lat) { return {std::stod(lon), std::stod(lat)}; }

model::Vec2 to_map(const ui::ViewerState& state, model::Vec2 lon_lat) {
    std::vector<model::Vec2> p{lon_lat};
    state.project().working->forward(p);
    return p[0];
}

// FIELD=VALUE words: the field by its name or meaning, the value as typed into the form.
workspace::FieldValues field_values(const model::Layer& layer, const Words& words, std::size_t first) {
    workspace::FieldValues values;
    for (std::size_t i = first; i < words.size(); ++i) {
        const auto eq = words[i].find('=');
        if (eq == std::string::npos) throw fail("\"" + words[i] + "\" is not FIELD=VALUE");
        const int field = workspace::field_index(layer, words[i].substr(0, eq));
        if (field < 0) throw fail(layer.name + " has no field \"" + words[i].substr(0, eq) + "\"");
        values.emplace_back(static_cast<std::size_t>(field), workspace::typed_value(layer, static_cast<std::size_t>(field), words[i].substr(eq + 1)));
    }
    return values;
}

std::vector<std::size_t> features_of(const ui::ViewerState& state, std::size_t layer, const std::string& ids) {
    std::vector<std::size_t> features;
    std::stringstream list(ids);
    for (std::string id; std::getline(list, id, ',');) features.push_back(feature_of(state, layer, id));
    return features;
}

// assign ID VILLAGE [TOWNSHIP]: the row's village names written, or its point moved inside the
// village, as the Problems tab's candidate buttons do.
model::Edit assign_edit(const ui::ViewerState& state, std::size_t layer, std::size_t feature, const std::string& village, const std::string& township) {
    const auto v = find_village(state, village, township);
    if (!v || *v >= state.villages().shapes_m.size()) throw fail("no village \"" + village + "\"" + (township.empty() ? "" : " in " + township));
    return assign_to_village(state, layer, feature, *v);
}

model::Edit edit_from_words(ui::ViewerState& state, const Words& w) {
    const std::string& what = w[1];
    const std::size_t layer = edited_layer(state);
    const model::Layer& l = state.project().layers[layer];
    auto need = [&](std::size_t n, const char* form) {
        if (w.size() < n) throw fail(std::string("edit ") + what + " takes " + form);
    };
    if (what == "add-site") {
        need(4, "LON LAT [FIELD=VALUE...]");
        const model::Vec2 at = lon_lat(w[2], w[3]);
        return workspace::add_point_edit(state.project(), layer, at, with_place_names(state, layer, to_map(state, at), field_values(l, w, 4)));
    }
    if (what == "move") {
        need(5, "ID LON LAT");
        return workspace::move_point_edit(state.project(), layer, feature_of(state, layer, w[2]), lon_lat(w[3], w[4]));
    }
    if (what == "move-vertex") {
        need(6, "ID VERTEX LON LAT");
        return workspace::move_vertex_edit(state.project(), layer, feature_of(state, layer, w[2]), std::stoul(w[3]), lon_lat(w[4], w[5]));
    }
    if (what == "delete") {
        need(3, "ID[,ID...]");
        return workspace::delete_edit(state.project(), layer, features_of(state, layer, w[2]));
    }
    if (what == "set") {
        need(5, "ID[,ID...] FIELD VALUE");
        const int field = workspace::field_index(l, w[3]);
        if (field < 0) throw fail(l.name + " has no field \"" + w[3] + "\"");
        std::string text;
        for (std::size_t i = 4; i < w.size(); ++i) text += (i > 4 ? " " : "") + w[i];
        const auto f = static_cast<std::size_t>(field);
        return workspace::set_values_edit(state.project(), layer, features_of(state, layer, w[2]), f, workspace::typed_value(l, f, text));
    }
    if (what == "pick") {  // as the Problems tab's "pick on the map": the next click places it
        need(3, "ID");
        state.editing.place_on_map = ui::FeatureRef{layer, feature_of(state, layer, w[2])};
        return {};
    }
    if (what == "assign") {
        need(4, "ID VILLAGE [TOWNSHIP]");
        return assign_edit(state, layer, feature_of(state, layer, w[2]), w[3], w.size() > 4 ? w[4] : std::string());
    }
    throw fail("edit takes add-site, move, move-vertex, delete, set, assign or pick");
}

// The sheet row (feature index) with this row number.
std::size_t import_row(const ui::ViewerState& state, const std::string& number) {
    const auto& sheet = state.editing.importing.sheet;
    if (!sheet) throw fail("no sheet read: import-sheet FILE first");
    const auto found = feature_with_id(*sheet, std::stoll(number));
    if (!found) throw fail(sheet->file_name() + " has no project row " + number);
    return *found;
}

// import-sheet FILE | import-map FIELD=COLUMN | import-fix ROW TOWNSHIP VILLAGE | import-skip ROW |
// import-append: what the import dialog's reading, column choices, fields typed in place,
// tick boxes and Append button do.
Refresh import_line(ui::ViewerState& state, const Words& w) {
    auto& importing = state.editing.importing;
    const std::string& command = w[0];
    if (command == "import-sheet") {
        read_import_sheet(state, w.at(1));
    } else if (command == "import-map") {
        importing.choices.push_back(workspace::parse_map_choice(w.at(1)));
    } else if (command == "import-fix") {
        if (w.size() < 4) throw fail("import-fix takes ROW TOWNSHIP VILLAGE");
        importing.fixes[import_row(state, w[1])] = {w[2], w[3]};
    } else if (command == "import-skip") {
        importing.left_out.insert(import_row(state, w.at(1)));
    } else if (command == "import-append") {
        const auto preview = ui::preview_import(state);
        importing.open = false;
        return apply_user_edit(state, ui::import_edit(state, preview));
    } else {
        throw fail("no command " + command);
    }
    return Refresh::None;
}

}  // namespace

Refresh run_edit_line(ui::ViewerState& state, const Words& words) {
    const std::string& command = words[0];
    if (command == "edit-layer") {
        if (words[1] == "off") state.editing.layer.reset();
        else if (std::stoul(words[1]) < state.project().layers.size()) state.editing.layer = std::stoul(words[1]);
        else throw fail("no layer " + words[1]);
    } else if (command == "edit") {
        return apply_user_edit(state, edit_from_words(state, words));
    } else if (command == "undo") {
        if (!state.editing.history.can_undo()) throw fail("nothing to undo");
        return undo_edit(state);
    } else if (command == "redo") {
        if (!state.editing.history.can_redo()) throw fail("nothing to redo");
        return redo_edit(state);
    } else if (command == "save") {
        if (words.size() > 1 && words[1] != "overwrite") throw fail("save takes nothing or \"overwrite\"");
        for (auto& line : save_edited_layers(state, words.size() > 1)) state.messages.push_back(std::move(line));
        state.editing.site_changes.clear();
        return Refresh::Data;
    } else if (command.rfind("import-", 0) == 0) {
        return import_line(state, words);
    } else if (command == "save-as") {
        state.messages.push_back(save_as_geopackage(state, words[1]));
    } else if (command == "reload") {
        reload_changed_layers(state);
        state.editing.site_changes.clear();
        return Refresh::Data;
    }
    return Refresh::None;
}

}  // namespace ca::app
