// Publishing: CREATE TABLE with the contract's columns, COPY of the rows, indexes, one transaction.
#include "core/postgis/publish.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "core/io/ogr_geometry.hpp"
#include "core/io/table_writer.hpp"
#include "core/model/error.hpp"
#include "core/model/fields.hpp"
#include "core/model/text.hpp"
#include "core/postgis/connection.hpp"

namespace ca::postgis {
namespace {

using model::Meaning;
using model::Role;

bool is_numeric(Meaning m) { return std::ranges::find(model::kNumericMeanings, m) != model::kNumericMeanings.end(); }

// One column of a published table: where its values come from and how they are typed.
struct Column {
    std::string name;
    std::size_t field = 0;
    std::optional<Meaning> meaning;  // mapped: contract name, numbers scaled to the contract's unit
    double scale = 1;
    bool number = false;
};

// The meaning a field plays in this layer: "type" is a project's type in a sites list and a
// work's kind in lines and ponds.
std::optional<Meaning> meaning_of(const model::Layer& layer, std::size_t field) {
    std::optional<Meaning> found;
    for (std::size_t m = 0; m < model::kMeaningCount; ++m) {
        const auto meaning = static_cast<Meaning>(m);
        if (layer.mapping.index(meaning) != static_cast<int>(field)) continue;
        const bool works = layer.role == Role::Lines || layer.role == Role::Ponds;
        if (meaning == Meaning::ProjectType && works) continue;
        if (meaning == Meaning::Kind && !works && found) continue;
        found = meaning;
    }
    return found;
}

std::vector<Column> columns_of(const model::Layer& layer) {
    std::vector<Column> columns;
    std::set<std::string> taken = {"fid", "source_row", "row_version", "geom"};
    for (std::size_t i = 0; i < layer.field_names.size(); ++i) {
        Column c;
        c.field = i;
        c.meaning = meaning_of(layer, i);
        if (c.meaning) {
            c.name = std::string(model::canonical_name(*c.meaning));
            c.scale = layer.mapping[*c.meaning]->scale;
            c.number = is_numeric(*c.meaning);
        } else {
            c.name = layer.field_names[i];
            c.number = std::ranges::all_of(layer.features, [i](const model::Feature& f) {
                return std::holds_alternative<std::monostate>(f.values[i]) || std::holds_alternative<double>(f.values[i]) ||
                       std::holds_alternative<std::int64_t>(f.values[i]);
            });
        }
        for (std::string base = c.name; !taken.insert(c.name).second;) c.name = base + "_" + std::to_string(i + 1);
        columns.push_back(std::move(c));
    }
    return columns;
}

std::optional<std::string> cell(const model::Feature& f, const Column& c) {
    const model::Value& v = f.values[c.field];
    if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
    if (!c.number) return model::to_text(v);
    const auto number = model::to_number(v);
    if (!number) return std::nullopt;  // check_values has reported it; a number column holds none
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", *number * c.scale);
    return std::string(text);
}

// Hex EWKB with SRID 4490: OGR's ISO WKB (2D type codes equal EWKB's) with the SRID flag and
// the SRID after the type.
std::optional<std::string> ewkb_hex(const model::Geometry& g, OGRwkbGeometryType type) {
    if (g.empty()) return std::nullopt;
    OGRGeometryH ogr = io::to_ogr(g, type);
    std::vector<unsigned char> wkb(static_cast<std::size_t>(OGR_G_WkbSize(ogr)));
    OGR_G_ExportToIsoWkb(ogr, wkbNDR, wkb.data());
    OGR_G_DestroyGeometry(ogr);
    std::uint32_t code = static_cast<std::uint32_t>(wkb[1]) | static_cast<std::uint32_t>(wkb[2]) << 8 | static_cast<std::uint32_t>(wkb[3]) << 16 |
                         static_cast<std::uint32_t>(wkb[4]) << 24;
    code |= 0x20000000u;
    const std::uint32_t srid = 4490;
    std::vector<unsigned char> out = {wkb[0]};
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<unsigned char>(code >> shift));
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<unsigned char>(srid >> shift));
    out.insert(out.end(), wkb.begin() + 5, wkb.end());
    static const char* const digits = "0123456789ABCDEF";
    std::string hex;
    hex.reserve(out.size() * 2);
    for (const unsigned char b : out) hex += digits[b >> 4], hex += digits[b & 15];
    return hex;
}

// The geometry column's type by role: polygons always multi (a village of two parts is common).
std::pair<const char*, OGRwkbGeometryType> geometry_type(const model::Layer& layer) {
    switch (layer.dominant_geometry()) {
        case model::GeometryType::Polygon: return {"MultiPolygon", wkbMultiPolygon};
        case model::GeometryType::Line: return {"MultiLineString", wkbMultiLineString};
        default: break;
    }
    const bool all_single = std::ranges::all_of(layer.features, [](const model::Feature& f) { return f.geometry.coords.size() <= 1; });
    return all_single ? std::pair{"Point", wkbPoint} : std::pair{"MultiPoint", wkbMultiPoint};
}

