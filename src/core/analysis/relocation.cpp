// Scoring poor villages for relocation from their terrain, their distance to roads and their poverty.
#include "core/analysis/relocation.hpp"

#include <algorithm>
#include <regex>

#include "core/analysis/metrics.hpp"
#include "core/analysis/nearest_features.hpp"
#include "core/analysis/triangulate.hpp"
#include "core/model/error.hpp"

namespace ca::analysis {
namespace {

// From a point inside each poor village to the nearest road, metres; none without roads (then
// `has_roads` is false).
std::vector<std::optional<double>> road_distances_m(const model::Project& project, const Statistics& stats, bool& has_roads) {
    GeosContext geos;
    const NearestFeatures roads(geos, project, model::Role::Lines, lines_of_kinds({"road"}));
    std::vector<std::optional<double>> distances(stats.villages.size());
    has_roads = !roads.empty();
    if (roads.empty()) return distances;
    std::size_t i = 0;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) {
            if (i < distances.size() && stats.villages[i].poor_villages > 0) {
                const model::Geometry centre = model::Geometry::point(point_inside(geos, f.geometry));
                distances[i] = roads.distance_m(geos.to_geos(projected(project, centre)).get());
            }
            ++i;
        }
    return distances;
}

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

}  // namespace

RelocationWeights parse_relocation_weights(const std::string& text) {
    RelocationWeights weights;
    static const std::regex kItem("\\s*(steep|altitude|road|poverty)\\s*=\\s*([0-9]*\\.?[0-9]+)\\s*");
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        std::smatch m;
        if (!std::regex_match(item, m, kItem))
            throw Error("--weights takes steep=N,altitude=N,road=N,poverty=N (any of them, N ≥ 0), not \"" + item + "\"");
        const double value = std::stod(m[2].str());
        const std::string name = m[1].str();
        (name == "steep" ? weights.steep : name == "altitude" ? weights.altitude : name == "road" ? weights.road : weights.poverty) = value;
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (weights.steep + weights.altitude + weights.road + weights.poverty <= 0) throw Error("--weights: at least one weight must be above 0");
    return weights;
}

RelocationRanking rank_relocation(const model::Project& project, const Statistics& stats, const RelocationWeights& weights) {
    RelocationRanking ranking;
    const auto roads = road_distances_m(project, stats, ranking.has_roads);
    // The scales: the county's lowest village (its basin) to the high altitude; the farthest poor village from a road.
    double lowest_m = stats.options.high_altitude_m, farthest_m = 0;
    for (std::size_t i = 0; i < stats.villages.size(); ++i) {
        if (const auto mean = metric_value(stats.villages[i], "elevation_mean_m")) lowest_m = std::min(lowest_m, *mean);
        if (roads[i]) farthest_m = std::max(farthest_m, *roads[i]);
    }
    const double altitude_span_m = stats.options.high_altitude_m - lowest_m;
    const double weight_sum = weights.steep + weights.altitude + weights.road + weights.poverty;
    for (std::size_t i = 0; i < stats.villages.size(); ++i) {
        const RegionStats& v = stats.villages[i];
        if (v.poor_villages == 0) continue;
        const auto mean = metric_value(v, "elevation_mean_m");
        if (!mean) {
            ++ranking.poor_without_terrain;
            continue;
        }
        RelocationCandidate c;
        c.village = i;
        c.steep_term = metric_value(v, "steep_share").value_or(0);
        c.altitude_term = altitude_span_m > 0 ? clamp01((*mean - lowest_m) / altitude_span_m) : (*mean >= stats.options.high_altitude_m ? 1 : 0);
        c.road_distance_m = roads[i];
        c.road_term = roads[i] && farthest_m > 0 ? clamp01(*roads[i] / farthest_m) : 0;
        c.poverty_term = clamp01(v.poverty_rate.value_or(0));
        c.score = (weights.steep * c.steep_term + weights.altitude * c.altitude_term + weights.road * c.road_term +
                   weights.poverty * c.poverty_term) / weight_sum;
        ranking.candidates.push_back(c);
    }
    std::stable_sort(ranking.candidates.begin(), ranking.candidates.end(),
                     [](const RelocationCandidate& a, const RelocationCandidate& b) { return a.score > b.score; });
    return ranking;
}

}  // namespace ca::analysis
