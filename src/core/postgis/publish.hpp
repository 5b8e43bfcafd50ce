// A county's layers, as the loader judged them, into a schema of a PostGIS database: one table
// per layer named by its role, the contract's field names, numbers in the contract's units,
// geometries in CGCS2000 lon/lat (EPSG:4490), spatial indexes, and a row version for editing
// together; the loader's notes in a table beside them.
#pragma once

#include <string>
#include <vector>

#include "core/model/project.hpp"

namespace ca::postgis {

struct PublishOptions {
    std::string schema;    // created when missing
    bool replace = false;  // drop tables of the same names first; else an existing one is refused
};

struct PublishedTable {
    std::string table;  // "schema.table"
    model::Role role = model::Role::Unknown;
    std::size_t rows = 0;
};

// The name each layer gets: its role ("villages", "sites"...), "_2" and on for a second layer
// of the same role, the layer's own name (ASCII letters, digits, _) when it has no role.
std::vector<std::string> table_names(const model::Project& project);

// Every layer into `database` ("PG:host=… dbname=…") in one transaction: nothing is left half
// loaded when a row is refused or the connection drops. Each table keeps `fid` (its key, the
// layer's order), `source_row` (the row or feature id the user saw in the file), `row_version`
// (raised by a trigger on every update, whoever makes it), the fields (mapped ones under their
// contract names, money in yuan) and `geom` with a GiST index. The loader's notes go to
// countyatlas_load_notes. Throws ca::Error naming the database.
std::vector<PublishedTable> publish_project(const model::Project& project, const std::string& database, const PublishOptions& options);

}  // namespace ca::postgis
