// Asking the server's catalogue about a table.
#include "core/postgis/server_tables.hpp"

#include "core/model/database_source.hpp"
#include "core/model/error.hpp"

namespace ca::postgis {

ServerTable describe_table(Connection& db, const model::Layer& layer) {
    const model::TableName t = model::split_table_name(layer.name, model::default_schema(layer.source_path));
    ServerTable table{quote_identifier(t.schema) + "." + quote_identifier(t.name), {}, {}, {}, t.schema, t.name};
    const Result geom = db.exec("SELECT f_geometry_column, type FROM geometry_columns WHERE f_table_schema = $1 AND f_table_name = $2", {t.schema, t.name});
    if (geom.rows() > 0) {
        table.geom = quote_identifier(geom.text(0, 0));
        table.geom_type = geom.text(0, 1);
    }
    const Result key = db.exec(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
        "WHERE i.indrelid = $1::regclass AND i.indisprimary",
        {table.name});
    if (key.rows() != 1) throw Error("the table has no one-column primary key to name its rows by").file(layer.file_name()).layer(layer.name);
    table.fid = quote_identifier(key.text(0, 0));
    return table;
}

std::string column_of(const model::Layer& layer, model::Meaning meaning) {
    const int index = layer.mapping.index(meaning);
    return index < 0 ? "NULL" : quote_identifier(layer.field_names[static_cast<std::size_t>(index)]);
}

bool is_number_column(Connection& db, const ServerTable& table, const model::Layer& layer, model::Meaning meaning) {
    const int index = layer.mapping.index(meaning);
    if (index < 0) return true;  // absent: summed as nothing
    const Result type = db.exec("SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3",
                                {table.schema, table.bare, layer.field_names[static_cast<std::size_t>(index)]});
    if (type.rows() == 0) return false;
    const std::string_view t = type.text(0, 0);
    return t == "smallint" || t == "integer" || t == "bigint" || t == "numeric" || t == "real" || t == "double precision";
}

}  // namespace ca::postgis
