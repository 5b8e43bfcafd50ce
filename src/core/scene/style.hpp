// The default look of each role: colours chosen to be told apart by colour-blind readers and
// to survive printing in grey (Okabe & Ito 2008 for categories, pale tints for areas).
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "core/scene/scene.hpp"

namespace ca::scene::style {

// How one canonical infrastructure kind or project type is drawn. The one table of these
// (symbols()) is read by the scene, its legend and through them both back-ends: within a group
// no two rows share shape, colour and dash, and every colour but the fallbacks' grey is an
// Okabe-Ito colour.
struct Symbol {
    enum class Group { PointWork, LineWork, ProjectType };
    std::string_view key;  // canonical kind ("pond", "ditch"...) or project type ("whole_village"...)
    Group group;
    Color color;
    MarkerShape shape = MarkerShape::Circle;  // point works and project sites
    float size_px = 7;                        // markers: width; lines: stroke width
    std::array<float, 2> dash_px{0, 0};       // lines: on and off lengths; {0, 0} solid
};
std::span<const Symbol> symbols();
// The row for `key` in `group`; the group's fallback row (grey) for a key the table lacks.
const Symbol& symbol_of(std::string_view key, Symbol::Group group);

// The eight colours of Okabe & Ito (2008), the categorical palette above.
std::span<const Color> okabe_ito();

// A pale, distinct tint for area i of a categorical map (townships): light enough for labels.
Color area_tint(std::size_t i);
// Site colour by canonical project type ("whole_village", ...).
Color project_type_color(std::string_view type);
// Line colour, width and dash by canonical infrastructure kind ("ditch", ...).
Stroke line_style(std::string_view kind);
// Marker of a point work by canonical kind ("pond", "cellar", "well"...).
Marker pond_marker(std::string_view kind);
// The legend's symbol for a marker shape.
LegendEntry::Kind legend_kind(MarkerShape shape);

// Class i of n on the sequential yellow-orange-red ramp (ColorBrewer YlOrRd, safe for colour-blind
// readers and in grey print): light for low values, dark red for high.
Color sequential(std::size_t i, std::size_t n);
// LISA cluster classes: High-High red, Low-Low blue, High-Low and Low-High pale, others grey.
Color lisa_color(std::string_view cluster);

inline constexpr Color kVillageBorder{255, 255, 255, 255};
// Township borders lie above the village borders, darker and thicker, whether from a township
// layer or dissolved from the villages.
inline constexpr Color kTownshipBorder{70, 70, 70, 255};
inline constexpr float kVillageBorderPx = 0.8f;
inline constexpr float kTownshipBorderPx = 1.8f;
inline constexpr Color kTownshipLabel{20, 20, 20, 255};
inline constexpr float kTownshipLabelPx = 17;  // village names are 14
// The legend's swatch for hollow (planned) sites: the hollowness matters there, not the colour.
inline constexpr Color kPlanSymbol{70, 70, 70, 255};
// Uncovered poor villages: those the plan reaches outlined dashed in blue (Okabe-Ito), those it
// still misses in solid red, both above every border so neither hides under a township's.
inline constexpr Color kReachedByPlan{0, 114, 178, 255};
inline constexpr Color kStillMissed{213, 0, 0, 255};
inline constexpr float kUncoveredOutlinePx = 2.6f;
inline constexpr float kReachedDash[2] = {7, 4};

}  // namespace ca::scene::style
