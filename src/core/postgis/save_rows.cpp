// UPDATE … WHERE row_version = what was read; 0 rows touched is someone else's change.
#include "core/postgis/save_rows.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/model/error.hpp"
#include "core/postgis/connection.hpp"
#include "core/postgis/ewkb.hpp"
#include "core/postgis/server_tables.hpp"

namespace ca::postgis {
namespace {

std::optional<std::string> parameter(const model::Value& value) {
    if (std::holds_alternative<std::monostate>(value)) return std::nullopt;
    if (const auto* number = std::get_if<double>(&value)) {
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", *number);
        return std::string(text);
    }
    return model::to_text(value);
}

// The column's own type, so a village outline stays a MultiPolygon when one part is left.
OGRwkbGeometryType column_type(const ServerTable& table, const model::Geometry& g) {
    const std::string& t = table.geom_type;
    if (t == "POINT") return wkbPoint;
    if (t == "MULTIPOINT") return wkbMultiPoint;
    if (t == "LINESTRING") return wkbLineString;
    if (t == "MULTILINESTRING") return wkbMultiLineString;
    if (t == "POLYGON") return wkbPolygon;
    if (t == "MULTIPOLYGON") return wkbMultiPolygon;
    return g.type == model::GeometryType::Point ? wkbPoint : g.type == model::GeometryType::Line ? wkbMultiLineString : wkbMultiPolygon;
}

struct RowSaver {
    Connection& db;
    const model::Layer& layer;
    ServerTable table;
    int version_field;
    std::vector<std::string> conflicts;

    // "SET a = $2, b = $3" (or the column and value lists of an INSERT) for these fields and the geometry.
    void bind(const model::Feature& f, const std::vector<std::size_t>& fields, bool geometry, std::vector<std::string>& columns,
              std::vector<std::string>& values, Parameters& p) const {
        for (const std::size_t i : fields) {
            if (static_cast<int>(i) == version_field) continue;
            p.push_back(parameter(f.values[i]));
            columns.push_back(quote_identifier(layer.field_names[i]));
            values.push_back("$" + std::to_string(p.size()));
        }
        if (!geometry || table.geom.empty()) return;
        p.push_back(ewkb_hex(f.geometry, column_type(table, f.geometry)));
        columns.push_back(table.geom);
        values.push_back("$" + std::to_string(p.size()) + "::geometry");
    }

    // Theirs beside mine for the fields this editor changed in a row someone else changed.
    void note_conflict(const model::Feature& mine, const model::EditedParts& parts) {
        if (conflicts.size() >= 3) {
            conflicts.push_back("…");
            return;
        }
        std::string line = "feature " + std::to_string(mine.fid);
        const Result theirs = db.exec("SELECT * FROM " + table.name + " WHERE " + table.fid + " = $1", {std::to_string(mine.fid)});
        if (theirs.rows() == 0) {
            conflicts.push_back(line + " was deleted by someone else");
            return;
        }
        for (const std::size_t i : parts.fields) {
            const Result cell = db.exec("SELECT " + quote_identifier(layer.field_names[i]) + "::text FROM " + table.name + " WHERE " + table.fid + " = $1",
                                        {std::to_string(mine.fid)});
            line += ", " + layer.field_names[i] + ": theirs \"" + std::string(cell.is_null(0, 0) ? "" : cell.text(0, 0)) + "\", mine \"" +
                    model::to_text(mine.values[i]) + "\"";
        }
        if (parts.geometry) line += ", location: theirs and mine differ";
        conflicts.push_back(line);
    }

    void save(std::int64_t fid, const model::EditedParts& parts, const model::Feature* now) {
        std::vector<std::string> columns, values;
        Parameters p;
        if (fid < 0) {  // added here: the table numbers it
            if (!now) return;
            std::vector<std::size_t> all(layer.field_names.size());
            for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
            bind(*now, all, true, columns, values, p);
            std::string names, list;
            for (std::size_t i = 0; i < columns.size(); ++i) names += (i ? ", " : "") + columns[i], list += (i ? ", " : "") + values[i];
            db.exec("INSERT INTO " + table.name + " (" + names + ") VALUES (" + list + ")", p);
            return;
        }
        const model::Feature& read = parts.as_read ? *parts.as_read : *now;
        const std::string version = model::to_text(read.values[static_cast<std::size_t>(version_field)]);
        if (!now) {
            if (db.exec("DELETE FROM " + table.name + " WHERE " + table.fid + " = $1 AND row_version = $2", {std::to_string(fid), version}).affected() == 0)
                conflicts.push_back("feature " + std::to_string(fid) + " was changed or deleted by someone else since it was read");
            return;
        }
        bind(*now, {parts.fields.begin(), parts.fields.end()}, parts.geometry, columns, values, p);
        if (columns.empty()) return;
        std::string set;
        for (std::size_t i = 0; i < columns.size(); ++i) set += (i ? ", " : "") + columns[i] + " = " + values[i];
        p.push_back(std::to_string(fid));
        p.push_back(version);
        const std::string where = " WHERE " + table.fid + " = $" + std::to_string(p.size() - 1) + " AND row_version = $" + std::to_string(p.size());
        if (db.exec("UPDATE " + table.name + " SET " + set + where, p).affected() == 0) note_conflict(*now, parts);
    }
};

}  // namespace

void save_rows(const model::Layer& layer) {
    const auto version = std::find(layer.field_names.begin(), layer.field_names.end(), kRowVersionColumn);
    if (version == layer.field_names.end())
        throw Error("has no row_version column to tell others' changes from mine; nothing was saved. Load it with `countyatlas publish`, or "
                    "Save as GeoPackage")
            .file(layer.file_name())
            .layer(layer.name);
    Connection db(layer.source_path);
    RowSaver saver{db, layer, describe_table(db, layer), static_cast<int>(version - layer.field_names.begin()), {}};
    std::map<std::int64_t, const model::Feature*> present;
    for (const auto& f : layer.features) present.emplace(f.fid, &f);
    Transaction transaction(db);
    for (const auto& [fid, parts] : layer.edited) {
        const auto found = present.find(fid);
        saver.save(fid, parts, found == present.end() ? nullptr : found->second);
    }
    if (!saver.conflicts.empty()) {
        std::string list;
        for (const auto& c : saver.conflicts) list += (list.empty() ? "" : "; ") + c;
        throw Error("someone else changed these rows since you read them; nothing was saved (reload to see theirs, or save yours over "
                    "them): " + list)
            .file(layer.file_name())
            .layer(layer.name);
    }
    transaction.commit();
}

}  // namespace ca::postgis
