// GCJ-02 and BD-09, the offset coordinates of Chinese web maps, back to WGS84.
#pragma once

#include <optional>
#include <string_view>

#include "core/model/geometry.hpp"

namespace ca::io {

enum class WebMapCoords { Wgs84, Gcj02, Bd09 };

std::optional<WebMapCoords> web_map_coords_from_string(std::string_view name);  // "gcj02", "bd09"

// The published GCJ-02 obfuscation (forward) and its numerical inverse. Outside China the
// offset is not applied, as web maps do.
model::Vec2 wgs84_to_gcj02(model::Vec2 lonlat);
model::Vec2 gcj02_to_wgs84(model::Vec2 lonlat);
model::Vec2 gcj02_to_bd09(model::Vec2 lonlat);
model::Vec2 bd09_to_gcj02(model::Vec2 lonlat);
model::Vec2 to_wgs84(model::Vec2 lonlat, WebMapCoords from);

}  // namespace ca::io
