// Describing layers and problems for `info` and `check`.
#include "cli/layer_report.hpp"

#include <cstdio>
#include <filesystem>

namespace ca::cli {
namespace {

using nlohmann::ordered_json;

ordered_json recognised_fields(const model::Layer& layer) {
    ordered_json fields = ordered_json::object();
    for (std::size_t i = 0; i < model::kMeaningCount; ++i) {
        const auto meaning = static_cast<model::Meaning>(i);
        const auto& match = layer.mapping[meaning];
        if (!match || !model::meaning_applies(layer.role, meaning)) continue;
        ordered_json entry = {{"source", match->source_name}};
        if (match->scale != 1) entry["scale"] = match->scale;
        fields[std::string(model::canonical_name(meaning))] = entry;
    }
    return fields;
}

}  // namespace

ordered_json layer_json(const model::Layer& layer) {
    const auto e = layer.extent();
    ordered_json j;
    j["file"] = layer.file_name();
    j["path"] = layer.source_path;
    j["layer"] = layer.name;
    j["driver"] = layer.driver;
    j["features"] = layer.features.size();
    j["geometry_type"] = layer.geometry_type;
    j["crs"] = {{"name", layer.source_crs.name},
                {"epsg", layer.source_crs.epsg ? ordered_json(layer.source_crs.epsg) : ordered_json()},
                {"how", layer.source_crs.how}};
    j["extent_lonlat"] = e.empty() ? ordered_json() : ordered_json::array({e.min_x, e.min_y, e.max_x, e.max_y});
    j["role"] = model::to_string(layer.role);
    j["role_source"] = layer.role_given ? "given" : "guessed";
    j["encoding"] = layer.encoding;
    j["fields"] = recognised_fields(layer);
    j["all_fields"] = layer.field_names;
    j["counts"] = {{"repaired", layer.counts.repaired},
                   {"empty_skipped", layer.counts.empty_skipped},
                   {"without_geometry", layer.counts.without_geometry},
                   {"from_lon_lat", layer.counts.from_lon_lat},
                   {"unusable_skipped", layer.counts.unusable_skipped}};
    return j;
}

void print_layer(const model::Layer& layer, std::ostream& out) {
        const ordered_json j = layer_json(layer);
        out << j["file"].get<std::string>() << ", layer " << layer.name << "\n";
        out << "  driver      " << layer.driver << "\n";
        out << "  features    " << layer.features.size() << "\n";
        out << "  geometry    " << layer.geometry_type << "\n";
        out << "  CRS         " << layer.source_crs.name;
        if (layer.source_crs.epsg) out << " (EPSG:" << layer.source_crs.epsg << ")";
        if (!layer.source_crs.how.empty()) out << ", " << layer.source_crs.how;
        out << "\n";
        const auto e = layer.extent();
        if (!e.empty()) {
            char line[128];
            std::snprintf(line, sizeof line, "%.6f, %.6f to %.6f, %.6f", e.min_x, e.min_y, e.max_x, e.max_y);
            out << "  extent      " << line << " (lon, lat)\n";
        }
        out << "  role        " << model::to_string(layer.role) << (layer.role_given ? " (given)" : " (guessed)") << "\n";
        out << "  encoding    " << layer.encoding << "\n";
        out << "  fields     ";
        const auto& fields = j["fields"];
        if (fields.empty()) out << " none recognised";
        for (const auto& [name, entry] : fields.items()) {
            out << " " << name << "<-" << entry["source"].get<std::string>();
            if (entry.contains("scale")) out << "(x" << entry["scale"].get<double>() << ")";
        }
        out << "\n  repaired " << layer.counts.repaired << ", empty skipped " << layer.counts.empty_skipped
            << ", without geometry " << layer.counts.without_geometry << ", from lon/lat " << layer.counts.from_lon_lat
            << ", unusable coordinates skipped " << layer.counts.unusable_skipped
            << "\n";
}

ordered_json problem_json(const model::Problem& problem) {
    return {{"severity", model::to_string(problem.severity)},
            {"kind", problem.kind},
            {"file", problem.file},
            {"layer", problem.layer},
            {problem.is_row ? "row" : "feature", problem.id >= 0 ? ordered_json(problem.id) : ordered_json()},
            {"message", problem.message}};
}

}  // namespace ca::cli
