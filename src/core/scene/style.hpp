// The default look of each role: colours chosen to be told apart by colour-blind readers and
// to survive printing in grey (Okabe & Ito 2008 for categories, pale tints for areas).
#pragma once

#include <string_view>

#include "core/scene/scene.hpp"

namespace ca::scene::style {

// A pale, distinct tint for area i of a categorical map (townships): light enough for labels.
Color area_tint(std::size_t i);
// Site colour by canonical project type ("whole_village", ...).
Color project_type_color(std::string_view type);
// Line colour, width and dash by canonical infrastructure kind ("ditch", ...).
Stroke line_style(std::string_view kind);
// Pond marker by canonical kind ("pond", "cellar", "well"...).
Marker pond_marker(std::string_view kind);

// Class i of n on the sequential yellow-orange-red ramp (ColorBrewer YlOrRd, safe for colour-blind
// readers and in grey print): light for low values, dark red for high.
Color sequential(std::size_t i, std::size_t n);
// LISA cluster classes: High-High red, Low-Low blue, High-Low and Low-High pale, others grey.
Color lisa_color(std::string_view cluster);

inline constexpr Color kVillageBorder{255, 255, 255, 255};
inline constexpr Color kTownshipBorder{70, 70, 70, 255};
inline constexpr float kVillageBorderPx = 0.8f;
inline constexpr float kTownshipBorderPx = 1.8f;

}  // namespace ca::scene::style