void create_table(Connection& db, const std::string& table, const model::Layer& layer, const std::vector<Column>& columns) {
    std::string sql = "CREATE TABLE " + table + " (fid bigint PRIMARY KEY, source_row bigint, row_version integer NOT NULL DEFAULT 1";
    for (const Column& c : columns) sql += ", " + quote_identifier(c.name) + (c.number ? " double precision" : " text");
    sql += std::string(", geom geometry(") + geometry_type(layer).first + ", 4490))";
    db.exec(sql);
}

void copy_layer(Connection& db, const std::string& table, const model::Layer& layer, const std::vector<Column>& columns) {
    std::string statement = "COPY " + table + " (fid, source_row";
    for (const Column& c : columns) statement += ", " + quote_identifier(c.name);
    statement += ", geom) FROM STDIN";
    const OGRwkbGeometryType type = geometry_type(layer).second;
    std::string rows;
    for (std::size_t i = 0; i < layer.features.size(); ++i) {
        const model::Feature& f = layer.features[i];
        rows += std::to_string(i + 1) + "\t" + std::to_string(f.fid);
        for (const Column& c : columns) rows += "\t" + copy_field(cell(f, c));
        rows += "\t" + copy_field(ewkb_hex(f.geometry, type)) + "\n";
    }
    db.copy_rows(statement, rows);
}

void finish_table(Connection& db, const std::string& schema, const std::string& table) {
    db.exec("CREATE INDEX ON " + table + " USING GIST (geom)");
    db.exec("CREATE TRIGGER countyatlas_row_version BEFORE UPDATE ON " + table + " FOR EACH ROW EXECUTE FUNCTION " +
            quote_identifier(schema) + ".countyatlas_next_row_version()");
}

void write_notes(Connection& db, const std::string& schema, const model::Project& project) {
    const std::string table = quote_identifier(schema) + "." + quote_identifier(io::kLoadNotesTable);
    db.exec("CREATE TABLE IF NOT EXISTS " + table + " (id bigserial PRIMARY KEY, severity text, kind text, file text, layer text, row_or_feature bigint, " +
            "is_row boolean, message text)");
    db.exec("DELETE FROM " + table);
    std::string rows;
    for (const model::Problem& p : project.problems.all()) {
        const char* severity = p.severity == model::Severity::Error ? "error" : p.severity == model::Severity::Warning ? "warning" : "note";
        rows += std::string(severity) + "\t" + copy_field(p.kind) + "\t" + copy_field(p.file) + "\t" + copy_field(p.layer) + "\t" +
                (p.id < 0 ? std::string("\\N") : std::to_string(p.id)) + "\t" + (p.is_row ? "t" : "f") + "\t" + copy_field(p.message) + "\n";
    }
    db.copy_rows("COPY " + table + " (severity, kind, file, layer, row_or_feature, is_row, message) FROM STDIN", rows);
}

}  // namespace

std::vector<std::string> table_names(const model::Project& project) {
    std::vector<std::string> names;
    std::set<std::string> taken;
    for (const auto& layer : project.layers) {
        std::string base = layer.role != Role::Unknown ? model::to_string(layer.role) : std::string();
        if (base.empty()) {
            for (const char c : layer.name) base += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
            if (base.empty() || std::isdigit(static_cast<unsigned char>(base.front()))) base = "layer_" + base;
        }
        std::string name = base;
        for (int n = 2; !taken.insert(name).second; ++n) name = base + "_" + std::to_string(n);
        names.push_back(name);
    }
    return names;
}

std::vector<PublishedTable> publish_project(const model::Project& project, const std::string& database, const PublishOptions& options) {
    Connection db(database);
    Transaction transaction(db);
    const std::string schema = quote_identifier(options.schema);
    db.exec("CREATE SCHEMA IF NOT EXISTS " + schema);
    db.exec("CREATE OR REPLACE FUNCTION " + schema +
            ".countyatlas_next_row_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.row_version := OLD.row_version + 1; RETURN NEW; END $$");
    const std::vector<std::string> names = table_names(project);
    std::vector<PublishedTable> published;
    for (std::size_t i = 0; i < project.layers.size(); ++i) {
        const model::Layer& layer = project.layers[i];
        const std::string table = schema + "." + quote_identifier(names[i]);
        const bool exists = db.exec("SELECT to_regclass($1) IS NOT NULL", {table}).text(0, 0) == "t";
        if (exists && !options.replace)
            throw Error("already holds a table " + options.schema + "." + names[i] + "; pass --replace to load it again").file(db.display_name());
        if (exists) db.exec("DROP TABLE " + table);
        const std::vector<Column> columns = columns_of(layer);
        create_table(db, table, layer, columns);
        copy_layer(db, table, layer, columns);
        finish_table(db, options.schema, table);
        published.push_back({options.schema + "." + names[i], layer.role, layer.features.size()});
    }
    write_notes(db, options.schema, project);
    transaction.commit();
    for (const auto& t : published) db.exec("ANALYZE " + quote_table(t.table));
    return published;
}

}  // namespace ca::postgis
