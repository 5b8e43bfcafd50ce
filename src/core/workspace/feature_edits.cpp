// Building edits from what the user did (see feature_edits.hpp).
#include "core/workspace/feature_edits.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "core/io/web_map_offsets.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"

namespace ca::workspace {
namespace {

using model::kNumericMeanings;
using model::Meaning;

std::optional<Meaning> meaning_of(const model::Layer& layer, std::size_t field) {
    for (std::size_t m = 0; m < model::kMeaningCount; ++m)
        if (layer.mapping.index(static_cast<Meaning>(m)) == static_cast<int>(field)) return static_cast<Meaning>(m);
    return std::nullopt;
}

// A field no meaning names holds numbers when the values it has are numbers (a GeoPackage's REAL
// column, a sheet column of figures).
bool holds_numbers(const model::Layer& layer, std::size_t field) {
    int numbers = 0, texts = 0;
    for (std::size_t i = 0; i < std::min<std::size_t>(layer.features.size(), 200); ++i) {
        const auto& value = layer.features[i].values[field];
        if (std::holds_alternative<std::string>(value)) ++texts;
        else if (!model::is_null(value)) ++numbers;
    }
    return numbers > 0 && texts == 0;
}

const model::Layer& layer_at(const model::Project& project, std::size_t layer) {
    if (layer >= project.layers.size()) throw Error("there is no layer " + std::to_string(layer + 1));
    return project.layers[layer];
}

const model::Feature& feature_at(const model::Layer& layer, std::size_t feature) {
    if (feature >= layer.features.size())
        throw Error("has no feature " + std::to_string(feature + 1) + " (it has " + std::to_string(layer.features.size()) + ")").file(layer.file_name()).layer(layer.name);
    return layer.features[feature];
}

// A point as the layer's own coordinates say it: web-map offsets put back when it was read in them.
model::Vec2 as_source_coordinates(const model::Layer& layer, model::Vec2 lon_lat) {
    if (layer.web_map_offsets == "gcj02") return io::wgs84_to_gcj02(lon_lat);
    if (layer.web_map_offsets == "bd09") return io::gcj02_to_bd09(io::wgs84_to_gcj02(lon_lat));
    return lon_lat;
}

// Degrees as a table cell: 7 decimals is about a centimetre.
model::Value degrees_value(double degrees) { return std::round(degrees * 1e7) / 1e7; }

// A point into a feature: its geometry, and its lon/lat cells when the layer has them.
void place_point(const model::Layer& layer, model::Feature& feature, model::Vec2 lon_lat) {
    feature.geometry = model::Geometry::point(lon_lat);
    const int lon = layer.mapping.index(Meaning::Lon), lat = layer.mapping.index(Meaning::Lat);
    if (lon < 0 || lat < 0) return;
    const model::Vec2 written = as_source_coordinates(layer, lon_lat);
    feature.values[static_cast<std::size_t>(lon)] = degrees_value(written.x);
    feature.values[static_cast<std::size_t>(lat)] = degrees_value(written.y);
}

bool table_without_lon_lat(const model::Layer& layer) {
    return layer.geometry_type == "None" && (!layer.mapping.has(Meaning::Lon) || !layer.mapping.has(Meaning::Lat));
}

}  // namespace

std::string feature_label(const model::Layer& layer, const model::Feature& feature) {
    if (feature.fid < 0) return "new feature";
    return (layer.fids_are_rows ? "row " : "feature ") + std::to_string(feature.fid);
}

model::Value typed_value(const model::Layer& layer, std::size_t field, std::string_view text) {
    const std::string name = field < layer.field_names.size() ? layer.field_names[field] : "field " + std::to_string(field + 1);
    const std::string written = model::normalize_text(text);
    if (written.empty()) return {};
    const auto meaning = meaning_of(layer, field);
    if (meaning == Meaning::Lon || meaning == Meaning::Lat) {
        if (const auto degrees = model::to_degrees(model::Value(written))) return *degrees;
        throw Error(name + ": \"" + written + "\" is not a longitude or latitude; type degrees (101.52 or 101°31′12″)");
    }
    const bool numeric = (meaning && std::find(kNumericMeanings.begin(), kNumericMeanings.end(), *meaning) != kNumericMeanings.end()) ||
                         (!meaning && holds_numbers(layer, field));
    if (!numeric) return written;
    std::string digits = written;
    if (meaning == Meaning::Year && model::ends_with(digits, "年")) digits.resize(digits.size() - std::string_view("年").size());
    const auto number = model::parse_number(digits);
    const bool money = meaning == Meaning::Funds || meaning == Meaning::IncomePerCapita;
    if (!number || (number->unit != model::NumberUnit::None && (meaning == Meaning::Year || (number->unit == model::NumberUnit::Yuan && !money))))
        throw Error(name + ": \"" + written + "\" is not a number; type digits (" + (meaning == Meaning::Year ? "a year: 2027" : "120000 or 12万") + ")");
    const double scale = meaning && layer.mapping[*meaning] ? layer.mapping[*meaning]->scale : 1.0;
    const double value = model::in_field_unit(*number, scale);
    if (value < 0) throw Error(name + ": " + written + " is negative; counts, people and money cannot be");
    if (meaning == Meaning::Year && (value != std::floor(value) || value < 1900 || value > 2100)) throw Error(name + ": " + written + " is not a year; type it as 2027");
    return value;
}

int field_index(const model::Layer& layer, std::string_view name) {
    const std::string key = model::fold_key(name);
    for (std::size_t i = 0; i < layer.field_names.size(); ++i)
        if (model::fold_key(layer.field_names[i]) == key) return static_cast<int>(i);
    if (const auto meaning = model::meaning_from_name(key)) return layer.mapping.index(*meaning);
    return -1;
}

model::Edit add_point_edit(const model::Project& project, std::size_t layer_index, model::Vec2 lon_lat, const FieldValues& values) {
    const model::Layer& layer = layer_at(project, layer_index);
    model::Feature feature;
    feature.fid = model::new_feature_id(layer);
    feature.values.resize(layer.field_names.size());
    for (const auto& [field, value] : values)
        if (field < feature.values.size()) feature.values[field] = value;
    if (!table_without_lon_lat(layer)) place_point(layer, feature, lon_lat);
    model::Edit edit{"add a feature to " + layer.name, {}};
    edit.changes.push_back({layer_index, layer.features.size(), std::nullopt, std::move(feature)});
    return edit;
}

model::Edit move_point_edit(const model::Project& project, std::size_t layer_index, std::size_t feature_index, model::Vec2 lon_lat) {
    const model::Layer& layer = layer_at(project, layer_index);
    const model::Feature& before = feature_at(layer, feature_index);
    if (table_without_lon_lat(layer))
        throw Error(feature_label(layer, before) + " is placed by its village's name and the table has no lon/lat columns to hold a point; assign it to a village instead")
            .file(layer.file_name())
            .layer(layer.name);
    if (!before.geometry.empty() && before.geometry.type != model::GeometryType::Point)
        throw Error(feature_label(layer, before) + " is not a point; move one of its vertices").file(layer.file_name()).layer(layer.name);
    model::Feature after = before;
    place_point(layer, after, lon_lat);
    return {"move " + feature_label(layer, before), {{layer_index, feature_index, before, std::move(after)}}};
}

model::Edit move_vertex_edit(const model::Project& project, std::size_t layer_index, std::size_t feature_index, std::size_t vertex, model::Vec2 lon_lat) {
    const model::Layer& layer = layer_at(project, layer_index);
    const model::Feature& before = feature_at(layer, feature_index);
    if (vertex >= before.geometry.coords.size())
        throw Error(feature_label(layer, before) + " has no vertex " + std::to_string(vertex + 1)).file(layer.file_name()).layer(layer.name);
    model::Feature after = before;
    auto& coords = after.geometry.coords;
    const model::Vec2 old = coords[vertex];
    coords[vertex] = lon_lat;
    if (before.geometry.type == model::GeometryType::Polygon)  // a ring's first and last vertex are one
        for (std::size_t r = 0; r < after.geometry.ring_count(); ++r) {
            const std::size_t first = r == 0 ? 0 : after.geometry.ring_ends[r - 1], last = after.geometry.ring_ends[r] - 1;
            if (vertex == first && coords[last] == old) coords[last] = lon_lat;
            if (vertex == last && coords[first] == old) coords[first] = lon_lat;
        }
    return {"move a vertex of " + feature_label(layer, before), {{layer_index, feature_index, before, std::move(after)}}};
}

model::Edit delete_edit(const model::Project& project, std::size_t layer_index, std::vector<std::size_t> features) {
    const model::Layer& layer = layer_at(project, layer_index);
    std::sort(features.begin(), features.end());
    features.erase(std::unique(features.begin(), features.end()), features.end());
    model::Edit edit;
    // Highest first: each removal leaves the positions of the ones still to go as they were.
    for (auto it = features.rbegin(); it != features.rend(); ++it) edit.changes.push_back({layer_index, *it, feature_at(layer, *it), std::nullopt});
    edit.description = features.size() == 1 ? "delete " + feature_label(layer, layer.features[features.front()])
                                            : "delete " + std::to_string(features.size()) + " features";
    return edit;
}

model::Edit set_values_edit(const model::Project& project, std::size_t layer_index, const std::vector<std::size_t>& features, std::size_t field,
                            const model::Value& value) {
    const model::Layer& layer = layer_at(project, layer_index);
    if (field >= layer.field_names.size()) throw Error("has no field " + std::to_string(field + 1)).file(layer.file_name()).layer(layer.name);
    model::Edit edit{"set " + layer.field_names[field] + " of " + std::to_string(features.size()) + (features.size() == 1 ? " row" : " rows") + " to " +
                         model::to_text(value),
                     {}};
    for (const std::size_t i : features) {
        const model::Feature& before = feature_at(layer, i);
        if (before.values[field] == value) continue;
        model::Feature after = before;
        after.values[field] = value;
        if (const auto meaning = meaning_of(layer, field); (meaning == Meaning::Lon || meaning == Meaning::Lat) && layer.geometry_type == "None") {
            // A table's point follows its lon/lat cells.
            const auto lon = model::to_degrees(layer.value(after, Meaning::Lon)), lat = model::to_degrees(layer.value(after, Meaning::Lat));
            after.geometry = lon && lat ? model::Geometry::point({*lon, *lat}) : model::Geometry{};
        }
        edit.changes.push_back({layer_index, i, before, std::move(after)});
    }
    return edit;
}

}  // namespace ca::workspace
