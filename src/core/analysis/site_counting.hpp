// The statistics' site placement and counting, shared by the embedded engine, its update after an
// edit, and the engine counting on a PostGIS server (core/postgis): namespace detail, not for
// the layers above.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/analysis/name_matching.hpp"
#include "core/analysis/statistics.hpp"
#include "core/analysis/village_index.hpp"

namespace ca::analysis::detail {

std::string text(const model::Layer& layer, const model::Feature& f, model::Meaning m);  // trimmed text of a field
// A number from a field, scaled to the contract's unit (万元 to yuan); 0 when absent.
double number(const model::Layer& layer, const model::Feature& f, model::Meaning m);
void add_into(RegionStats& into, const RegionStats& from);
// Ratios come last, from the sums, so a township's rate is its people's rate, not a mean of rates.
void finish_ratios(RegionStats& r);
// Whether a site of this canonical status covers its village under the options' rule.
bool status_covers(const StatsOptions& options, const std::string& canonical);
// One site into (sign +1) or out of (-1) a row.
void add_site(RegionStats& row, const model::Layer& layer, const model::Feature& f, const std::string& type, Precision precision, int sign);
// Counts every placed site the filter lets through into its village row (or its township's
// township-only counts, Statistics::township_only_counts), then lists the unmatched,
// township-only and conflicting ones it lets through.
TownshipOnlyCounts count_sites(const model::Project& project, const SitePlacement& placement, const StatsOptions& options, Statistics& stats);
// Statistics' lists of unmatched, township-only and conflicting sites from the placement's, filtered.
void list_placement_problems(const model::Project& project, const SitePlacement& placement, const StatsOptions& options, Statistics& stats);
// Poor and covered flags and ratios of the villages, then townships and the total as their sums.
void aggregate(Statistics& stats, const RegionStats& blank, const TownshipOnlyCounts& township_only);
// The row township rows start from: every site type and line kind the counted rows carry, all zero.
RegionStats blank_row(const Statistics& counted);
UnmatchedSite listed_site(const model::Layer& layer, const model::Feature& f, std::string reason);
// A row without a location: its village by names, else its township, else unmatched (l, i: site layer and feature).
void place_by_name(const model::Layer& layer, const model::Feature& f, std::size_t l, std::size_t i, const VillageNames& names, SitePlacement& placement);
// The statistics before anything is placed in them: every village's own row (names, figures,
// area on the ellipsoid; a township by location where the village names none), the blank row
// carrying every type and the given line kinds, the villages by name, and their shapes in row order.
struct VillageFrame {
    Statistics stats;
    RegionStats blank;
    VillageNames names;
    std::vector<const model::Geometry*> shapes;
};
VillageFrame village_frame(const model::Project& project, const StatsOptions& options, const std::vector<std::string>& line_kinds);
// A line's canonical kind, "other" when it has none.
std::string line_kind_of(const model::Layer& layer, const model::Feature& f);
std::shared_ptr<SitePlacement> place_sites(const model::Project& project, const VillageIndex& index, const VillageNames& names);

}  // namespace ca::analysis::detail
