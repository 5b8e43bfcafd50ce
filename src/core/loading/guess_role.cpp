// Guessing a layer's role from its name, geometry and fields (DATA-CONTRACT.md, "Layers and roles").
#include <string>

#include "core/loading/load_project.hpp"
#include "core/model/text.hpp"

namespace ca::loading {
namespace {

using model::GeometryType;
using model::Meaning;
using model::Role;

bool contains_any(const std::string& text, std::initializer_list<const char*> words) {
    for (const char* w : words)
        if (text.find(w) != std::string::npos) return true;
    return false;
}

Role role_from_name(const std::string& key) {
    if (contains_any(key, {"township", "乡镇", "town"})) return Role::Townships;
    if (contains_any(key, {"pond", "reservoir", "cellar", "well", "塘", "水库", "水窖", "井"})) return Role::Ponds;
    if (contains_any(key, {"ditch", "pipe", "canal", "road", "line", "trough", "渠", "管", "路", "线"})) return Role::Lines;
    if (contains_any(key, {"site", "project", "项目"})) return Role::Sites;
    if (contains_any(key, {"village", "村"})) return Role::Villages;
    return Role::Unknown;
}

}  // namespace

bool role_fits_geometry(Role role, GeometryType geometry) {
    switch (role) {
        case Role::Villages:
        case Role::Townships: return geometry == GeometryType::Polygon;
        case Role::Lines: return geometry == GeometryType::Line;
        case Role::Ponds: return geometry == GeometryType::Point || geometry == GeometryType::Polygon;
        case Role::Sites: return geometry == GeometryType::Point || geometry == GeometryType::None;
        case Role::Dem: return false;  // a raster, never a vector layer
        case Role::Unknown: return true;
    }
    return false;
}

namespace {

// True when most features' kind values are water points (坝塘, 水窖, 水井...).
bool kinds_are_water_points(const model::Layer& layer) {
    if (!layer.mapping.has(Meaning::Kind) || layer.features.empty()) return false;
    std::size_t water = 0;
    for (const auto& f : layer.features) {
        const std::string kind = model::canonical_kind(model::to_text(layer.value(f, Meaning::Kind)));
        water += kind == "pond" || kind == "reservoir" || kind == "cellar" || kind == "well";
    }
    return water * 2 > layer.features.size();
}

}  // namespace

Role guess_role(const model::Layer& layer) {
    const GeometryType geometry = layer.dominant_geometry();
    const auto& m = layer.mapping;
    const Role by_name = role_from_name(model::fold_key(layer.name));
    if (by_name != Role::Unknown && role_fits_geometry(by_name, geometry)) return by_name;

    const bool village_stats = m.has(Meaning::Households) || m.has(Meaning::Population) ||
                               m.has(Meaning::PoorPopulation) || m.has(Meaning::PoorHouseholds);
    const bool project_fields = m.has(Meaning::ProjectType) || m.has(Meaning::ProjectName) || m.has(Meaning::Funds) ||
                                m.has(Meaning::BeneficiaryPeople);
    switch (geometry) {
        case GeometryType::Polygon:
            if (m.has(Meaning::VillageName) || m.has(Meaning::VillageCode) || village_stats) return Role::Villages;
            if (m.has(Meaning::Township) || m.has(Meaning::TownshipCode)) return Role::Townships;
            if (m.has(Meaning::Capacity)) return Role::Ponds;
            return Role::Villages;  // an unnamed polygon layer is most often the boundaries
        case GeometryType::Line: return Role::Lines;
        case GeometryType::Point:
            if (m.has(Meaning::Capacity) || kinds_are_water_points(layer)) return Role::Ponds;
            return Role::Sites;
        case GeometryType::None:
            return project_fields || m.has(Meaning::VillageName) ? Role::Sites : Role::Unknown;
    }
    return Role::Unknown;
}

}  // namespace ca::loading
