// Candidates for ex situ relocation (易地扶贫搬迁): poor villages ranked by how little their land
// can support them. The score and its terms are documented in README.md ("Relocation candidates").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/analysis/statistics.hpp"

namespace ca::analysis {

// How much each term counts; the score divides by their sum, so only their ratios matter.
struct RelocationWeights {
    double steep = 0.35, altitude = 0.25, road = 0.20, poverty = 0.20;
};
// "steep=0.4,road=0.1": the named weights changed, the others kept. Throws ca::Error on a bad list.
RelocationWeights parse_relocation_weights(const std::string& text);

struct RelocationCandidate {
    std::size_t village = 0;  // index into Statistics::villages
    double score = 0;         // 0..1: Σ weight × term / Σ weights
    // Each term 0..1, higher = more reason to move:
    double steep_term = 0;     // the share of the village's land steeper than 25°
    double altitude_term = 0;  // mean elevation from the county's lowest village mean (0) to --high-altitude (1)
    double road_term = 0;      // distance from a point inside the village to the nearest road, over the farthest poor village's
    double poverty_term = 0;   // the poverty rate (0 when the village has none: poor by income alone)
    std::optional<double> road_distance_m;  // none without roads
};

struct RelocationRanking {
    std::vector<RelocationCandidate> candidates;  // highest score first; ties keep the layer's order
    std::size_t poor_without_terrain = 0;         // poor villages the DEM does not cover: left out
    bool has_roads = false;                        // some line of kind road (else every road term is 0)
};

// Every poor village with terrain figures (statistics counted with StatsOptions::village_terrain),
// scored. Road distances are from a point inside each village (GEOS point on surface) to the
// nearest line of kind `road`, in the working CRS. Without roads the road term is 0 for all.
RelocationRanking rank_relocation(const model::Project& project, const Statistics& stats, const RelocationWeights& weights);

}  // namespace ca::analysis
