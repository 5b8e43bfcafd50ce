// What the server engine and the editing need to know of a layer's table on the server: its
// quoted name, key and geometry columns, and its columns' types.
#pragma once

#include <string>

#include "core/model/layer.hpp"
#include "core/postgis/connection.hpp"

namespace ca::postgis {

struct ServerTable {
    std::string name;         // "schema"."table", quoted
    std::string fid, geom;    // quoted columns; geom empty for a table without geometry
    std::string geom_type;    // as geometry_columns has it: "POINT", "MULTIPOLYGON", "GEOMETRY"...
    std::string schema, bare;  // unquoted
};

// Throws ca::Error naming the layer when the table has no one-column primary key (its rows
// could not be named).
ServerTable describe_table(Connection& db, const model::Layer& layer);

// The quoted column of a meaning, or NULL (as SQL) when the layer has no such field.
std::string column_of(const model::Layer& layer, model::Meaning meaning);

// Whether that column holds numbers on the server (smallint … double precision, numeric).
bool is_number_column(Connection& db, const ServerTable& table, const model::Layer& layer, model::Meaning meaning);

}  // namespace ca::postgis
