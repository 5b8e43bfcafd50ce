// The map as plain data in paint order, for any back-end: OpenGL in the viewer, Cairo in print.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/model/dem.hpp"
#include "core/model/geometry.hpp"
#include "core/scene/hillshade.hpp"

namespace ca::scene {

struct Color {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    friend bool operator==(const Color&, const Color&) = default;
};

enum class MarkerShape { Circle, Square, Triangle };

// Geometries here are in the working CRS, metres.
struct Fill {
    model::Geometry shape_m;  // polygons
    Color color;
};
struct Stroke {
    model::Geometry shape_m;  // lines, or polygon rings drawn as outlines
    Color color;
    float width_px = 1;
    std::vector<float> dash_px;  // on/off lengths; empty for solid
    // Set: the outline of the Fill at this index of Scene::items, whose shape is used instead of
    // shape_m (a province's village borders would otherwise double the scene's memory).
    std::optional<std::size_t> outline_of;
    int legend = -1;  // the Scene::legend entry this line stands for; -1: none (borders)
};
struct Marker {
    model::Vec2 position_m;
    Color color;
    float size_px = 6;
    MarkerShape shape = MarkerShape::Circle;
    int legend = -1;  // the Scene::legend entry this symbol stands for; -1: none
    // A planned project: the shape's outline in the colour around a white inside, so plans and
    // existing projects of one type tell apart in colour and in black-and-white print.
    bool hollow = false;
};
using Item = std::variant<Fill, Stroke, Marker>;

// A name on the map. Back-ends place labels last, highest priority first, dropping any that
// would overlap one already placed.
struct Label {
    std::string text;
    model::Vec2 anchor_m;  // the label's centre
    float size_px = 13;
    int priority = 0;  // lower first: 0 townships, 1 villages
    Color color{40, 40, 40, 255};
};

struct LegendEntry {
    std::string key;  // canonical value ("ditch", "whole_village") or a class range; model::display_name gives the label
    Color color;
    enum class Kind { Area, Line, Point, Square, Triangle } kind = Kind::Area;
    int count = -1;  // features in the class, for choropleth classes; -1 otherwise
    bool hollow = false;  // a point swatch drawn as Marker::hollow draws it
    bool dashed = false;  // a line swatch drawn dashed
};

struct Scene {
    model::Extent extent_m;
    std::vector<Item> items;  // paint order: first drawn first
    std::vector<Label> labels;
    std::vector<LegendEntry> legend;
    std::string legend_title;  // the choropleth's metric, when there is one
    Color background{246, 244, 238, 255};
    // The DEM's elevations under the map, shaded with terrain_style and multiplied into the fills
    // before any stroke is drawn (see terrain_position). Filled in by whoever can read the DEM
    // (app, print): scene::build leaves it empty. Null: no hillshade.
    std::shared_ptr<const model::ElevationGrid> terrain;
    TerrainStyle terrain_style;

    // Where the hillshade goes in paint order: before the first item that is not a Fill, so it
    // shades the village fills and never a border, line or symbol.
    std::size_t terrain_position() const {
        std::size_t i = 0;
        while (i < items.size() && std::holds_alternative<Fill>(items[i])) ++i;
        return i;
    }

    const model::Geometry& shape_of(const Stroke& stroke) const {
        return stroke.outline_of ? std::get<Fill>(items[*stroke.outline_of]).shape_m : stroke.shape_m;
    }
};

// A window or page onto the map: which ground point sits at the centre and at what scale.
// Pixel y grows downwards, northing upwards.
struct Viewport {
    model::Vec2 centre_m;
    double m_per_px = 1;
    int width_px = 1;
    int height_px = 1;

    model::Vec2 to_px(model::Vec2 m) const {
        return {(m.x - centre_m.x) / m_per_px + width_px / 2.0, height_px / 2.0 - (m.y - centre_m.y) / m_per_px};
    }
    model::Vec2 to_m(model::Vec2 px) const {
        return {centre_m.x + (px.x - width_px / 2.0) * m_per_px, centre_m.y - (px.y - height_px / 2.0) * m_per_px};
    }
    // The whole extent in view with `margin_px` free on every side.
    static Viewport fit(const model::Extent& extent_m, int width_px, int height_px, double margin_px = 16);
};

}  // namespace ca::scene
