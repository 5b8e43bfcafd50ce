// Parsing and running viewer scripts.
#include "app/script.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "app/viewer_model.hpp"
#include "core/analysis/dissolve.hpp"
#include "core/analysis/metrics.hpp"
#include "core/loading/load_project.hpp"
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
    {"choropleth", 2, 4}, {"zoom-to", 2, 4}, {"select", 3, 4}, {"filter", 3, 4}, {"layer", 4, 4},
    {"language", 2, 2},   {"labels", 2, 2},  {"uncovered", 2, 2}, {"open", 2, 2}, {"screenshot", 2, 2}, {"save-project", 2, 2}, {"tab", 2, 2}, {"export", 2, 4}, {"export-dialog", 2, 2}, {"colour-sites", 2, 2}, {"select-box", 5, 5}, {"search", 2, 8}, {"choropleth-level", 2, 2}, {"open-dialog", 2, 2}, {"save-statistics", 2, 2},
    {"problem-click", 2, 2}, {"save-problems", 2, 2}, {"map-fields", 2, 2}, {"problems-filter", 3, 3},
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
        text += "fields\t" + state.project.layers[i].name + "\t";
        for (const auto m : ui::unmapped_meanings(state.project.layers[i])) text += std::string(model::canonical_name(m)) + " ";
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

