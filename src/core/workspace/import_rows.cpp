// Appending a project sheet to a project list (see import_rows.hpp).
#include "core/workspace/import_rows.hpp"

#include <cmath>

#include "core/analysis/name_matching.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"

namespace ca::workspace {
namespace {

using model::Meaning;

bool has_meaning(const model::Layer& layer, std::size_t field) {
    for (std::size_t m = 0; m < model::kMeaningCount; ++m)
        if (layer.mapping.index(static_cast<Meaning>(m)) == static_cast<int>(field)) return true;
    return false;
}

// A column of the sheet by its name, or by the meaning it plays ("funds_yuan"); -1 when none.
int column_index(const model::Layer& sheet, const std::string& name) {
    return field_index(sheet, name);
}

bool point_from_columns(const model::Layer& sheet, const model::Layer& list) {
    return list.geometry_type != "None" && sheet.mapping.has(Meaning::Lon) && sheet.mapping.has(Meaning::Lat);
}

// Links by shared meaning, then by shared name for what no meaning links.
std::vector<std::optional<ColumnLink>> automatic_links(const model::Layer& sheet, const model::Layer& list) {
    std::vector<std::optional<ColumnLink>> by_field(list.field_names.size());
    std::vector<bool> linked(sheet.field_names.size());
    for (std::size_t m = 0; m < model::kMeaningCount; ++m) {
        const int column = sheet.mapping.index(static_cast<Meaning>(m)), field = list.mapping.index(static_cast<Meaning>(m));
        if (column < 0 || field < 0 || by_field[static_cast<std::size_t>(field)]) continue;
        by_field[static_cast<std::size_t>(field)] = ColumnLink{static_cast<std::size_t>(field), static_cast<std::size_t>(column), false};
        linked[static_cast<std::size_t>(column)] = true;
    }
    for (std::size_t c = 0; c < sheet.field_names.size(); ++c) {
        if (linked[c]) continue;
        for (std::size_t f = 0; f < list.field_names.size(); ++f)
            if (!by_field[f] && !has_meaning(list, f) && model::fold_key(list.field_names[f]) == model::fold_key(sheet.field_names[c])) {
                by_field[f] = ColumnLink{f, c, false};
                break;
            }
    }
    return by_field;
}

// Money of a sheet cell in yuan: a number is in the column's unit (`scale` yuan each), text is
// read as people type it ("12.5万", "125000元", a bare number again in the column's unit).
std::optional<double> yuan_of(const model::Value& value, double scale) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i) * scale;
    if (const auto* d = std::get_if<double>(&value)) return *d * scale;
    const auto number = model::parse_number(model::to_text(value));
    if (!number) return std::nullopt;
    return model::in_field_unit(*number, scale) * scale;
}

const model::Value* value_in(const FieldValues& values, int field) {
    if (field < 0) return nullptr;
    for (const auto& [index, value] : values)
        if (static_cast<int>(index) == field) return &value;
    return nullptr;
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

}  // namespace

MapChoice parse_map_choice(const std::string& text) {
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == text.size())
        throw Error("--map " + text + ": write it FIELD=COLUMN (a field of the list, a column of the new sheet), e.g. --map batch=批次");
    return {text.substr(0, equals), text.substr(equals + 1)};
}

ColumnMapping map_columns(const model::Layer& sheet, const model::Layer& list, const std::vector<MapChoice>& choices) {
    auto by_field = automatic_links(sheet, list);
    for (const MapChoice& choice : choices) {
        const int field = field_index(list, choice.field);
        if (field < 0)
            throw Error("--map " + choice.field + "=" + choice.column + ": the list has no field " + choice.field + "; its fields: " + joined(list.field_names))
                .file(list.file_name())
                .layer(list.name);
        const int column = column_index(sheet, choice.column);
        if (column < 0)
            throw Error("--map " + choice.field + "=" + choice.column + ": the sheet has no column " + choice.column + "; its columns: " + joined(sheet.field_names))
                .file(sheet.file_name())
                .layer(sheet.name);
        by_field[static_cast<std::size_t>(field)] = ColumnLink{static_cast<std::size_t>(field), static_cast<std::size_t>(column), true};
    }
    ColumnMapping mapping;
    mapping.point_from_columns = point_from_columns(sheet, list);
    std::vector<bool> placed(sheet.field_names.size());
    for (const auto& link : by_field)
        if (link) {
            mapping.links.push_back(*link);
            placed[link->column] = true;
        }
    for (std::size_t c = 0; c < placed.size(); ++c) {
        const bool is_point = mapping.point_from_columns && (sheet.mapping.index(Meaning::Lon) == static_cast<int>(c) ||
                                                             sheet.mapping.index(Meaning::Lat) == static_cast<int>(c));
        if (!placed[c] && !is_point) mapping.unplaced.push_back(c);
    }
    return mapping;
}

