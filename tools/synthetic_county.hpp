// A synthetic county modelled on the one in ../shared/DOMAIN.md: townships, villages with
// irregular shared borders (one in two parts, one enclave), project sites, lines and ponds.
// Deterministic for a seed on every platform (no std:: distributions, whose output varies).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/geometry.hpp"

namespace ca::tools {

struct SyntheticVillage {
    std::string name, code, township, township_code;
    model::Geometry shape_m;  // working CRS metres
    int households = 0, population = 0, poor_households = 0, poor_population = 0;
    double income_per_capita = 0;
};

struct SyntheticSite {
    model::Vec2 position_m;
    std::string project_name, project_type, batch, status, township, village_name;
    int year = 0, beneficiary_households = 0, beneficiary_people = 0;
    double funds_yuan = 0;
};

struct SyntheticLine {
    model::Geometry shape_m;
    std::string name, kind;
    int year = 0;
};

struct SyntheticPond {
    model::Vec2 position_m;
    std::string name, kind;
    double capacity_m3 = 0;
    int year = 0;
};

struct SyntheticCounty {
    std::vector<SyntheticVillage> villages;
    std::vector<std::pair<std::string, model::Geometry>> townships;  // name, shape_m
    std::vector<SyntheticSite> sites;
    std::vector<SyntheticLine> lines;
    std::vector<SyntheticPond> ponds;
};

struct SyntheticOptions {
    std::uint64_t seed = 2011;
    model::Vec2 centre_m;        // the county seat, in the working CRS
    double radius_m = 36000;     // ~4,000 km², like the county of DOMAIN.md
    double village_spacing_m = 5600;
};

SyntheticCounty make_county(const SyntheticOptions& options);

// How mountainous the land is at `p` (working CRS metres): 0 in the county seat's valley, up to
// 0.95 in the remote 乡; the townships' own factor (the one that drives their poverty), blended
// between their seats so the terrain and the poverty tell the same story.
double mountain_factor(const SyntheticOptions& options, model::Vec2 p);

}  // namespace ca::tools
