// Placing sites in villages and counting them into village rows: shared by the statistics and
// by their update after an edit (site_edits.cpp). See site_counting.hpp.
#include "core/analysis/site_counting.hpp"

#include <algorithm>
#include <map>

#include "core/analysis/parallel.hpp"
#include "core/model/text.hpp"

namespace ca::analysis::detail {

using model::Meaning;
using model::Role;

std::string text(const model::Layer& layer, const model::Feature& f, Meaning m) {
    return model::normalize_text(model::to_text(layer.value(f, m)));
}

// A number from a field, scaled to the contract's unit (万元 to yuan); 0 when absent.
double number(const model::Layer& layer, const model::Feature& f, Meaning m) {
    const auto value = model::to_number(layer.value(f, m));
    const auto& match = layer.mapping[m];
    return value && match ? *value * match->scale : 0.0;
}

void add_into(RegionStats& into, const RegionStats& from) {
    into.villages += from.villages;
    into.households += from.households;
    into.population += from.population;
    into.poor_households += from.poor_households;
    into.poor_population += from.poor_population;
    into.poor_villages += from.poor_villages;
    into.covered_poor_villages += from.covered_poor_villages;
    into.sites += from.sites;
    into.sites_exact += from.sites_exact;
    into.sites_by_name += from.sites_by_name;
    into.sites_township_only += from.sites_township_only;
    into.sites_covering += from.sites_covering;
    for (const auto& [type, n] : from.sites_by_type) into.sites_by_type[type] += n;
    into.funds_yuan += from.funds_yuan;
    into.beneficiary_households += from.beneficiary_households;
    into.beneficiary_people += from.beneficiary_people;
    for (const auto& [kind, km] : from.line_km_by_kind) into.line_km_by_kind[kind] += km;
    into.ponds += from.ponds;
    into.pond_capacity_m3 += from.pond_capacity_m3;
    into.area_km2 += from.area_km2;
    if (from.terrain) {
        if (!into.terrain) into.terrain = TerrainSums{};
        into.terrain->add(*from.terrain);
    }
    into.income_times_population += from.income_times_population;
    into.population_with_income += from.population_with_income;
}

// Ratios come last, from the sums, so a township's rate is its people's rate, not a mean of rates.
void finish_ratios(RegionStats& r) {
    r.poverty_rate = r.population > 0 ? std::optional(r.poor_population / r.population) : std::nullopt;
    r.income_per_capita =
        r.population_with_income > 0 ? std::optional(r.income_times_population / r.population_with_income) : std::nullopt;
    r.coverage = r.poor_villages > 0 ? std::optional(static_cast<double>(r.covered_poor_villages) / r.poor_villages) : std::nullopt;
    r.funds_per_poor_person = r.poor_population > 0 ? std::optional(r.funds_yuan / r.poor_population) : std::nullopt;
}

std::string unmatched_reason(VillageNames::Outcome outcome, const std::string& township, const std::string& village) {
    switch (outcome) {
        case VillageNames::Outcome::NoSuchTownship: return "no township \"" + township + "\" among the villages";
        case VillageNames::Outcome::NoSuchVillage:
            return "no village \"" + village + "\"" + (township.empty() ? std::string() : " in township \"" + township + "\"");
        case VillageNames::Outcome::Ambiguous:
            return township.empty() ? "several villages are called \"" + village + "\"; give the township"
                                    : "several villages of township \"" + township + "\" are called \"" + village + "\"";
        case VillageNames::Outcome::Found: break;
    }
    return {};
}

// Whether a site of this (raw) status covers its village under the options' rule.
bool status_covers(const StatsOptions& options, const std::string& canonical) {
    if (!options.covering_statuses) return canonical != "planned";
    return options.covering_statuses->count(canonical) > 0;
}


void add_site(RegionStats& row, const model::Layer& layer, const model::Feature& f, const std::string& type, Precision precision, int sign) {
    row.sites += sign;
    row.sites_by_type[type] += sign;
    row.funds_yuan += sign * number(layer, f, Meaning::Funds);
    row.beneficiary_households += sign * number(layer, f, Meaning::BeneficiaryHouseholds);
    row.beneficiary_people += sign * number(layer, f, Meaning::BeneficiaryPeople);
    row.sites_exact += sign * (precision == Precision::Exact);
    row.sites_by_name += sign * (precision == Precision::Village);
    row.sites_township_only += sign * (precision == Precision::Township);
}

// Counts every placed site the filter lets through into its village row (or its township's
// township-only counts), and lists the unmatched, township-only and conflicting ones it lets through.
TownshipOnlyCounts count_sites(const model::Project& project, const SitePlacement& placement, const StatsOptions& options, Statistics& stats) {
    model::CanonicalSpellings project_type(model::canonical_project_type);
    model::CanonicalSpellings status(model::canonical_status);
    TownshipOnlyCounts township_only;
    const auto site_layers = project.layers_with(Role::Sites);
    auto included = [&](std::size_t l, std::size_t i) {
        return !options.include_site || options.include_site(*site_layers[l], site_layers[l]->features[i]);
    };
    for (std::size_t l = 0; l < site_layers.size() && l < placement.village_of_site.size(); ++l) {
        const model::Layer& layer = *site_layers[l];
        for (std::size_t i = 0; i < layer.features.size(); ++i) {
            const std::int64_t village = placement.village_of_site[l][i];
            if (village < 0 || !included(l, i)) continue;
            const auto& f = layer.features[i];
            const Precision precision = placement.precision[l][i];
            RegionStats& village_row = stats.villages[static_cast<std::size_t>(village)];
            RegionStats& row = precision == Precision::Township ? township_only[village_row.township] : village_row;
            add_site(row, layer, f, project_type(model::to_text(layer.value(f, Meaning::ProjectType))), precision, +1);
            // A site known only by its township reaches no particular village.
            if (precision != Precision::Township && status_covers(options, status(model::to_text(layer.value(f, Meaning::Status)))))
                ++row.sites_covering;
        }
    }
    list_placement_problems(project, placement, options, stats);
    return township_only;
}

void list_placement_problems(const model::Project& project, const SitePlacement& placement, const StatsOptions& options, Statistics& stats) {
    const auto site_layers = project.layers_with(Role::Sites);
    auto included = [&](std::size_t l, std::size_t i) {
        return !options.include_site || options.include_site(*site_layers[l], site_layers[l]->features[i]);
    };
    stats.unmatched_sites.clear();
    for (const auto& u : placement.unmatched)
        if (included(u.layer, u.feature)) stats.unmatched_sites.push_back(u.site);
    stats.township_only_sites.clear();
    for (const auto& u : placement.township_only)
        if (included(u.layer, u.feature)) stats.township_only_sites.push_back(u.site);
    stats.conflicts.clear();
    for (const auto& c : placement.conflicts)
        if (included(c.layer_index, c.feature)) stats.conflicts.push_back(c);
}

// Poor and covered flags and ratios of the villages, then townships and the total as their sums.
void aggregate(Statistics& stats, const RegionStats& blank, const TownshipOnlyCounts& township_only) {
    const StatsOptions& options = stats.options;
    for (auto& row : stats.villages) {
        finish_ratios(row);
        const bool poor = (row.poverty_rate && *row.poverty_rate >= options.poor_rate_threshold) ||
                          (row.income_per_capita && *row.income_per_capita < options.poverty_line_yuan);
        row.poor_villages = poor ? 1 : 0;
        row.covered_poor_villages = poor && row.sites_covering > 0 ? 1 : 0;
        finish_ratios(row);  // coverage follows the poor flag
    }

    // Townships in the order of their codes when every village has one, else of their names.
    std::map<std::string, std::string> order_key;  // township -> smallest village code, or its name
    bool all_coded = true;
    for (const auto& v : stats.villages) all_coded = all_coded && !v.village_code.empty();
    for (const auto& v : stats.villages) {
        const std::string key = all_coded ? v.village_code : v.township;
        auto [it, inserted] = order_key.emplace(v.township, key);
        if (!inserted && key < it->second) it->second = key;
    }
    std::vector<std::string> township_order;
    for (const auto& [name, key] : order_key) township_order.push_back(name);
    std::sort(township_order.begin(), township_order.end(),
              [&](const std::string& a, const std::string& b) { return order_key[a] < order_key[b]; });
    std::unordered_map<std::string, std::size_t> township_row;
    for (const auto& name : township_order) {
        township_row[name] = stats.townships.size();
        RegionStats row = blank;
        row.township = name;
        stats.townships.push_back(std::move(row));
    }
    for (const auto& v : stats.villages) add_into(stats.townships[township_row.at(v.township)], v);
    for (const auto& [township, sites] : township_only) add_into(stats.townships[township_row.at(township)], sites);
    for (auto& t : stats.townships) finish_ratios(t);
    // The county is the sum of its township rows, township-only sites included.
    stats.total = blank;
    for (const auto& t : stats.townships) add_into(stats.total, t);
    finish_ratios(stats.total);
}

UnmatchedSite listed_site(const model::Layer& layer, const model::Feature& f, std::string reason) {
    return {layer.file_name(), layer.name, f.fid, layer.fids_are_rows, text(layer, f, Meaning::Township),
            text(layer, f, Meaning::VillageName), text(layer, f, Meaning::ProjectName), std::move(reason)};
}

// A row without a location: its village by township and village name, else its township alone
// when the township exists (the village unknown or not told apart), else nothing.
void place_by_name(const model::Layer& layer, const model::Feature& f, std::size_t l, std::size_t i, const VillageNames& names,
                   SitePlacement& placement) {
    const std::string township = text(layer, f, Meaning::Township), name = text(layer, f, Meaning::VillageName);
    const auto match = name.empty() ? VillageNames::Match{VillageNames::Outcome::NoSuchVillage} : names.find(township, name);
    if (match.outcome == VillageNames::Outcome::Found) {
        placement.village_of_site[l][i] = static_cast<std::int64_t>(match.index);
        placement.precision[l][i] = Precision::Village;
        return;
    }
    const std::string reason = name.empty() ? (township.empty() ? "no location and no village name" : "no village name")
                                            : unmatched_reason(match.outcome, township, name);
    if (const auto first = names.first_in_township(township)) {
        placement.village_of_site[l][i] = static_cast<std::int64_t>(*first);
        placement.precision[l][i] = Precision::Township;
        placement.township_only.push_back({l, i, listed_site(layer, f, reason)});
        return;
    }
    placement.unmatched.push_back({l, i, listed_site(layer, f, reason)});
}

// The village a located site's row names, when it names one that exists (else -1): to find the
// sites whose point lies elsewhere. On all cores, as a province's million names take a while.
std::vector<std::int64_t> named_villages(const model::Layer& layer, const std::vector<std::size_t>& point_feature, const VillageNames& names) {
    std::vector<std::int64_t> named(point_feature.size(), -1);
    if (!layer.mapping.has(Meaning::VillageName)) return named;
    parallel_for(point_feature.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
        for (std::size_t k = begin; k < end; ++k) {
            const auto& f = layer.features[point_feature[k]];
            const std::string name = text(layer, f, Meaning::VillageName);
            if (name.empty()) continue;
            const auto match = names.find(text(layer, f, Meaning::Township), name);
            if (match.outcome == VillageNames::Outcome::Found) named[k] = static_cast<std::int64_t>(match.index);
        }
    });
    return named;
}

