// Looking at exported pages: where a lon/lat point lands on a page (from the export's JSON report
// of its map frame), and whether a pixel has a colour.
#pragma once

#include <nlohmann/json.hpp>

#include "core/model/geometry.hpp"
#include "core/scene/scene.hpp"
#include "support/fixtures.hpp"

namespace ca::test {

// The page pixel of a lon/lat point, for a map drawn in EPSG:4543 (the tests' Gauss-Kruger zone).
model::Vec2 on_page(const nlohmann::json& report, double lon, double lat);
// Whether `got` is `want` within `tolerance` per channel.
bool is(const Rgb& got, scene::Color want, int tolerance = 12);

}  // namespace ca::test
