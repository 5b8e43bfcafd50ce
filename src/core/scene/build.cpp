// Scene building: one pass per role, in paint order.
#include "core/scene/build.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/scene/style.hpp"

namespace ca::scene {
namespace {

using model::Meaning;
using model::Role;

model::Geometry projected(const model::Project& project, const model::Geometry& lonlat) {
    model::Geometry g = lonlat;
    project.working->forward(g.coords);
    return g;
}

std::vector<std::string> township_names(const model::Project& project) {
    std::set<std::string> names;
    for (const auto* layer : project.layers_with(Role::Villages))
        for (const auto& f : layer->features) names.insert(model::to_text(layer->value(f, Meaning::Township)));
    return {names.begin(), names.end()};
}

std::string text_of(const model::Layer& layer, const model::Feature& f, Meaning m) {
    return model::to_text(layer.value(f, m));
}

void add_villages(const model::Project& project, Scene& scene) {
    const VillagePalette palette(project);
    for (const auto* layer : project.layers_with(Role::Villages)) {
        for (const auto& f : layer->features)
            scene.items.push_back(Fill{projected(project, f.geometry), palette.color(*layer, f)});
        for (const auto& f : layer->features)
            scene.items.push_back(Stroke{projected(project, f.geometry), style::kVillageBorder, style::kVillageBorderPx, {}});
    }
}

void add_townships(const model::Project& project, Scene& scene) {
    for (const auto* layer : project.layers_with(Role::Townships))
        for (const auto& f : layer->features)
            scene.items.push_back(Stroke{projected(project, f.geometry), style::kTownshipBorder, style::kTownshipBorderPx, {}});
}

void add_lines(const model::Project& project, Scene& scene, std::set<std::string>& kinds_seen) {
    for (const auto* layer : project.layers_with(Role::Lines))
        for (const auto& f : layer->features) {
            const std::string kind = model::canonical_kind(text_of(*layer, f, Meaning::Kind));
            kinds_seen.insert(kind);
            Stroke s = style::line_style(kind);
            s.shape_m = projected(project, f.geometry);
            scene.items.push_back(std::move(s));
        }
}

}  // namespace

VillagePalette::VillagePalette(const model::Project& project) : m_townships(township_names(project)) {}

Color VillagePalette::color(const model::Layer& villages, const model::Feature& village) const {
    const std::string township = text_of(villages, village, Meaning::Township);
    const auto it = std::lower_bound(m_townships.begin(), m_townships.end(), township);
    return style::area_tint(static_cast<std::size_t>(it - m_townships.begin()));
}

Scene build(const model::Project& project) {
    Scene scene;
    if (!project.working) return scene;
    model::Extent lonlat = project.extent();
    if (!lonlat.empty()) {
        std::vector<model::Vec2> corners = {{lonlat.min_x, lonlat.min_y}, {lonlat.max_x, lonlat.min_y},
                                            {lonlat.min_x, lonlat.max_y}, {lonlat.max_x, lonlat.max_y},
                                            {lonlat.centre().x, lonlat.min_y}, {lonlat.centre().x, lonlat.max_y}};
        project.working->forward(corners);
        for (const auto& c : corners) scene.extent_m.add(c);
    }

    add_villages(project, scene);
    add_townships(project, scene);
    std::set<std::string> kinds_seen;
    add_lines(project, scene, kinds_seen);

    std::set<std::string> pond_kinds;
    for (const auto* layer : project.layers_with(Role::Ponds)) {
        // Ponds drawn as points at their place; polygon ponds at their vertices' centre.
        for (const auto& f : layer->features) {
            std::string kind = model::canonical_kind(text_of(*layer, f, Meaning::Kind));
            if (kind.empty()) kind = "pond";
            pond_kinds.insert(kind);
            Marker m = style::pond_marker(kind);
            model::Geometry g = projected(project, f.geometry);
            const auto e = g.extent();
            m.position_m = f.geometry.type == model::GeometryType::Point ? g.coords.front() : e.centre();
            scene.items.push_back(m);
        }
    }

    std::set<std::string> types_seen;
    for (const auto* layer : project.layers_with(Role::Sites))
        for (const auto& f : layer->features) {
            if (f.geometry.empty()) continue;  // placed by name in statistics, not drawn
            const std::string type = model::canonical_project_type(text_of(*layer, f, Meaning::ProjectType));
            types_seen.insert(type);
            Marker m;
            m.color = style::project_type_color(type);
            m.size_px = 7;
            model::Geometry g = projected(project, f.geometry);
            for (const auto& p : g.coords) {
                m.position_m = p;
                scene.items.push_back(m);
            }
        }

    for (const auto& kind : kinds_seen) {
        const Stroke s = style::line_style(kind);
        scene.legend.push_back({kind, s.color, LegendEntry::Kind::Line});
    }
    for (const auto& kind : pond_kinds)
        scene.legend.push_back({kind, style::pond_marker(kind).color, LegendEntry::Kind::Square});
    for (const auto& type : types_seen)
        scene.legend.push_back({type, style::project_type_color(type), LegendEntry::Kind::Point});
    return scene;
}

}  // namespace ca::scene
