// Default palettes and symbols.
#include "core/scene/style.hpp"

#include <array>
#include <cmath>
#include <map>
#include <string>

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

Color project_type_color(std::string_view type) {
    // Okabe-Ito: safe for the common colour-vision deficiencies.
    static const std::map<std::string, Color, std::less<>> kColors = {
        {"whole_village", {213, 94, 0, 255}},  {"relocation", {0, 114, 178, 255}}, {"industry", {0, 158, 115, 255}},
        {"microcredit", {230, 159, 0, 255}},   {"training", {204, 121, 167, 255}}, {"housing", {86, 180, 233, 255}},
        {"other", {90, 90, 90, 255}},
    };
    auto it = kColors.find(type);
    return it == kColors.end() ? kColors.at("other") : it->second;
}

Stroke line_style(std::string_view kind) {
    Stroke s;
    if (kind == "ditch") {
        s.color = {0, 114, 178, 255};
        s.width_px = 1.8f;
    } else if (kind == "pipeline") {
        s.color = {0, 158, 115, 255};
        s.width_px = 1.6f;
        s.dash_px = {6, 3};
    } else if (kind == "u_trough") {
        s.color = {86, 180, 233, 255};
        s.width_px = 2.4f;
    } else if (kind == "road") {
        s.color = {140, 90, 50, 255};
        s.width_px = 1.4f;
    } else if (kind == "power") {
        s.color = {204, 121, 167, 255};
        s.width_px = 1.2f;
        s.dash_px = {2, 3};
    } else {
        s.color = {90, 90, 90, 255};
        s.width_px = 1.2f;
    }
    return s;
}

Marker pond_marker(std::string_view kind) {
    Marker m;
    m.shape = MarkerShape::Square;
    m.color = {0, 90, 160, 255};
    m.size_px = kind == "pond" || kind == "reservoir" ? 9.0f : 5.0f;
    if (kind == "well") m.shape = MarkerShape::Triangle;
    return m;
}

}  // namespace ca::scene::style