ScriptEffect run_script_line(const std::string& script_path, const ScriptLine& line, ui::ViewerState& state) {
    const auto& w = line.words;
    auto fail = [&](const std::string& why) { return Error(why).file(script_path).feature("line " + std::to_string(line.number)); };
    auto word = [&](std::size_t i) { return i < w.size() ? w[i] : std::string(); };
    ui::Actions actions;
    ScriptEffect effect;
    const std::string& command = w[0];
    if (command == "choropleth") {
        const bool field = w[1].rfind("field:", 0) == 0;
        if (w[1] != "off" && w[1] != "lisa" && !field && !analysis::is_metric(w[1])) throw fail("no metric \"" + w[1] + "\"");
        actions.choropleth_metric = w[1] == "off" ? "" : w[1];
        if (w.size() > 2) {
            const auto method = analysis::class_method_from_string(w[2]);
            if (!method) throw fail("no classification method \"" + w[2] + "\"");
            actions.choropleth_method = *method;
        }
        if (w.size() > 3) actions.choropleth_classes = std::stoi(w[3]);
    } else if (command == "open-dialog") {
        actions.open_dialog = ui::OpenDialog{w[1] != "off", w[1] == "off" ? std::string() : w[1], ""};
    } else if (command == "choropleth-level") {
        if (w[1] != "villages" && w[1] != "townships") throw fail("choropleth-level takes villages or townships");
        actions.choropleth_by_township = w[1] == "townships";
    } else if (command == "search") {
        std::string query;
        for (std::size_t i = 1; i < w.size(); ++i) query += (i > 1 ? " " : "") + w[i];
        const auto found = ui::find_places(state, query, 1);
        if (found.empty()) throw fail("nothing found for \"" + query + "\"");
        ui::choose_place(state, found.front(), actions);
    } else if (command == "zoom-to") {
        if (w[1] == "home") {
            actions.fit_to_data = true;
        } else if (w[1] == "village") {
            const auto v = find_village(state, word(2), word(3));
            if (!v) throw fail("no village \"" + word(2) + "\"");
            actions.zoom_to_m = state.villages.shapes_m[*v].extent();
        } else if (w[1] == "township") {
            const model::Extent e = analysis::township_extent(state.project, state.stats, word(2));
            if (e.empty()) throw fail("no township \"" + word(2) + "\"");
            actions.zoom_to_m = e;
        } else {
            throw fail("zoom-to takes village, township or home");
        }
    } else if (command == "select") {
        const auto v = find_village(state, word(2), word(3));
        if (w[1] != "village" || !v) throw fail("no village \"" + word(2) + "\"");
        actions.select_village = *v;
    } else if (command == "filter") {
        if (w[1] == "type") actions.site_type_shown = {model::canonical_project_type(word(2)), on(word(3))};
        else if (w[1] == "status") actions.site_status = w[2] == "all" ? "" : w[2];
        else if (w[1] == "batch") actions.site_batch = w[2] == "all" ? "" : w[2];
        else if (w[1] == "year" && w[2] == "play") actions.play_years = true;
        else if (w[1] == "year" && w[2] == "step") effect.refresh = advance_year_play(state);
        else if (w[1] == "year") actions.up_to_year = w[2] == "all" ? 0 : std::stoi(w[2]);
        else throw fail("filter takes type or year");
    } else if (command == "layer") {
        const std::size_t index = std::stoul(w[1]);
        if (index >= state.project.layers.size()) throw fail("no layer " + w[1]);
        scene::LayerStyle ls = state.style.layer(index);
        auto rgb = [&](const std::string& text) {
            int r = 0, g = 0, b = 0;
            if (std::sscanf(text.c_str(), "%d,%d,%d", &r, &g, &b) != 3) throw fail("a colour is R,G,B, not " + text);
            return std::array<std::uint8_t, 3>{static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g), static_cast<std::uint8_t>(b)};
        };
        if (w[2] == "visible") actions.layer_visible = {index, on(w[3])};
        else if (w[2] == "opacity") actions.layer_opacity = {index, std::stof(w[3])};
        else if (w[2] == "fill") ls.fill_rgb = rgb(w[3]), actions.layer_style = {index, ls};
        else if (w[2] == "stroke") ls.stroke_rgb = rgb(w[3]), actions.layer_style = {index, ls};
        else if (w[2] == "width") ls.width_px = std::stof(w[3]), actions.layer_style = {index, ls};
        else if (w[2] == "size") ls.symbol_px = std::stof(w[3]), actions.layer_style = {index, ls};
        else if (w[2] == "field") {
            // layer N field MEANING NAME|none: which field plays a meaning of the data contract.
            const std::string spec = w[3];
            const auto eq = spec.find('=');
            const auto meaning = model::meaning_from_name(spec.substr(0, eq));
            if (eq == std::string::npos || !meaning) throw fail("field takes MEANING=FIELD (or MEANING=none), e.g. poor_population=贫困人口");
            const std::string field = spec.substr(eq + 1) == "none" ? std::string() : spec.substr(eq + 1);
            const auto& names = state.project.layers[index].field_names;
            if (!field.empty() && std::find(names.begin(), names.end(), field) == names.end()) throw fail("layer " + w[1] + " has no field \"" + field + "\"");
            actions.layer_field = ui::Actions::LayerField{index, *meaning, field};
        } else if (w[2] == "symbol") {
            if (w[3] != "circle" && w[3] != "square" && w[3] != "triangle") throw fail("a symbol is circle, square or triangle");
            ls.symbol = w[3] == "square" ? scene::MarkerShape::Square : w[3] == "triangle" ? scene::MarkerShape::Triangle : scene::MarkerShape::Circle;
            actions.layer_style = {index, ls};
        }
        else if (w[2] == "role") {
            const model::Role role = model::role_from_string(w[3]);
            if (role == model::Role::Unknown && w[3] != "unknown") throw fail("no role \"" + w[3] + "\"");
            actions.layer_role = {index, role};
        } else throw fail("layer takes visible, opacity, fill, stroke, width, size or role");
    } else if (command == "language") {
        actions.set_language = w[1] == "zh" ? model::Language::Chinese : model::Language::English;
    } else if (command == "labels") {
        if (w[1] == "pinyin" || w[1] == "chinese") actions.label_script = w[1] == "pinyin" ? scene::LabelScript::Pinyin : scene::LabelScript::Chinese;
        else actions.labels = on(w[1]);
    } else if (command == "uncovered") {
        actions.highlight_uncovered = on(w[1]);
    } else if (command == "open") {
        auto more = loading::load_project({{w[1], model::Role::Unknown}}, {});
        for (auto& layer : more.layers) state.project.layers.push_back(std::move(layer));
        state.project.problems.append(more.problems);  // listed in the Problems tab
        ++state.problems_version;
        state.glyphs_stale = true;  // new data may hold characters the font atlas lacks
        effect.refresh = Refresh::Data;
    } else if (command == "export") {
        ui::ExportSettings settings = state.export_settings;
        settings.path = w[1];
        if (w.size() > 2) settings.page = w[2];
        if (w.size() > 3) settings.dpi = std::stoi(w[3]);
        state.export_settings = settings;
        effect.export_now = true;
    } else if (command == "select-box") {
        // Longitude and latitude of two corners, as a person would drag with ctrl held.
        std::vector<model::Vec2> corners = {{std::stod(w[1]), std::stod(w[2])}, {std::stod(w[3]), std::stod(w[4])}};
        state.project.working->forward(corners);
        model::Extent box;
        for (const auto& c : corners) box.add(c);
        actions.select_set = villages_in(state, box);
    } else if (command == "colour-sites") {
        if (w[1] == "type") actions.site_colour = scene::SiteColour::Type;
        else if (w[1] == "year") actions.site_colour = scene::SiteColour::Year;
        else if (w[1] == "status") actions.site_colour = scene::SiteColour::Status;
        else if (w[1] == "batch") actions.site_colour = scene::SiteColour::Batch;
        else throw fail("colour-sites takes type, year, status or batch");
    } else if (command == "export-dialog") {
        ui::ExportSettings settings = state.export_settings;
        settings.open = on(w[1]);
        actions.export_settings = settings;
    } else if (command == "tab") {
        actions.open_tab = w[1];
    } else if (command == "problem-click") {
        // The N-th problem the Problems tab lists (from 1; kind headers are not counted).
        const auto rows = ui::problem_rows(state, state.problem_filter);
        std::size_t n = std::stoul(w[1]);
        for (const auto& row : rows)
            if (!row.header && --n == 0) actions.problem_click = row.problem;
        if (!actions.problem_click) throw fail("the Problems tab lists no problem " + w[1]);
    } else if (command == "problems-filter") {
        // As the Problems tab's checkboxes: problems-filter errors|warnings|notes on|off.
        ui::SeverityFilter filter = state.problem_filter;
        bool* box = w[1] == "errors" ? &filter.errors : w[1] == "warnings" ? &filter.warnings : w[1] == "notes" ? &filter.notes : nullptr;
        if (!box) throw fail("problems-filter takes errors, warnings or notes, then on or off");
        *box = on(w[2]);
        actions.problem_filter = filter;
    } else if (command == "map-fields") {
        // As the Problems tab's "Map fields…": the layers panel opens this layer's field mapping.
        const std::size_t index = std::stoul(w[1]);
        if (index >= state.project.layers.size()) throw fail("no layer " + w[1]);
        actions.open_field_mapping = index;
    } else if (command == "save-problems") {
        save_problem_list(state, w[1]);
    } else if (command == "save-statistics") {
        actions.save_statistics = w[1];
    } else if (command == "save-project") {
        actions.save_project = w[1];
    } else if (command == "screenshot") {
        effect.screenshot_path = w[1];
    }
    effect.refresh = effect.refresh | apply(state, actions);
    return effect;
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