// Sites: the located ones located on all cores (a located site counts where it stands, whatever
// village its row names), the rest placed by name.
std::shared_ptr<SitePlacement> place_sites(const model::Project& project, const VillageIndex& index, const VillageNames& names) {
    auto placement = std::make_shared<SitePlacement>();
    for (const auto* layer : project.layers_with(Role::Sites)) {
        const auto& features = layer->features;
        std::vector<model::Vec2> points;
        std::vector<std::size_t> point_feature;
        for (std::size_t i = 0; i < features.size(); ++i)
            if (!features[i].geometry.empty()) points.push_back(features[i].geometry.coords.front()), point_feature.push_back(i);
        std::vector<std::int64_t> located(points.size());
        parallel_for(points.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
            index.locate_many(std::span(points).subspan(begin, end - begin), std::span(located).subspan(begin, end - begin));
        });
        const std::size_t l = placement->village_of_site.size();
        placement->village_of_site.emplace_back(features.size(), -1);
        placement->precision.emplace_back(features.size(), Precision::None);
        const std::vector<std::int64_t> named = named_villages(*layer, point_feature, names);
        std::vector<bool> has_point(features.size(), false);
        for (std::size_t k = 0; k < points.size(); ++k) {
            const std::size_t i = point_feature[k];
            has_point[i] = true;
            if (located[k] < 0) {
                placement->unmatched.push_back({l, i, listed_site(*layer, features[i], "outside every village")});
                continue;
            }
            placement->village_of_site[l][i] = located[k];
            placement->precision[l][i] = Precision::Exact;
            // Its row names another village that exists: a conflict, counted where the point lies.
            if (named[k] >= 0 && named[k] != located[k]) {
                const auto& f = features[i];
                placement->conflicts.push_back({layer->file_name(), layer->name, f.fid, layer->fids_are_rows, text(*layer, f, Meaning::ProjectName),
                                                text(*layer, f, Meaning::Township), text(*layer, f, Meaning::VillageName),
                                                static_cast<std::size_t>(named[k]), static_cast<std::size_t>(located[k]), l, i});
            }
        }
        for (std::size_t i = 0; i < features.size(); ++i)
            if (!has_point[i]) place_by_name(*layer, features[i], l, i, names, *placement);
    }
    // Listed in the layers' order, as the user reads the files.
    std::stable_sort(placement->unmatched.begin(), placement->unmatched.end(), [](const SitePlacement::Unmatched& a, const SitePlacement::Unmatched& b) {
        return a.layer != b.layer ? a.layer < b.layer : a.feature < b.feature;
    });
    return placement;
}

RegionStats blank_row(const Statistics& counted) {
    RegionStats blank;
    if (!counted.villages.empty()) {
        blank.sites_by_type = counted.villages.front().sites_by_type;
        blank.line_km_by_kind = counted.villages.front().line_km_by_kind;
        if (counted.villages.front().terrain) blank.terrain = TerrainSums{};
    }
    for (auto& [type, n] : blank.sites_by_type) n = 0;
    for (auto& [kind, km] : blank.line_km_by_kind) km = 0;
    return blank;
}

}  // namespace ca::analysis::detail
