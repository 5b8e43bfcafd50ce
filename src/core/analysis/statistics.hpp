// Township and village statistics of ../shared/DATA-CONTRACT.md ("countyatlas stats").
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/project.hpp"

namespace ca::analysis {

struct StatsOptions {
    double poverty_line_yuan = 2300;  // the national line from 2011, 2010 prices
    double poor_rate_threshold = 0.30;
    // Sites for which this is false are left out (not counted, not unmatched): the viewer's
    // project filter, so its township table counts what its map shows. Unset: every site.
    std::function<bool(const model::Layer&, const model::Feature&)> include_site;
};

// One row of the contract's table: a village, a township, or the whole county.
struct RegionStats {
    std::string township;      // empty for the total
    std::string village_name;  // village rows only
    std::string village_code;  // village rows only, when the data has one
    int villages = 0;
    double households = 0, population = 0, poor_households = 0, poor_population = 0;
    std::optional<double> poverty_rate;       // poor_population / population
    std::optional<double> income_per_capita;  // population-weighted mean of village incomes
    int poor_villages = 0, covered_poor_villages = 0;
    std::optional<double> coverage;  // covered / poor; none when there are no poor villages
    int sites = 0;
    std::map<std::string, int> sites_by_type;  // every canonical type, zeros included
    double funds_yuan = 0, beneficiary_households = 0, beneficiary_people = 0;
    std::optional<double> funds_per_poor_person;
    std::map<std::string, double> line_km_by_kind;  // every kind the line layers hold
    int ponds = 0;
    double pond_capacity_m3 = 0;
    double area_km2 = 0;  // on the ellipsoid; for densities (not a column of the contract's table)

    // For the population-weighted income: sums over villages with both values.
    double income_times_population = 0, population_with_income = 0;
};

struct UnmatchedSite {
    std::string file, layer;
    std::int64_t row = 0;  // feature id, or row number of a table (1 = first data row)
    std::string township, village_name, project_name;
    std::string reason;  // "outside every village", "no village 麻栗树 in township 湾碧乡"...
};

// Where every site of the project went (whatever the filter): per sites layer (in
// Project::layers_with order), per feature, its village row or -1; and every unmatched site with
// its layer and feature. Kept so a change of filter recounts without placing sites again.
struct SitePlacement {
    std::vector<std::vector<std::int64_t>> village_of_site;
    struct Unmatched {
        std::size_t layer = 0, feature = 0;
        UnmatchedSite site;
    };
    std::vector<Unmatched> unmatched;
};

struct Statistics {
    StatsOptions options;
    std::shared_ptr<const SitePlacement> placement;
    std::vector<RegionStats> villages;   // in the villages layer's order
    std::vector<RegionStats> townships;  // by township code, else by name
    RegionStats total;
    std::vector<UnmatchedSite> unmatched_sites;
    std::size_t ponds_outside = 0;  // ponds in no village: counted here, in no region
    double line_km_outside = 0;     // length of lines outside every village
};

// Places sites (by point, else by township and village name) and ponds in villages, cuts lines
// at village borders and measures them on the ellipsoid, then sums villages into townships and
// the county. Township rows are sums of village rows, so every level adds up by construction.
// Throws ca::Error when the project has no villages layer or it has no village name field.
// `on_stage` is called as each stage ends ("index", "place sites", "ponds", "cut lines",
// "aggregate"): for progress display and benchmarks.
using StageCallback = std::function<void(std::string_view finished_stage)>;
Statistics compute_statistics(const model::Project& project, const StatsOptions& options, const StageCallback& on_stage = {});

// The same statistics with other options' site filter, from `counted` (of the same project and
// layers): sites are counted again from their kept placement, lines and ponds kept as they are.
// A county recounts in microseconds, a province in about a second.
Statistics recount_sites(const model::Project& project, const Statistics& counted, const StatsOptions& options);

// The canonical project types and infrastructure kinds, in the contract's order.
const std::vector<std::string>& project_types();

}  // namespace ca::analysis
