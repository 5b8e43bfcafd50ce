// Default palettes and symbols.
#include "core/scene/style.hpp"

#include <array>
#include <cmath>

namespace ca::scene::style {

Color area_tint(std::size_t i) {
    // Twelve pale tints, ordered so neighbours in the list differ in hue as much as possible.
    static constexpr std::array<Color, 12> kTints = {{
        {244, 222, 186, 255}, {200, 226, 204, 255}, {214, 214, 240, 255}, {246, 206, 206, 255},
        {204, 228, 240, 255}, {236, 236, 196, 255}, {226, 206, 228, 255}, {206, 236, 226, 255},
        {240, 218, 206, 255}, {218, 232, 196, 255}, {222, 222, 222, 255}, {236, 212, 226, 255},
    }};
    return kTints[i % kTints.size()];
}

Color sequential(std::size_t i, std::size_t n) {
    static constexpr std::array<Color, 9> kYlOrRd = {{
        {255, 255, 204, 255}, {255, 237, 160, 255}, {254, 217, 118, 255}, {254, 178, 76, 255}, {253, 141, 60, 255},
        {252, 78, 42, 255},   {227, 26, 28, 255},   {189, 0, 38, 255},    {128, 0, 38, 255},
    }};
    if (n <= 1) return kYlOrRd[4];
    // Spread the classes over the ramp, skipping its palest step when there are few.
    const double first = n <= 5 ? 1 : 0;
    const double t = first + (8 - first) * static_cast<double>(i) / static_cast<double>(n - 1);
    return kYlOrRd[static_cast<std::size_t>(std::lround(t))];
}

Color lisa_color(std::string_view cluster) {
    if (cluster == "HH") return {215, 25, 28, 255};
    if (cluster == "LL") return {44, 123, 182, 255};
    if (cluster == "HL") return {253, 174, 97, 255};
    if (cluster == "LH") return {171, 217, 233, 255};
    return {225, 225, 225, 255};
}

namespace {

using Group = Symbol::Group;
// Okabe & Ito (2008), "Color Universal Design": told apart under the common colour-vision
// deficiencies, and by lightness in grey print.
constexpr Color kOrange{230, 159, 0, 255}, kSkyBlue{86, 180, 233, 255}, kBluishGreen{0, 158, 115, 255}, kYellow{240, 228, 66, 255},
    kBlue{0, 114, 178, 255}, kVermillion{213, 94, 0, 255}, kReddishPurple{204, 121, 167, 255}, kBlack{0, 0, 0, 255};
constexpr std::array<Color, 8> kOkabeIto = {kOrange, kSkyBlue, kBluishGreen, kYellow, kBlue, kVermillion, kReddishPurple, kBlack};
constexpr Color kGrey{90, 90, 90, 255};

// Point works are squares and triangles, so they never read as a project site (a circle); sites
// differ by colour. The last row of each group is its fallback.
constexpr std::array<Symbol, 18> kSymbols = {{
    {"pond", Group::PointWork, kBlue, MarkerShape::Square, 9},
    {"reservoir", Group::PointWork, kSkyBlue, MarkerShape::Square, 11},
    {"cellar", Group::PointWork, kBluishGreen, MarkerShape::Triangle, 8},
    {"well", Group::PointWork, kBlue, MarkerShape::Triangle, 8},
    {"", Group::PointWork, kGrey, MarkerShape::Square, 7},
    {"ditch", Group::LineWork, kBlue, MarkerShape::Circle, 1.8f},
    {"pipeline", Group::LineWork, kBluishGreen, MarkerShape::Circle, 1.6f, {6, 3}},
    {"u_trough", Group::LineWork, kSkyBlue, MarkerShape::Circle, 2.4f},
    {"road", Group::LineWork, kOrange, MarkerShape::Circle, 1.4f},
    {"power", Group::LineWork, kReddishPurple, MarkerShape::Circle, 1.2f, {2, 3}},
    {"", Group::LineWork, kGrey, MarkerShape::Circle, 1.2f},
    {"whole_village", Group::ProjectType, kVermillion},
    {"relocation", Group::ProjectType, kBlue},
    {"industry", Group::ProjectType, kBluishGreen},
    {"microcredit", Group::ProjectType, kOrange},
    {"training", Group::ProjectType, kReddishPurple},
    {"housing", Group::ProjectType, kSkyBlue},
    {"other", Group::ProjectType, kGrey},
}};

}  // namespace

std::span<const Symbol> symbols() { return kSymbols; }

std::span<const Color> okabe_ito() { return kOkabeIto; }

const Symbol& symbol_of(std::string_view key, Symbol::Group group) {
    const Symbol* fallback = nullptr;
    for (const auto& s : symbols()) {
        if (s.group != group) continue;
        if (s.key == key) return s;
        fallback = &s;  // the group's last row
    }
    return *fallback;
}

Color project_type_color(std::string_view type) { return symbol_of(type, Group::ProjectType).color; }

Stroke line_style(std::string_view kind) {
    const Symbol& symbol = symbol_of(kind, Group::LineWork);
    Stroke s;
    s.color = symbol.color;
    s.width_px = symbol.size_px;
    if (symbol.dash_px[0] > 0) s.dash_px = {symbol.dash_px[0], symbol.dash_px[1]};
    return s;
}

Marker pond_marker(std::string_view kind) {
    const Symbol& symbol = symbol_of(kind, Group::PointWork);
    Marker m;
    m.shape = symbol.shape;
    m.color = symbol.color;
    m.size_px = symbol.size_px;
    return m;
}

LegendEntry::Kind legend_kind(MarkerShape shape) {
    switch (shape) {
        case MarkerShape::Square: return LegendEntry::Kind::Square;
        case MarkerShape::Triangle: return LegendEntry::Kind::Triangle;
        case MarkerShape::Circle: break;
    }
    return LegendEntry::Kind::Point;
}

}  // namespace ca::scene::style
