// Writing a table of values (with polygons, points or no geometry) to any GDAL vector format:
// GeoPackage, XLSX...
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/geometry.hpp"
#include "core/model/layer.hpp"
#include "core/model/value.hpp"

namespace ca::io {

enum class ColumnType { Text, Integer, Real };

struct Column {
    std::string name;
    ColumnType type = ColumnType::Real;
};

struct TableRow {
    std::vector<model::Value> values;        // one per column; NULL where empty
    std::optional<model::Geometry> polygon;  // lon/lat, CGCS2000; written only when the table has geometry
};

// Writes one layer named `layer` with the GDAL driver ("GPKG", "XLSX", "CSV"...). With
// `with_geometry` the layer holds multipolygons in EPSG:4490. Written to a temporary file beside
// `path`, then renamed: a failure leaves no partial file and the previous file untouched.
void write_table(const std::string& path, const std::string& driver, const std::string& layer, const std::vector<Column>& columns,
                 const std::vector<TableRow>& rows, bool with_geometry);

struct PointRow {
    std::vector<model::Value> values;     // one per column; NULL where empty
    std::optional<model::Vec2> lonlat;    // CGCS2000; none: the row is written with a NULL geometry
};

// The same for a layer of points in EPSG:4490 (lon/lat), written as safely.
void write_points(const std::string& path, const std::string& driver, const std::string& layer, const std::vector<Column>& columns,
                  const std::vector<PointRow>& rows);

// The same table into a PostGIS database ("PG:host=… dbname=…") as `table` ("schema.table"),
// replacing one of that name, in one transaction; geometry column `geom`, EPSG:4490, GiST index.
void write_database_table(const std::string& database, const std::string& table, const std::vector<Column>& columns,
                          const std::vector<TableRow>& rows, bool with_geometry);

// "Save as GeoPackage": whole layers (their fields typed from their values, their geometries in
// EPSG:4490) into one GeoPackage under these names, with the project (a .cap.json text, its layer
// paths the GeoPackage's own name) in the table kEmbeddedProjectTable, so the one file opens as
// it was shown. Written as safely as write_table.
inline constexpr const char* kEmbeddedProjectTable = "countyatlas_project";
// What the loader judged of a county published to PostGIS (postgis::publish_project): not data.
inline constexpr const char* kLoadNotesTable = "countyatlas_load_notes";
struct NamedLayer {
    std::string name;
    const model::Layer* layer = nullptr;
};
void write_geopackage(const std::string& path, const std::vector<NamedLayer>& layers, const std::string& project_json);
// The project text a GeoPackage written so holds; none for other files.
std::optional<std::string> read_embedded_project(const std::string& path);

}  // namespace ca::io
