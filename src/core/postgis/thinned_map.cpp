// The server simplifies and thins; the client turns its rows into layers to draw.
#include "core/postgis/thinned_map.hpp"

#include <algorithm>
#include <cstdio>
#include <future>
#include <map>
#include <memory>

#include "core/io/ogr_geometry.hpp"
#include "core/io/vector_reader.hpp"
#include "core/io/working_crs.hpp"
#include "core/model/error.hpp"
#include "core/postgis/connection.hpp"
#include "core/postgis/server_tables.hpp"

namespace ca::postgis {
namespace {

struct Table {
    model::Layer layer;  // name, source, role; fields and features filled by read_layer
    ServerTable table;
    std::vector<std::string> columns;  // every column but the geometry, in table order
};

Table describe(Connection& db, const std::string& path, const std::string& name, model::Role role) {
    Table t;
    t.layer.source_path = path;
    t.layer.name = name;
    t.layer.role = role;
    t.layer.role_given = true;
    t.layer.driver = "PostgreSQL";
    t.table = describe_table(db, t.layer);
    const Result r = db.exec("SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
                             {t.table.schema, t.table.bare});
    std::vector<std::string> all;
    for (int i = 0; i < r.rows(); ++i)
        if (quote_identifier(r.text(i, 0)) != t.table.geom) all.emplace_back(r.text(i, 0));
    // Only what the map shows: names for labels, and what picks a symbol or a colour.
    const model::FieldMapping mapping = model::map_fields(all);
    for (const model::Meaning m : {model::Meaning::VillageName, model::Meaning::Township, model::Meaning::ProjectType, model::Meaning::Status,
                                   model::Meaning::Year, model::Meaning::Batch, model::Meaning::Kind})
        if (mapping.has(m) && std::ranges::find(t.columns, all[static_cast<std::size_t>(mapping.index(m))]) == t.columns.end())
            t.columns.push_back(all[static_cast<std::size_t>(mapping.index(m))]);
    t.layer.field_names = t.columns;
    t.layer.mapping = model::map_fields(t.layer.field_names);
    return t;
}

// The region's extent in degrees, from the planner's statistics when it has them (ANALYZE after
// publish), else counted.
model::Extent extent_of(const std::vector<Connection*>& databases, const std::vector<Table>& tables) {
    model::Extent extent;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        Connection& db = *databases[i];
        const Table& t = tables[i];
        const std::string geom = t.table.geom.substr(1, t.table.geom.size() - 2);
        Result r = db.exec("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_EstimatedExtent($1, $2, $3) AS e) x",
                           {t.table.schema, t.table.bare, geom});
        if (r.is_null(0, 0)) r = db.exec("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(" + t.table.geom + ") AS e FROM " + t.table.name + ") x");
        if (r.is_null(0, 0)) continue;
        extent.add({r.number(0, 0), r.number(0, 1)});
        extent.add({r.number(0, 2), r.number(0, 3)});
    }
    return extent;
}

// Points one per symbol-sized cell; outlines and lines simplified to the pixel.
std::string thinned_query(const Table& t, double pixel_deg) {
    char size_text[32];
    std::snprintf(size_text, sizeof size_text, "%.10g", pixel_deg);
    const std::string size = size_text;
    std::string columns;
    for (const auto& c : t.columns) columns += quote_identifier(c) + "::text, ";
    const bool points = t.table.geom_type == "POINT" || t.table.geom_type == "MULTIPOINT";
    // Douglas-Peucker at a pixel, collapsed parts kept: a drawing, not a geometry to measure.
    if (!points)
        return "SELECT " + columns + "ST_AsBinary(ST_Simplify(" + t.table.geom + ", " + size + ", true)) FROM " + t.table.name + " WHERE " +
               t.table.geom + " IS NOT NULL";
    // A symbol is some pixels wide: one site per symbol's cell shows where the sites are (which
    // of them is drawn there is the server's pick).
    const std::string keys = "ST_SnapToGrid(" + t.table.geom + ", 4 * " + size + ")";
    return "SELECT DISTINCT ON (" + keys + ") " + columns + "ST_AsBinary(" + t.table.geom + ") FROM " + t.table.name + " WHERE " + t.table.geom +
           " IS NOT NULL ORDER BY " + keys;
}

// A bytea as libpq's text gives it ("\x0101000000…") as its bytes.
std::vector<unsigned char> bytes_of(std::string_view text) {
    auto digit = [](char c) { return static_cast<unsigned char>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10); };
    if (text.size() < 2) return {};
    text.remove_prefix(2);
    std::vector<unsigned char> bytes(text.size() / 2);
    for (std::size_t k = 0; k < bytes.size(); ++k) bytes[k] = static_cast<unsigned char>(digit(text[2 * k]) << 4 | digit(text[2 * k + 1]));
    return bytes;
}

void read_layer(Connection& db, Table& t, double pixel_deg) {
    const Result r = db.exec(thinned_query(t, pixel_deg));
    const int geometry_column = static_cast<int>(t.columns.size());
    std::vector<model::Vec2> scratch;
    for (int i = 0; i < r.rows(); ++i) {
        model::Feature f;
        f.fid = i + 1;
        for (int c = 0; c < geometry_column; ++c) f.values.push_back(r.is_null(i, c) ? model::Value{} : model::Value{std::string(r.text(i, c))});
        const std::vector<unsigned char> wkb = bytes_of(r.text(i, geometry_column));
        OGRGeometryH g = nullptr;
        if (OGR_G_CreateFromWkb(wkb.data(), nullptr, &g, static_cast<int>(wkb.size())) == OGRERR_NONE && g) {
            io::append_geometry(g, f.geometry, scratch);
            OGR_G_DestroyGeometry(g);
        }
        if (!f.geometry.empty()) t.layer.features.push_back(std::move(f));
    }
}

}  // namespace

model::Project read_thinned_map(const std::vector<std::pair<std::string, model::Role>>& sources, int pixels) {
    model::Project project;
    std::map<std::string, std::unique_ptr<Connection>> databases;
    std::vector<Table> tables;
    std::vector<Connection*> table_db;
    for (const auto& [argument, role] : sources) {
        const io::SourceSpec spec = io::parse_source(argument);
        auto& db = databases[spec.path];
        if (!db) db = std::make_unique<Connection>(spec.path);
        tables.push_back(describe(*db, spec.path, spec.layer, role));
        table_db.push_back(db.get());
    }
    if (tables.empty()) return project;
    const model::Extent extent = extent_of(table_db, tables);
    const double pixel_deg = std::max(extent.width(), extent.height()) / std::max(pixels, 1);
    // Each table on a connection of its own, all at once: the server works on them side by side.
    std::vector<std::future<void>> reading;
    for (std::size_t i = 0; i < tables.size(); ++i)
        reading.push_back(std::async(std::launch::async, [&t = tables[i], pixel_deg] {
            Connection db(t.layer.source_path);
            read_layer(db, t, pixel_deg);
        }));
    for (auto& r : reading) r.get();  // the first failure, in table order
    for (auto& t : tables) {
        t.layer.source_crs = {"China Geodetic Coordinate System 2000", 4490, "declared in the database", false};
        project.layers.push_back(std::move(t.layer));
    }
    project.working = io::choose_working_crs(project.extent());
    return project;
}

}  // namespace ca::postgis
