// Probes for pixel tests, computed with the same core code the map uses.
#include "support/village_probe.hpp"

#include <algorithm>

#include "core/analysis/triangulate.hpp"
#include "core/scene/build.hpp"

namespace ca::test {

std::vector<VillageProbe> largest_villages(const model::Project& project, std::size_t count) {
    analysis::GeosContext geos;
    const scene::VillagePalette palette(project);
    std::vector<std::pair<double, VillageProbe>> all;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) {
            model::Geometry g = f.geometry;
            project.working->forward(g.coords);
            auto h = geos.to_geos(g);
            double area = 0;
            GEOSArea_r(geos.handle(), h.get(), &area);
            all.push_back({area, {model::to_text(layer->value(f, model::Meaning::VillageName)), analysis::point_inside(geos, g), palette.color(*layer, f)}});
        }
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<VillageProbe> result;
    for (std::size_t i = 0; i < std::min(count, all.size()); ++i) result.push_back(all[i].second);
    return result;
}

}  // namespace ca::test
