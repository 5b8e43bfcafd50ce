// The edits a user makes on the map and in the attribute table, as model::Edit values for the
// project's EditHistory: typed values checked, sites moved with their lon/lat columns.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/edit_history.hpp"
#include "core/model/project.hpp"

namespace ca::workspace {

// What the user typed into a cell of `field`, as the layer holds it: empty is NULL; a field
// whose meaning is a number (funds, households, year...) or whose values are numbers takes a
// number as people type it ("12.5", "12.5万", "1,200"), in the field's own unit (a 万元 column
// stores 12.5 for "12.5万" and for "125000元"). Throws ca::Error "FIELD: why; what to type".
model::Value typed_value(const model::Layer& layer, std::size_t field, std::string_view text);

// The field index of a meaning, or of a field named so (canonical meaning names too:
// "status", "funds_yuan"); -1 when the layer has neither.
int field_index(const model::Layer& layer, std::string_view name);

using FieldValues = std::vector<std::pair<std::size_t, model::Value>>;  // field index, value

// A new feature at the end of `layer`, at `lon_lat` (CGCS2000 degrees) for a point layer or a
// table with lon/lat columns (their cells are filled; a table without them places the row by its
// names). Values not given are NULL.
model::Edit add_point_edit(const model::Project& project, std::size_t layer, model::Vec2 lon_lat, const FieldValues& values);
// The point of a site or pond moved to `lon_lat`; a table row's lon/lat cells with it (in the
// web-map coordinates the layer was read in). Throws ca::Error when a table row has no lon/lat
// columns to hold a point.
model::Edit move_point_edit(const model::Project& project, std::size_t layer, std::size_t feature, model::Vec2 lon_lat);
// One vertex (an index into Geometry::coords) of a line or polygon moved; a polygon ring's
// closing vertex moves with its first.
model::Edit move_vertex_edit(const model::Project& project, std::size_t layer, std::size_t feature, std::size_t vertex, model::Vec2 lon_lat);
// These features removed (any order; duplicates ignored).
model::Edit delete_edit(const model::Project& project, std::size_t layer, std::vector<std::size_t> features);
// One field set to `value` in these features ("set status of 14 rows to 已完工").
model::Edit set_values_edit(const model::Project& project, std::size_t layer, const std::vector<std::size_t>& features, std::size_t field,
                            const model::Value& value);

// How the user names a feature in messages: "row 14" of a table, "feature 7" of other layers.
std::string feature_label(const model::Layer& layer, const model::Feature& feature);

}  // namespace ca::workspace
