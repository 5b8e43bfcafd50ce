// Reading and writing *.cap.json project files.
#include "core/workspace/project_file.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "core/analysis/parallel.hpp"
#include "core/io/vector_reader.hpp"
#include "core/io/table_writer.hpp"
#include "core/io/working_crs.hpp"
#include "core/model/database_source.hpp"
#include "core/model/error.hpp"
#include "core/model/safe_write.hpp"
#include "core/model/text.hpp"

namespace ca::workspace {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

// A per-source option as JSON: a plain string when it names no source (older project files have
// only these), else the list of its command-line arguments ("GBK", "projects.csv=UTF-8").
ordered_json per_source_json(const model::PerSourceOption& option) {
    if (option.by_source().empty()) return option.all();
    return option.arguments();
}

model::PerSourceOption per_source_from_json(const ordered_json& value) {
    model::PerSourceOption option;
    if (value.is_string()) option.add(value.get<std::string>());
    if (value.is_array())
        for (const auto& argument : value) option.add(argument.get<std::string>());
    return option;
}

const char* method_name(analysis::ClassMethod m) {
    switch (m) {
        case analysis::ClassMethod::Quantile: return "quantile";
        case analysis::ClassMethod::EqualInterval: return "equal_interval";
        case analysis::ClassMethod::NaturalBreaks: return "natural_breaks";
        case analysis::ClassMethod::StandardDeviation: return "standard_deviation";
        case analysis::ClassMethod::Manual: return "manual";
    }
    return "natural_breaks";
}

// Paths in the file use forward slashes on every OS.
std::string relative_to(const fs::path& folder, const std::string& path) {
    if (model::is_database_source(path)) return path;  // a connection, without password (parse_source)
    std::error_code ec;
    const fs::path rel = fs::relative(fs::absolute(path), folder, ec);
    return (ec || rel.empty() ? fs::absolute(path) : rel).generic_string();
}

// A number of the file, or `fallback` when `key` is absent. One outside [lo, hi] is refused:
// converting it to the member's type (an int, a byte) is undefined behaviour in the JSON library
// (found by tests/fuzz/fuzz_project_file), and no CountyAtlas writes one.
template <class T>
T number_in(const ordered_json& object, const char* key, T fallback, double lo, double hi, const std::string& name,
            const std::string& path) {
    if (!object.contains(key)) return fallback;
    const ordered_json& value = object[key];
    const bool whole = !std::is_floating_point_v<T>;
    if (!value.is_number() || (whole && !value.is_number_integer()) || !(value.get<double>() >= lo && value.get<double>() <= hi)) {
        std::ostringstream range;
        range << lo << " to " << hi;
        throw Error(name + " must be a " + (whole ? "whole number" : "number") + " from " + range.str()).file(path);
    }
    return value.get<T>();
}

// An RGB colour: three whole numbers from 0 to 255.
std::optional<std::array<std::uint8_t, 3>> rgb_in(const ordered_json& layer, const char* key, const std::string& path) {
    if (!layer.contains(key)) return std::nullopt;
    const ordered_json& value = layer[key];
    const auto refuse = [&] { return Error(std::string("layers: ") + key + " must be three whole numbers from 0 to 255").file(path); };
    if (!value.is_array() || value.size() != 3) throw refuse();
    std::array<std::uint8_t, 3> rgb{};
    for (std::size_t i = 0; i < 3; ++i) {
        if (!value[i].is_number_integer() || value[i].get<std::int64_t>() < 0 || value[i].get<std::int64_t>() > 255) throw refuse();
        rgb[i] = static_cast<std::uint8_t>(value[i].get<std::int64_t>());
    }
    return rgb;
}

// One entry of "layers": its source, style and field mapping.
void read_layer(const ordered_json& layer, const fs::path& folder, const std::string& path, ProjectFile& p) {
    const std::string written = layer.at("path").get<std::string>();
    io::SourceSpec source{model::is_database_source(written) ? io::parse_source(written).path : (folder / fs::path(written)).lexically_normal().string(), {}};
    if (layer.contains("layer")) source.layer = layer["layer"].get<std::string>();
    const std::string spec = io::source_argument(source);
    p.sources.push_back({spec, model::role_from_string(layer.value("role", ""))});
    scene::LayerStyle style;
    style.visible = layer.value("visible", true);
    style.opacity = number_in(layer, "opacity", 1.0f, 0, 1, "layers: opacity", path);
    style.fill_rgb = rgb_in(layer, "fill_rgb", path);
    style.stroke_rgb = rgb_in(layer, "stroke_rgb", path);
    if (layer.contains("width_px")) style.width_px = number_in(layer, "width_px", 1.0f, 0, 1000, "layers: width_px", path);
    if (layer.contains("symbol_px")) style.symbol_px = number_in(layer, "symbol_px", 1.0f, 0, 1000, "layers: symbol_px", path);
    if (layer.contains("symbol")) {
        const std::string shape = layer["symbol"].get<std::string>();
        style.symbol = shape == "square" ? scene::MarkerShape::Square : shape == "triangle" ? scene::MarkerShape::Triangle : scene::MarkerShape::Circle;
    }
    p.style.layers.push_back(style);
    p.fields.push_back(layer.value("fields", std::map<std::string, std::string>{}));
}

}  // namespace

