// Parsing and running viewer scripts.
#include "app/script.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <string_view>
#include <utility>

#include "app/script_edits.hpp"
#include "app/script_input.hpp"
#include "app/viewer_model.hpp"
#include "core/analysis/dissolve.hpp"
#include "core/analysis/metrics.hpp"
#include "core/model/error.hpp"
#include "core/model/safe_write.hpp"
#include "ui/panels.hpp"
#include "ui/place_search.hpp"
#include "ui/problem_list.hpp"

namespace ca::app {
namespace {

// The commands and how many words each takes at least and at most (the command included).
struct Grammar {
    const char* command;
    std::size_t min_words, max_words;
};
constexpr Grammar kGrammar[] = {
    {"choropleth", 2, 4}, {"zoom-to", 2, 4}, {"select", 3, 4}, {"filter", 3, 4}, {"layer", 3, 4},
    {"language", 2, 2},   {"labels", 2, 2},  {"uncovered", 2, 2}, {"open", 2, 2}, {"screenshot", 2, 2}, {"save-project", 2, 2}, {"tab", 2, 2}, {"export", 2, 4}, {"export-dialog", 2, 2}, {"colour-sites", 2, 2}, {"select-box", 5, 5}, {"search", 2, 8}, {"choropleth-level", 2, 2}, {"open-dialog", 2, 2}, {"save-statistics", 2, 2},
    {"problem-click", 2, 2}, {"save-problems", 2, 2}, {"map-fields", 2, 2}, {"problems-filter", 3, 3},
    {"save-status", 2, 2}, {"background", 2, 2}, {"wait", 1, 1}, {"hover", 3, 3},
    {"wait-for-file", 2, 2}, {"click", 3, 3}, {"drag", 5, 5}, {"key", 2, 2}, {"form", 3, 20},
    {"edit-layer", 2, 2}, {"edit", 3, 40}, {"undo", 1, 1}, {"redo", 1, 1}, {"save", 1, 2}, {"reload", 1, 1}, {"save-as", 2, 2}, {"import-sheet", 2, 2}, {"import-map", 2, 2}, {"import-fix", 4, 4}, {"import-skip", 2, 2}, {"import-append", 1, 1},
    {"open-database", 2, 12}, {"password", 2, 2}, {"terrain", 3, 3},
};

// "SCRIPT:LINE: message": the form every script failure takes.
Error at_line(const std::string& script_path, int number, const std::string& message, ErrorKind kind = ErrorKind::BadInput) {
    return Error(script_path + ":" + std::to_string(number) + ": " + message, kind);
}

bool on(const std::string& word) { return word == "on" || word == "true" || word == "1"; }

// The Problems tab as text: its label, a line per layer with fields to map ("fields<tab>LAYER<tab>
// MEANINGS"), then a line per header ("# KIND (N)") and per problem ("SEVERITY<tab>PLACE<tab>
// MESSAGE"), in the tab's order and filter.
void save_problem_list(const ui::ViewerState& state, const std::string& path) {
    std::string label = ui::problems_tab_label(state);
    std::string text = label.substr(0, label.find("###")) + "\n";
    for (const std::size_t i : ui::layers_to_map(state)) {
        text += "fields\t" + state.project().layers[i].name + "\t";
        for (const auto m : ui::unmapped_meanings(state.project().layers[i])) text += std::string(model::canonical_name(m)) + " ";
        text += "\n";
    }
    const auto rows = ui::problem_rows(state, state.problem_filter);
    if (rows.empty() && ui::problem_count(state) == 0 && ui::layers_to_map(state).empty())
        text += std::string(ui::tr(ui::Text::NoProblems, state.style.language)) + "\n";  // as the tab says it
    for (const auto& row : rows) {
        const model::Problem& p = ui::problem_at(state, row.problem);
        if (row.header) text += "# " + ui::problem_kind_label(p.kind, state.style.language) + " (" + std::to_string(row.count) + ")\n";
        else text += std::string(model::to_string(p.severity)) + "\t" + ui::problem_place(p, state.style.language) + "\t" + p.message + "\n";
    }
    model::write_file_bytes(path, text);
}

}  // namespace

std::vector<ScriptLine> read_script(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error("cannot read the script").file(path);
    std::vector<ScriptLine> lines;
    std::string text;
    for (int number = 1; std::getline(in, text); ++number) {
        std::istringstream words(text);
        ScriptLine line{number, {}};
        for (std::string w; words >> w;) line.words.push_back(w);
        if (line.words.empty() || line.words[0][0] == '#') continue;
        bool known = false;
        for (const Grammar& g : kGrammar)
            if (line.words[0] == g.command) {
                known = true;
                if (line.words.size() < g.min_words || line.words.size() > g.max_words)
                    throw at_line(path, number, "\"" + line.words[0] + "\" takes " + std::to_string(g.min_words - 1) + " to " +
                                                    std::to_string(g.max_words - 1) + " words");
            }
        if (!known) throw at_line(path, number, "unknown command \"" + line.words[0] + "\"");
        lines.push_back(std::move(line));
    }
    return lines;
}

namespace {

// One line being run: what it says, the state it reads, and what it asks of the viewer.
struct Step {
    const std::string& script_path;
    const ScriptLine& line;
    ui::ViewerState& state;
    ui::Actions actions;
    ScriptEffect effect;