FieldValues list_values(const model::Layer& sheet, const model::Feature& row, const model::Layer& list, const ColumnMapping& mapping,
                        std::vector<std::string>& problems) {
    FieldValues values;
    const int sheet_funds = sheet.mapping.index(Meaning::Funds), list_funds = list.mapping.index(Meaning::Funds);
    for (const ColumnLink& link : mapping.links) {
        const model::Value& cell = row.values[link.column];
        if (model::is_null(cell)) continue;
        if (static_cast<int>(link.column) == sheet_funds && static_cast<int>(link.field) == list_funds) {
            const auto yuan = yuan_of(cell, sheet.mapping[Meaning::Funds]->scale);
            if (!yuan) {
                problems.push_back(list.field_names[link.field] + ": \"" + model::to_text(cell) + "\" is not an amount of money; left empty");
                continue;
            }
            // Rounded to a millionth of the field's unit: 万元 * 10000 / 10000 must not become 12.499999.
            values.emplace_back(link.field, std::round(*yuan / list.mapping[Meaning::Funds]->scale * 1e6) / 1e6);
            continue;
        }
        try {
            values.emplace_back(link.field, typed_value(list, link.field, model::to_text(cell)));
        } catch (const Error& e) {
            problems.push_back(e.message() + "; left empty");
        }
    }
    for (const auto& link : mapping.links) {
        const model::Value* value = value_in(values, static_cast<int>(link.field));
        const double* number = value ? std::get_if<double>(value) : nullptr;
        if (link.whole_numbers && number && *number != std::floor(*number))
            throw Error(model::to_text(*value) + " has a fraction, and " + list.file_name() +
                        " keeps whole numbers only in this field; nothing was written. Make the field hold real numbers, or round the sheet's values")
                .field(list.field_names[link.field]);
    }
    return values;
}

ExistingRows::ExistingRows(const model::Layer& list)
    : m_name(list.mapping.index(Meaning::ProjectName)), m_township(list.mapping.index(Meaning::Township)),
      m_village(list.mapping.index(Meaning::VillageName)), m_year(list.mapping.index(Meaning::Year)) {
    if (!usable()) return;
    auto cell = [](const model::Feature& f, int field) { return field >= 0 ? &f.values[static_cast<std::size_t>(field)] : nullptr; };
    for (std::size_t i = 0; i < list.features.size(); ++i) {
        const auto& f = list.features[i];
        Key key = key_of({cell(f, m_name), cell(f, m_township), cell(f, m_village), cell(f, m_year)});
        if (!key.text.empty()) m_rows[key.text].emplace_back(key.year, i);
    }
}

// Name, township, village and year; the text is empty for a row without a project name.
ExistingRows::Key ExistingRows::key_of(const std::vector<const model::Value*>& cells) const {
    auto text = [](const model::Value* v) { return v ? model::to_text(*v) : std::string(); };
    const std::string name = model::normalize_text(text(cells[0]));
    if (name.empty()) return {};
    Key key{name + '\x1f' + analysis::township_key(text(cells[1])) + '\x1f' + analysis::village_key(text(cells[2])), std::nullopt};
    if (cells[3]) key.year = model::to_number(*cells[3]);
    return key;
}

std::optional<std::size_t> ExistingRows::duplicate_of(const FieldValues& values) const {
    if (!usable()) return std::nullopt;
    const Key key = key_of({value_in(values, m_name), value_in(values, m_township), value_in(values, m_village), value_in(values, m_year)});
    const auto found = m_rows.find(key.text);
    if (key.text.empty() || found == m_rows.end()) return std::nullopt;
    for (const auto& [year, index] : found->second)
        if (!year || !key.year || *year == *key.year) return index;
    return std::nullopt;
}

model::Edit append_rows_edit(const model::Project& project, std::size_t layer_index, const std::vector<NewRow>& rows) {
    if (layer_index >= project.layers.size()) throw Error("there is no layer " + std::to_string(layer_index + 1));
    const model::Layer& layer = project.layers[layer_index];
    const std::int64_t first_id = model::new_feature_id(layer);
    model::Edit edit{"append " + std::to_string(rows.size()) + " rows to " + layer.name, {}};
    edit.changes.reserve(rows.size());
    // add_point_edit fills a point's lon/lat cells as the layer keeps them (web-map offsets too);
    // asked of the layer without its features, it does not look through them for an id each time.
    model::Project shell;
    shell.layers.push_back(layer);
    shell.layers.front().features.clear();
    shell.layers.front().edited.clear();
    for (std::size_t k = 0; k < rows.size(); ++k) {
        model::Feature feature;
        if (rows[k].lon_lat) {
            feature = std::move(*add_point_edit(shell, 0, *rows[k].lon_lat, rows[k].values).changes.front().after);
        } else {
            feature.values.resize(layer.field_names.size());
            for (const auto& [field, value] : rows[k].values)
                if (field < feature.values.size()) feature.values[field] = value;
        }
        // Ids of one edit are all taken from the layer before it, below its first new id; the first
        // row gets the lowest, as a save writes new features in the order of their ids.
        feature.fid = first_id - static_cast<std::int64_t>(rows.size() - 1 - k);
        edit.changes.push_back({layer_index, layer.features.size() + k, std::nullopt, std::move(feature)});
    }
    return edit;
}

}  // namespace ca::workspace
