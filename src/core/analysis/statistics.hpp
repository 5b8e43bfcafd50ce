// Township and village statistics of ../shared/DATA-CONTRACT.md ("countyatlas stats").
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model/project.hpp"

namespace ca::analysis {

// A region's terrain from the DEM, as area-weighted sums (so townships add up like households):
// the means and shares are the sums over `area_m2`, the part of the region the DEM covers.
struct TerrainSums {
    double area_m2 = 0;          // of the region with elevation data (pixels weighted by how much of each lies inside)
    double elevation_m_m2 = 0;   // Σ elevation × area
    double slope_deg_m2 = 0;     // Σ slope (degrees) × area
    double steep_m2 = 0;         // area steeper than kSteepSlopeDeg
    double high_m2 = 0;          // area above StatsOptions::high_altitude_m
    double min_m = 0, max_m = 0;  // lowest and highest elevation inside; meaningful when area_m2 > 0

    static constexpr double kSteepSlopeDeg = 25;  // farmland steeper than this returns to forest (退耕还林)
    bool has_data() const { return area_m2 > 0; }
    void add(const TerrainSums& other);
};

struct StatsOptions {
    double poverty_line_yuan = 2300;  // the national line from 2011, 2010 prices
    double poor_rate_threshold = 0.30;
    // Sites for which this is false are left out (not counted, not unmatched): the viewer's
    // project filter, so its township table counts what its map shows. Unset: every site.
    std::function<bool(const model::Layer&, const model::Feature&)> include_site;
    // Which sites make a poor village covered, by canonical status (model::canonical_status of
    // the value, or the value as written). Unset: every site whose status is not "planned" (a
    // site with no status is taken to exist). Set: only sites whose status is in the set.
    std::optional<std::set<std::string>> covering_statuses;
    // Village rows only: no sites placed, no ponds, no lines cut (their columns stay zero). For a
    // figure coloured by a village's own figures, where placing a prefecture's 100 000 sites and
    // cutting its 20 000 lines would be most of the time and none of the map.
    bool villages_only = false;
    // Each village's terrain in villages-layer order (core/terrain computes it from the project's
    // DEM); unset: no DEM, the rows carry no terrain.
    std::shared_ptr<const std::vector<TerrainSums>> village_terrain;
    std::uint64_t village_terrain_key = 0;  // terrain::terrain_key of what it was measured for
    double high_altitude_m = 2500;  // --high-altitude: villages above it are "high and cold"
};

// Whether a site that the options count makes its village covered (include_site and the
// status rule above). For the coverage column and the distances of coverage gaps.
bool site_covers(const StatsOptions& options, const model::Layer& layer, const model::Feature& site);

// How a site was placed: by its own point, by its row's village name, by its township name
// only (its village unknown), or not at all.
enum class Precision : std::uint8_t { None, Exact, Village, Township };
const char* to_string(Precision precision);  // "none", "exact", "village", "township"

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
    // How the sites were placed: sites = sites_exact + sites_by_name + sites_township_only, the
    // last non-zero only in township and total rows (such sites are in no village).
    int sites_exact = 0, sites_by_name = 0, sites_township_only = 0;
    int sites_covering = 0;  // sites that cover (site_covers); not a column of the contract's table
    std::map<std::string, int> sites_by_type;  // every canonical type, zeros included
    double funds_yuan = 0, beneficiary_households = 0, beneficiary_people = 0;
    std::optional<double> funds_per_poor_person;
    std::map<std::string, double> line_km_by_kind;  // every kind the line layers hold
    int ponds = 0;
    double pond_capacity_m3 = 0;
    double area_km2 = 0;  // on the ellipsoid; for densities (not a column of the contract's table)
    std::optional<TerrainSums> terrain;  // with a DEM only

    // For the population-weighted income: sums over villages with both values.
    double income_times_population = 0, population_with_income = 0;
};

// A site counted in no village: in `unmatched_sites` (counted nowhere) or in
// `township_only_sites` (counted in its township and the total only).
struct UnmatchedSite {
    std::string file, layer;
    std::int64_t row = 0;  // the feature's id: the row the user sees when is_row
    bool is_row = false;   // Layer::fids_are_rows
    std::string township, village_name, project_name;
    std::string reason;  // "outside every village", "no village 麻栗树 in township 湾碧乡"...
};

// A site whose point lies in another village than the one its row names: the commonest typing
// error of project lists. It is counted where its point lies.
struct LocationConflict {
    std::string file, layer;
    std::int64_t row = 0;  // as in UnmatchedSite
    bool is_row = false;
    std::string project_name;
    std::string named_township, named_village;  // as the row writes them
    std::size_t named_index = 0, found_index = 0;  // rows of Statistics::villages
    std::size_t layer_index = 0, feature = 0;      // as in SitePlacement
};

// A pond, cellar or well in no village: counted in no region.
struct OutsidePond {
    std::string file, layer;
    std::int64_t id = 0;
    bool is_row = false;
};

// Where every site of the project went (whatever the filter): per sites layer (in
// Project::layers_with order), per feature, its village row or -1 and how it was placed; and
// every unmatched site with its layer and feature. A site placed by township only has the row of
// the first village of that township (whose `township` names it). Kept so a change of filter
// recounts without placing sites again.
struct SitePlacement {
    std::vector<std::vector<std::int64_t>> village_of_site;
    std::vector<std::vector<Precision>> precision;
    struct Unmatched {
        std::size_t layer = 0, feature = 0;
        UnmatchedSite site;
    };
    std::vector<Unmatched> unmatched;       // Precision::None
    std::vector<Unmatched> township_only;   // Precision::Township
    std::vector<LocationConflict> conflicts;
};

// Site counts of townships from sites placed by township only, by township name: added to the
// township rows and the total after the villages, in no village row.
using TownshipOnlyCounts = std::unordered_map<std::string, RegionStats>;

struct Statistics {
    StatsOptions options;
    std::shared_ptr<const SitePlacement> placement;
    std::vector<RegionStats> villages;   // in the villages layer's order
    std::vector<RegionStats> townships;  // by township code, else by name
    RegionStats total;
    std::vector<UnmatchedSite> unmatched_sites;      // counted nowhere
    std::vector<UnmatchedSite> township_only_sites;  // counted in their township and the total
    std::vector<LocationConflict> conflicts;         // counted where their point lies
    std::size_t ponds_outside = 0;  // ponds in no village: counted here, in no region
    std::vector<OutsidePond> outside_ponds;
    double line_km_outside = 0;     // length of lines outside every village
    TownshipOnlyCounts township_only_counts;  // in the township rows and the total, in no village row
};

// Places sites (by point, else by township and village name, else by township name alone) and ponds in villages, cuts lines
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

// Before a table by township: throws ca::Error naming the villages file and its fields when some
// village has no township because its layer has no township field and no township layer was
// given (all of them would fall in one nameless township).
void require_township_names(const model::Project& project, const Statistics& stats);

}  // namespace ca::analysis
