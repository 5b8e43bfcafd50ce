// A PostGIS source as users name it: `PG:host=… dbname=… user=… [schema.]table`. Its connection
// words are libpq's; a password is never kept in one (libpq takes it from PGPASSWORD, ~/.pgpass
// or a PGSERVICE entry), so no message, project file or layer name can show it.
#pragma once

#include <string>
#include <string_view>

namespace ca::model {

// Whether the text names a PostgreSQL/PostGIS database ("PG:" first, any case).
bool is_database_source(std::string_view source);

// The connection words in libpq's `key=value` form, quotes as the user wrote them, and the table
// (`schema.table` or `table`; empty for the whole database). A word without '=' is the table.
struct DatabaseSource {
    std::string connection;  // "host=localhost dbname=county", without the password
    std::string password;    // when typed into the source: handed to libpq, never stored
    std::string table;
};
DatabaseSource parse_database_source(std::string_view source);

// "PG:host=… dbname=…", for GDAL and libpq: the connection without password or table.
std::string database_connection_name(const DatabaseSource& source);
// How messages and project files show it: "PG:host=… dbname=… schema.table", no password.
std::string database_display_name(std::string_view source);

// libpq's connection words of a source: GDAL's own words (schemas, active_schema, tables) and the
// password left out, values quoted as libpq wants.
std::string libpq_connection(std::string_view source);
// The schema a bare table name lives in: GDAL's `active_schema=` or a single `schemas=`, else public.
std::string default_schema(std::string_view source);

// Whether a connection failure is the server asking for a password (none given, or a wrong one):
// the viewer then asks the user for one.
bool asks_for_password(std::string_view message);

// The schema and bare name of a `schema.table` ("public" when there is no schema).
struct TableName {
    std::string schema, name;
};
TableName split_table_name(std::string_view table, const std::string& schema = "public");

}  // namespace ca::model