bool is_project_file(const std::string& path) {
    const std::string key = model::fold_key(path);
    return model::ends_with(key, ".cap.json") || (model::ends_with(key, ".gpkg") && io::read_embedded_project(path).has_value());
}

ProjectFile read_project_file(const std::string& path) {
    std::string text;
    if (const auto embedded = io::read_embedded_project(path)) {
        text = *embedded;  // a GeoPackage saved with its project
    } else {
        std::ifstream in(path);
        if (!in) throw Error("cannot read the project file").file(path);
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    ordered_json j;
    try {
        j = ordered_json::parse(text);
    } catch (const std::exception& e) {
        throw Error(std::string("is not valid JSON: ") + e.what()).file(path);
    }
    const fs::path folder = fs::absolute(path).parent_path();
    ProjectFile p;
    try {
        for (const auto& layer : j.at("layers")) read_layer(layer, folder, path, p);
        const auto& options = j.value("options", ordered_json::object());
        p.options.read.encoding = per_source_from_json(options.value("encoding", ordered_json("")));
        p.options.read.assume_crs = options.value("assume_crs", "");
        p.options.coords = per_source_from_json(options.value("coords", ordered_json("wgs84")));
        const auto& style = j.value("style", ordered_json::object());
        if (style.contains("choropleth") && !style["choropleth"].is_null()) {
            const auto& c = style["choropleth"];
            scene::Choropleth choropleth;
            choropleth.metric = c.value("metric", "poverty_rate");
            choropleth.method = analysis::class_method_from_string(c.value("method", "natural_breaks")).value_or(choropleth.method);
            choropleth.classes = number_in(c, "classes", 5, 1, 1000, "style.choropleth.classes", path);
            choropleth.manual_breaks = c.value("manual_breaks", std::vector<double>{});
            choropleth.by_township = c.value("by_township", false);
            p.style.choropleth = choropleth;
        }
        const auto& sites = style.value("sites", ordered_json::object());
        for (const auto& type : sites.value("hidden_types", std::vector<std::string>{})) p.style.sites.hidden_types.insert(type);
        p.style.sites.up_to_year = number_in(sites, "up_to_year", 0, 0, 9999, "style.sites.up_to_year", path);
        p.style.sites.status = sites.value("status", "");
        p.style.sites.batch = sites.value("batch", "");
        const std::string colour = sites.value("colour_by", "type");
        p.style.site_colour = colour == "year" ? scene::SiteColour::Year : colour == "status" ? scene::SiteColour::Status
                              : colour == "batch" ? scene::SiteColour::Batch : scene::SiteColour::Type;
        p.style.labels = style.value("labels", true);
        p.style.label_script = style.value("label_script", "chinese") == "pinyin" ? scene::LabelScript::Pinyin : scene::LabelScript::Chinese;
        const auto& terrain = style.value("terrain", ordered_json::object());
        p.style.terrain.visible = terrain.value("visible", true);
        p.style.terrain.azimuth_deg = number_in(terrain, "azimuth_deg", 315.0f, 0, 360, "style.terrain.azimuth_deg", path);
        p.style.terrain.altitude_deg = number_in(terrain, "altitude_deg", 45.0f, 0, 90, "style.terrain.altitude_deg", path);
        p.style.terrain.tint = terrain.value("tint", false);
        p.style.language = j.value("language", "zh") == "en" ? model::Language::English : model::Language::Chinese;
        if (j.contains("figure") && j["figure"].is_object()) {
            const auto& f = j["figure"];
            p.figure.review_number = f.value("review_number", "");
            p.figure.compiled_by = f.value("compiled_by", "");
            p.figure.date = f.value("date", "");
            p.figure.sources = f.value("sources", std::vector<std::string>{});
        }
        if (j.contains("view") && !j["view"].is_null()) {
            scene::Viewport v;
            v.centre_m = {j["view"].at("centre_m").at(0).get<double>(), j["view"].at("centre_m").at(1).get<double>()};
            (void)j["view"].at("m_per_px");  // required: throws when absent
            v.m_per_px = number_in(j["view"], "m_per_px", 0.0, 1e-6, 1e9, "view.m_per_px", path);
            p.view = v;
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("is not a CountyAtlas project: ") + e.what()).file(path);
    }
    return p;
}

void write_project_file(const std::string& path, const ProjectFile& p) { model::write_file_bytes(path, project_file_text(path, p)); }

std::string project_file_text(const std::string& path, const ProjectFile& p) {
    const fs::path folder = fs::absolute(path).parent_path();
    ordered_json j;
    j["countyatlas_project"] = 1;
    j["layers"] = ordered_json::array();
    for (std::size_t i = 0; i < p.sources.size(); ++i) {
        const io::SourceSpec spec = io::parse_source(p.sources[i].spec);
        ordered_json layer;
        layer["path"] = relative_to(folder, spec.path);
        if (!spec.layer.empty()) layer["layer"] = spec.layer;
        layer["role"] = model::to_string(p.sources[i].role);
        layer["visible"] = p.style.layer(i).visible;
        const scene::LayerStyle& ls = p.style.layer(i);
        layer["opacity"] = ls.opacity;
        if (ls.fill_rgb) layer["fill_rgb"] = *ls.fill_rgb;
        if (ls.stroke_rgb) layer["stroke_rgb"] = *ls.stroke_rgb;
        if (ls.width_px) layer["width_px"] = *ls.width_px;
        if (ls.symbol_px) layer["symbol_px"] = *ls.symbol_px;
        if (ls.symbol) layer["symbol"] = *ls.symbol == scene::MarkerShape::Square ? "square" : *ls.symbol == scene::MarkerShape::Triangle ? "triangle" : "circle";
        if (i < p.fields.size() && !p.fields[i].empty()) layer["fields"] = p.fields[i];
        j["layers"].push_back(layer);
    }
    j["options"] = {{"encoding", per_source_json(p.options.read.encoding)},
                    {"assume_crs", p.options.read.assume_crs},
                    {"coords", p.options.coords.empty() ? ordered_json("wgs84") : per_source_json(p.options.coords)}};
    ordered_json style;
    if (p.style.choropleth)
        style["choropleth"] = {{"metric", p.style.choropleth->metric},
                               {"method", method_name(p.style.choropleth->method)},
                               {"classes", p.style.choropleth->classes},
                               {"manual_breaks", p.style.choropleth->manual_breaks},
                               {"by_township", p.style.choropleth->by_township}};
    else style["choropleth"] = nullptr;
    const char* colour = p.style.site_colour == scene::SiteColour::Year     ? "year"
                         : p.style.site_colour == scene::SiteColour::Status ? "status"
                         : p.style.site_colour == scene::SiteColour::Batch  ? "batch"
                                                                            : "type";
    style["sites"] = {{"hidden_types", p.style.sites.hidden_types}, {"up_to_year", p.style.sites.up_to_year},
                      {"status", p.style.sites.status},             {"batch", p.style.sites.batch},
                      {"colour_by", colour}};
    style["labels"] = p.style.labels;
    style["label_script"] = p.style.label_script == scene::LabelScript::Pinyin ? "pinyin" : "chinese";
    style["terrain"] = {{"visible", p.style.terrain.visible}, {"azimuth_deg", p.style.terrain.azimuth_deg},
                        {"altitude_deg", p.style.terrain.altitude_deg}, {"tint", p.style.terrain.tint}};
    j["style"] = style;
    j["language"] = p.style.language == model::Language::English ? "en" : "zh";
    const FigureDefaults& fig = p.figure;
    if (!fig.review_number.empty() || !fig.compiled_by.empty() || !fig.date.empty() || !fig.sources.empty())
        j["figure"] = {{"review_number", fig.review_number}, {"compiled_by", fig.compiled_by}, {"sources", fig.sources}, {"date", fig.date}};
    if (p.view) j["view"] = {{"centre_m", {p.view->centre_m.x, p.view->centre_m.y}}, {"m_per_px", p.view->m_per_px}};
    else j["view"] = nullptr;
    return j.dump(2) + "\n";
}

ProjectFile describe(const model::Project& project, const LoadOptions& options, const scene::MapStyle& style,
                     const std::optional<scene::Viewport>& view) {
    ProjectFile p;
    for (const auto& layer : project.layers) {
        p.sources.push_back({io::source_argument({layer.source_path, layer.name}), layer.role});
        std::map<std::string, std::string> fields;
        for (std::size_t m = 0; m < model::kMeaningCount; ++m) {
            const auto meaning = static_cast<model::Meaning>(m);
            if (!model::meaning_applies(layer.role, meaning)) continue;
            fields[std::string(model::canonical_name(meaning))] = layer.mapping[meaning] ? layer.mapping[meaning]->source_name : "";
        }
        p.fields.push_back(std::move(fields));
    }
    if (project.dem) {  // after the layers, so the style's layer entries keep their indices
        p.sources.push_back({project.dem->path, model::Role::Dem});
        p.fields.emplace_back();
    }
    p.options = options;
    p.style = style;
    p.style.layers.resize(project.layers.size());
    p.view = view;
    return p;
}

OpenedProject load_project_file(const ProjectFile& file) {
    OpenedProject opened;
    opened.style = file.style;
    opened.style.layers.clear();
    // Sources are read on all cores (a province's layers are often separate sources of one file),
    // then taken in the file's order.
    const std::size_t n = file.sources.size();
    std::vector<std::optional<model::Project>> parts(n);
    std::vector<std::string> failures(n);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < n; i = next++) {  // each thread takes the next source as it frees up
            try {
                parts[i] = loading::load_project({file.sources[i]}, file.options);
            } catch (const Error& e) {
                failures[i] = e.what();
            }
        }
    };
    {
        std::vector<std::jthread> helpers;
        for (std::size_t t = 1; t < std::min(n, analysis::worker_count()); ++t) helpers.emplace_back(work);
        work();
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (!parts[i]) {
            // A file gone is one layer less; a database that refuses (password, server down) is
            // every layer of the shared county: nothing to count.
            if (model::is_database_source(file.sources[i].spec)) throw Error(failures[i]);
            opened.project.problems.report("missing data file", failures[i]);
            continue;
        }
        for (auto& layer : parts[i]->layers) {
            if (i < file.fields.size())
                for (const auto& [name, field] : file.fields[i]) {
                    const auto meaning = model::meaning_from_name(name);
                    if (!meaning || !model::assign_field(layer.mapping, layer.field_names, *meaning, field))
                        opened.project.problems.report("field mapping", layer.name + ": no field \"" + field + "\" for " + name + "; detected instead");
                }
            opened.project.layers.push_back(std::move(layer));
            opened.style.layers.push_back(file.style.layer(i));
        }
        opened.project.problems.append(parts[i]->problems);
    }
    opened.project.working = io::choose_working_crs(opened.project.extent());
    return opened;
}

}  // namespace ca::workspace
