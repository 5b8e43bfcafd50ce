// A loaded vector layer: its features in lon/lat, fields, role and what loading had to fix.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model/fields.hpp"
#include "core/model/geometry.hpp"
#include "core/model/problems.hpp"
#include "core/model/value.hpp"

namespace ca::model {

// Dem is a raster's role (model::Dem, Project::dem): no Layer holds it.
enum class Role { Unknown, Villages, Townships, Sites, Lines, Ponds, Dem };

const char* to_string(Role role);
Role role_from_string(std::string_view name);  // Role::Unknown for a name it does not know
// Whether a field meaning is read for layers of this role (a sites layer has no "kind").
bool meaning_applies(Role role, Meaning meaning);

// A path's last part, the name users know a file by ("村界.shp"): every message names files so.
std::string file_name(const std::string& path);

struct Feature {
    std::int64_t fid = 0;  // the source's feature id, or the row number of a table
    Geometry geometry;     // lon/lat degrees on CGCS2000 (EPSG:4490)
    std::vector<Value> values;  // one per Layer::field_names
};

// What loading met and did, counted so nothing is dropped silently.
struct LoadCounts {
    std::size_t repaired = 0;          // invalid geometries made valid
    std::size_t empty_skipped = 0;     // NULL or empty geometries left out of a geometry layer
    std::size_t without_geometry = 0;  // table rows kept without a location (placed by name later)
    std::size_t from_lon_lat = 0;      // points built from lon/lat columns
    std::size_t unusable_skipped = 0;  // NaN, infinite or out-of-range coordinates left out
};

struct CrsInfo {
    std::string name;  // "CGCS2000 / 3-degree Gauss-Kruger zone 34"
    int epsg = 0;      // 0 when the CRS has no EPSG code
    std::string how;   // "declared in the file", "--assume-crs", "guessed: ..."
    bool missing = false;  // the source declares none and none is decided yet: coordinates are raw
};

// The source file as it was when read (or last saved): a file changed on disk since, by someone
// else, is detected before a save overwrites it.
struct SourceStamp {
    std::uintmax_t size = 0;
    std::int64_t modified_ns = 0;  // last modification, nanoseconds since the epoch
    bool known = false;            // false: not a plain file (a folder, a database)
    bool operator==(const SourceStamp&) const = default;
};
// The stamp of the file at `path` now (known = false when there is no such regular file).
SourceStamp stamp_of(const std::string& path);

// The parts of one feature an edit touched.
struct EditedParts {
    std::set<std::size_t> fields;  // indices into Layer::field_names
    bool geometry = false;
    // The feature as read, before its first edit (none for one added here): what a save to a
    // shared database checks the table still holds (its row version).
    std::optional<Feature> as_read;
};

struct Layer {
    std::string source_path;
    std::string name;
    std::string driver;          // GDAL's short name: "GPKG", "ESRI Shapefile"...
    std::string encoding;        // how text was decoded, e.g. "UTF-8", "GBK (.cpg)"
    std::string geometry_type;   // as the source declares it: "Multi Polygon", "Point", "None"
    bool fids_are_rows = false;  // feature ids are the row numbers a spreadsheet or CSV shows
    CrsInfo source_crs;
    std::string web_map_offsets;  // "gcj02" or "bd09" when points and lines were converted from them on loading
    Role role = Role::Unknown;
    bool role_given = false;     // true when the user named the role
    std::vector<std::string> field_names;  // UTF-8
    FieldMapping mapping;
    std::vector<Feature> features;
    // Read as its fields alone: its rows stay in the database and are counted there (a PostGIS
    // table given to a command that counts on the server); `features` is empty.
    bool rows_on_server = false;
    LoadCounts counts;
    ProblemLog problems;         // what reading decided and met; loading moves it to the project's log
    SourceStamp source_stamp;    // of source_path when read
    // What was edited since the source was read or saved, by fid (added features have ids below 0,
    // see new_feature_id; a removed one's id is here and no longer among the features): a save
    // writes these parts only, so every other cell stays as written.
    std::map<std::int64_t, EditedParts> edited;

    std::string file_name() const;             // of source_path, without folders: how users name it
    Extent extent() const;                     // lon/lat of all features
    GeometryType dominant_geometry() const;    // the type most features have
    const Value& value(const Feature& f, Meaning m) const;  // NULL when the field is absent
};

}  // namespace ca::model
