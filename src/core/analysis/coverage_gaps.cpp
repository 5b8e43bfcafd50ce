// Distances from uncovered poor villages to the nearest site and water line, through prepared GEOS geometries.
#include "core/analysis/coverage_gaps.hpp"

#include <algorithm>

#include "core/analysis/nearest_features.hpp"

namespace ca::analysis {
namespace {

std::optional<double> nearer(const std::optional<double>& a, const std::optional<double>& b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

}  // namespace

std::vector<CoverageGap> coverage_gaps(const model::Project& project, const Statistics& stats) {
    GeosContext geos;
    const StatsOptions& options = stats.options;
    const NearestFeatures sites(geos, project, model::Role::Sites,
                         [&options](const model::Layer& layer, const model::Feature& f) { return site_covers(options, layer, f); });
    const NearestFeatures pipelines(geos, project, model::Role::Lines, lines_of_kinds({"pipeline"}));
    const NearestFeatures ditches(geos, project, model::Role::Lines, lines_of_kinds({"ditch", "u_trough"}));

    std::vector<const model::Feature*> village_features;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) village_features.push_back(&f);

    std::vector<CoverageGap> gaps;
    for (std::size_t i = 0; i < stats.villages.size(); ++i) {
        const auto& row = stats.villages[i];
        if (row.poor_villages == 0 || row.covered_poor_villages > 0) continue;
        const Geom village = geos.to_geos(projected(project, village_features[i]->geometry));
        CoverageGap gap{i, sites.distance_m(village.get()), pipelines.distance_m(village.get()), ditches.distance_m(village.get()), {}};
        gap.nearest_water_line_m = nearer(gap.nearest_pipeline_m, gap.nearest_ditch_m);
        gaps.push_back(gap);
    }
    return gaps;
}

}  // namespace ca::analysis