    const std::string& word(std::size_t i) const {
        static const std::string kNone;
        return i < line.words.size() ? line.words[i] : kNone;
    }
    // The one place a line's failure becomes an error: it names the script and the line.
    Error fail(const std::string& why) const { return Error(why).file(script_path).feature("line " + std::to_string(line.number)); }
};

void choropleth_command(Step& s) {
    const std::string& metric = s.word(1);
    const bool field = metric.rfind("field:", 0) == 0;
    if (metric != "off" && metric != "lisa" && !field && !analysis::is_metric(metric)) throw s.fail("no metric \"" + metric + "\"");
    s.actions.choropleth_metric = metric == "off" ? "" : metric;
    if (!s.word(2).empty()) {
        const auto method = analysis::class_method_from_string(s.word(2));
        if (!method) throw s.fail("no classification method \"" + s.word(2) + "\"");
        s.actions.choropleth_method = *method;
    }
    if (!s.word(3).empty()) s.actions.choropleth_classes = std::stoi(s.word(3));
}

void search_command(Step& s) {
    std::string query;
    for (std::size_t i = 1; i < s.line.words.size(); ++i) query += (i > 1 ? " " : "") + s.word(i);
    const auto found = ui::find_places(s.state, query, 1);
    if (found.empty()) throw s.fail("nothing found for \"" + query + "\"");
    ui::choose_place(s.state, found.front(), s.actions);
}

void zoom_command(Step& s) {
    if (s.word(1) == "home") {
        s.actions.fit_to_data = true;
    } else if (s.word(1) == "village") {
        const auto v = find_village(s.state, s.word(2), s.word(3));
        if (!v) throw s.fail("no village \"" + s.word(2) + "\"");
        s.actions.zoom_to_m = s.state.villages().shapes_m[*v].extent();
    } else if (s.word(1) == "township") {
        const model::Extent e = analysis::township_extent(s.state.project(), s.state.stats(), s.word(2));
        if (e.empty()) throw s.fail("no township \"" + s.word(2) + "\"");
        s.actions.zoom_to_m = e;
    } else {
        throw s.fail("zoom-to takes village, township or home");
    }
}

void select_command(Step& s) {
    if (s.word(0) == "select-box") {
        // Longitude and latitude of two corners, as a person would drag with ctrl held.
        std::vector<model::Vec2> corners = {{std::stod(s.word(1)), std::stod(s.word(2))}, {std::stod(s.word(3)), std::stod(s.word(4))}};
        s.state.project().working->forward(corners);
        model::Extent box;
        for (const auto& c : corners) box.add(c);
        s.actions.select_set = villages_in(s.state, box);
        return;
    }
    const auto v = find_village(s.state, s.word(2), s.word(3));
    if (s.word(1) != "village" || !v) throw s.fail("no village \"" + s.word(2) + "\"");
    s.actions.select_village = *v;
}

// hover LON LAT: the mouse over this point, as the navigator finds the village under it.
void hover_command(Step& s) {
    std::vector<model::Vec2> point = {{std::stod(s.word(1)), std::stod(s.word(2))}};
    s.state.project().working->forward(point);
    s.state.hovered = village_at(s.state, point[0]);
}

void filter_command(Step& s) {
    const std::string &what = s.word(1), &value = s.word(2);
    if (what == "type") s.actions.site_type_shown = {model::canonical_project_type(value), on(s.word(3))};
    else if (what == "status") s.actions.site_status = value == "all" ? "" : value;
    else if (what == "batch") s.actions.site_batch = value == "all" ? "" : value;
    else if (what == "year" && value == "play") s.actions.play_years = true;
    else if (what == "year" && value == "step") s.effect.refresh = advance_year_play(s.state);
    else if (what == "year") s.actions.up_to_year = value == "all" ? 0 : std::stoi(value);
    else throw s.fail("filter takes type or year");
}

// layer N field MEANING=NAME|none: which field plays a meaning of the data contract.
void layer_field_command(Step& s, std::size_t index) {
    const std::string& spec = s.word(3);
    const auto eq = spec.find('=');
    const auto meaning = model::meaning_from_name(spec.substr(0, eq));
    if (eq == std::string::npos || !meaning) throw s.fail("field takes MEANING=FIELD (or MEANING=none), e.g. poor_population=贫困人口");
    const std::string field = spec.substr(eq + 1) == "none" ? std::string() : spec.substr(eq + 1);
    const auto& names = s.state.project().layers[index].field_names;
    if (!field.empty() && std::find(names.begin(), names.end(), field) == names.end())
        throw s.fail("layer " + s.word(1) + " has no field \"" + field + "\"");
    s.actions.layer_field = ui::Actions::LayerField{index, *meaning, field};
}

// layer N remove|up|down, as the layers panel's buttons.
bool layer_order_command(Step& s, std::size_t index) {
    const std::string& what = s.word(2);
    if (what == "remove") s.actions.remove_layer = index;
    else if (what == "up" || what == "down") s.actions.move_layer = {index, what == "up" ? -1 : +1};
    else return false;
    if (!s.word(3).empty()) throw s.fail("layer N " + what + " takes no more words");
    return true;
}

void layer_command(Step& s) {
    const std::size_t index = std::stoul(s.word(1));
    if (index >= s.state.project().layers.size()) throw s.fail("no layer " + s.word(1));
    if (layer_order_command(s, index)) return;
    const std::string &what = s.word(2), &value = s.word(3);
    if (value.empty()) throw s.fail("layer N " + what + " takes a value");
    scene::LayerStyle ls = s.state.style.layer(index);
    auto rgb = [&](const std::string& text) {
        int r = 0, g = 0, b = 0;
        if (std::sscanf(text.c_str(), "%d,%d,%d", &r, &g, &b) != 3) throw s.fail("a colour is R,G,B, not " + text);
        return std::array<std::uint8_t, 3>{static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g), static_cast<std::uint8_t>(b)};
    };
    if (what == "visible") s.actions.layer_visible = {index, on(value)};
    else if (what == "opacity") s.actions.layer_opacity = {index, std::stof(value)};
    else if (what == "fill") ls.fill_rgb = rgb(value), s.actions.layer_style = {index, ls};
    else if (what == "stroke") ls.stroke_rgb = rgb(value), s.actions.layer_style = {index, ls};
    else if (what == "width") ls.width_px = std::stof(value), s.actions.layer_style = {index, ls};
    else if (what == "size") ls.symbol_px = std::stof(value), s.actions.layer_style = {index, ls};
    else if (what == "field") layer_field_command(s, index);
    else if (what == "symbol") {
        if (value != "circle" && value != "square" && value != "triangle") throw s.fail("a symbol is circle, square or triangle");
        ls.symbol = value == "square" ? scene::MarkerShape::Square : value == "triangle" ? scene::MarkerShape::Triangle : scene::MarkerShape::Circle;
        s.actions.layer_style = {index, ls};
    } else if (what == "role") {
        const model::Role role = model::role_from_string(value);
        if (role == model::Role::Unknown && value != "unknown") throw s.fail("no role \"" + value + "\"");
        s.actions.layer_role = {index, role};
    } else throw s.fail("layer takes visible, opacity, fill, stroke, width, size, symbol, field, role, remove, up or down");
}

void look_command(Step& s) {
    const std::string &command = s.word(0), &value = s.word(1);
    if (command == "language") s.actions.set_language = value == "zh" ? model::Language::Chinese : model::Language::English;
    else if (command == "labels" && (value == "pinyin" || value == "chinese"))
        s.actions.label_script = value == "pinyin" ? scene::LabelScript::Pinyin : scene::LabelScript::Chinese;
    else if (command == "labels") s.actions.labels = on(value);
    else if (command == "uncovered") s.actions.highlight_uncovered = on(value);
    else if (command == "choropleth-level") {
        if (value != "villages" && value != "townships") throw s.fail("choropleth-level takes villages or townships");
        s.actions.choropleth_by_township = value == "townships";
    } else if (command == "colour-sites") {
        if (value == "type") s.actions.site_colour = scene::SiteColour::Type;
        else if (value == "year") s.actions.site_colour = scene::SiteColour::Year;
        else if (value == "status") s.actions.site_colour = scene::SiteColour::Status;
        else if (value == "batch") s.actions.site_colour = scene::SiteColour::Batch;
        else throw s.fail("colour-sites takes type, year, status or batch");
    }
}

// "terrain visible|tint on|off", "terrain azimuth|altitude DEGREES": the DEM's hillshade.
void terrain_command(Step& s) {
    const std::string &what = s.word(1), &value = s.word(2);
    scene::TerrainStyle terrain = s.actions.terrain.value_or(s.state.style.terrain);
    auto degrees = [&](float lo, float hi) {
        float v = 0;
        try {
            v = std::stof(value);
        } catch (const std::exception&) {
            throw s.fail("terrain " + what + " takes degrees, not \"" + value + "\"");
        }
        if (v < lo || v > hi) throw s.fail("terrain " + what + " takes degrees from " + std::to_string(static_cast<int>(lo)) + " to " + std::to_string(static_cast<int>(hi)));
        return v;
    };
    if (what == "visible") terrain.visible = on(value);
    else if (what == "tint") terrain.tint = on(value);
    else if (what == "azimuth") terrain.azimuth_deg = degrees(0, 360);
    else if (what == "altitude") terrain.altitude_deg = degrees(0, 90);
    else throw s.fail("terrain takes visible, tint, azimuth or altitude");
    s.actions.terrain = terrain;
}

// What the viewer does now, for a test to read: whether a refresh runs, the layers, the numbers.
void save_status(const ui::ViewerState& state, const std::string& path) {
    std::string text = std::string("refreshing\t") + (state.refreshing ? "yes" : "no") + "\n";
    for (const auto& layer : state.project().layers)
        text += "layer\t" + layer.name + "\t" + std::string(model::to_string(layer.role)) + "\t" + std::to_string(layer.features.size()) + "\n";
    text += "villages\t" + std::to_string(state.stats().villages.size()) + "\t" + std::to_string(state.villages().shapes_m.size()) + "\n";
    if (state.hovered && *state.hovered < state.stats().villages.size()) text += "hovered\t" + state.stats().villages[*state.hovered].village_name + "\n";
    model::write_file_bytes(path, text);
}

void file_command(Step& s) {
    const std::string &command = s.word(0), &path = s.word(1);
    if (command == "open") {
        s.effect.open_path = path;  // read and added as a dropped file is (see ViewerSession)
    } else if (command == "export") {
        ui::ExportSettings settings = s.state.export_settings;
        settings.path = path;
        if (!s.word(2).empty()) settings.page = s.word(2);
        if (!s.word(3).empty()) settings.dpi = std::stoi(s.word(3));
        s.state.export_settings = settings;
        s.effect.export_now = true;
    } else if (command == "save-problems") {
        save_problem_list(s.state, path);
    } else if (command == "save-status") {
        save_status(s.state, path);
    } else if (command == "save-statistics") {
        s.actions.save_statistics = path;
    } else if (command == "save-project") {
        s.actions.save_project = path;
    } else if (command == "screenshot") {
        s.effect.screenshot_path = path;
    }
}

// A database source has spaces in it: the line's words after the command, joined. `password`
// answers the question the viewer asked (as typed into it).
void database_command(Step& s) {
    if (s.word(0) == "password") {
        s.effect.password = s.word(1);
        return;
    }
    std::string source;
    for (std::size_t i = 1; i < s.line.words.size(); ++i) source += (i > 1 ? " " : "") + s.word(i);
    s.effect.open_path = source;
}

void panel_command(Step& s) {
    const std::string &command = s.word(0), &value = s.word(1);
    if (command == "open-dialog") {
        s.actions.open_dialog = ui::OpenDialog{value != "off", value == "off" ? std::string() : value, ""};
    } else if (command == "export-dialog") {
        ui::ExportSettings settings = s.state.export_settings;
        settings.open = on(value);
        s.actions.export_settings = settings;
    } else if (command == "tab") {
        s.actions.open_tab = value;
    } else if (command == "problem-click") {
        // The N-th problem the Problems tab lists (from 1; kind headers are not counted).
        std::size_t n = std::stoul(value);
        for (const auto& row : ui::problem_rows(s.state, s.state.problem_filter))
            if (!row.header && --n == 0) s.actions.problem_click = row.problem;
        if (!s.actions.problem_click) throw s.fail("the Problems tab lists no problem " + value);
    } else if (command == "problems-filter") {
        // As the Problems tab's checkboxes: problems-filter errors|warnings|notes on|off.
        ui::SeverityFilter filter = s.state.problem_filter;
        bool* box = value == "errors" ? &filter.errors : value == "warnings" ? &filter.warnings : value == "notes" ? &filter.notes : nullptr;
        if (!box) throw s.fail("problems-filter takes errors, warnings or notes, then on or off");
        *box = on(s.word(2));
        s.actions.problem_filter = filter;
    } else if (command == "map-fields") {
        // As the Problems tab's "Map fields…": the layers panel opens this layer's field mapping.
        const std::size_t index = std::stoul(value);
        if (index >= s.state.project().layers.size()) throw s.fail("no layer " + value);
        s.actions.open_field_mapping = index;
    }
}

// Edits, undo, redo, save: a new version of the layers, counted again before the next step.
void editing_command(Step& s) {
    s.effect.refresh = s.effect.refresh | run_edit_line(s.state, s.line.words);
}

// click, drag, key, form: a hand on the mouse and keyboard (see script_input.hpp).
void input_command(Step& s) { s.effect.input = play_hand(s.state, s.line.words); }

// How the script paces itself against the viewer's workers (see script.hpp).
void pace_command(Step& s) {
    if (s.word(0) == "background") {
        s.effect.background = on(s.word(1));
    } else if (s.word(0) == "wait-for-file") {
        // A batch job's hand-over: another program says it is done by making a file.
        for (int tenths = 0; !std::filesystem::exists(s.word(1)); ++tenths) {
            if (tenths == 600) throw s.fail("waited 60 s for " + s.word(1) + "; it did not appear");
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    } else {
        s.effect.wait = true;
    }
}

using Command = void (*)(Step&);
constexpr std::pair<std::string_view, Command> kCommands[] = {
    {"choropleth", choropleth_command}, {"search", search_command},       {"zoom-to", zoom_command},          {"select", select_command},
    {"select-box", select_command},     {"hover", hover_command},     {"filter", filter_command},       {"layer", layer_command},           {"language", look_command},
    {"labels", look_command},           {"uncovered", look_command},      {"choropleth-level", look_command}, {"colour-sites", look_command},
    {"open-database", database_command}, {"password", database_command}, {"terrain", terrain_command},
    {"open", file_command},             {"export", file_command},         {"save-problems", file_command},    {"save-status", file_command},
    {"save-statistics", file_command},  {"save-project", file_command},   {"screenshot", file_command},       {"open-dialog", panel_command},
    {"export-dialog", panel_command},   {"tab", panel_command},           {"problem-click", panel_command},   {"problems-filter", panel_command},
    {"map-fields", panel_command},      {"background", pace_command},     {"wait", pace_command},
    {"edit-layer", editing_command},    {"edit", editing_command},        {"undo", editing_command},          {"redo", editing_command},
    {"save", editing_command},          {"reload", editing_command},      {"save-as", editing_command},
    {"import-sheet", editing_command},  {"import-map", editing_command},  {"import-fix", editing_command},     {"import-skip", editing_command},
    {"import-append", editing_command},      {"click", input_command},           {"drag", input_command},
    {"key", input_command},             {"form", input_command},          {"wait-for-file", pace_command},
};

}  // namespace

ScriptEffect run_script_line(const std::string& script_path, const ScriptLine& line, ui::ViewerState& state) {
    Step step{script_path, line, state, {}, {}};
    for (const auto& [name, run] : kCommands)
        if (name == line.words[0]) run(step);
    step.effect.refresh = step.effect.refresh | apply(state, step.actions);
    return step.effect;
}

Error script_failure(const std::string& script_path, const ScriptLine& line) {
    std::string text;
    for (const auto& word : line.words) text += (text.empty() ? "" : " ") + word;
    try {
        throw;
    } catch (const Error& e) {
        // The line's own checks name the script already; anything else (a data file that cannot be
        // read, an output that cannot be written) is said as it is, after the line that asked for it.
        return at_line(script_path, line.number, e.file() == script_path ? e.message() : e.what(), e.kind());
    } catch (const std::invalid_argument&) {  // std::stoi and its kin
        return at_line(script_path, line.number, "\"" + text + "\" has a word that should be a number and is not");
    } catch (const std::out_of_range&) {
        return at_line(script_path, line.number, "\"" + text + "\" has a number out of range");
    } catch (const std::exception& e) {
        return at_line(script_path, line.number, "\"" + text + "\" failed: " + e.what());
    }
}

}  // namespace ca::app
