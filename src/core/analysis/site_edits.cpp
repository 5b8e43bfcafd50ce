// Recounting what an edit touched (see site_edits.hpp).
#include "core/analysis/site_edits.hpp"

#include <algorithm>

#include "core/analysis/site_counting.hpp"

namespace ca::analysis {
namespace {

using model::Meaning;
using namespace detail;

struct Update {
    const model::Project& project;
    Statistics& stats;
    SitePlacement& placement;
    const VillageNames& names;
    const LocateVillage& locate;
    model::CanonicalSpellings types{model::canonical_project_type};
    model::CanonicalSpellings statuses{model::canonical_status};

    bool included(const model::Layer& layer, const model::Feature& f) const {
        return !stats.options.include_site || stats.options.include_site(layer, f);
    }

    // A site into (+1) or out of (-1) the rows it counts in, as count_sites counts it.
    void count(const model::Layer& layer, const model::Feature& f, std::int64_t village, Precision precision, int sign) {
        if (village < 0 || !included(layer, f)) return;
        RegionStats& village_row = stats.villages[static_cast<std::size_t>(village)];
        RegionStats& row = precision == Precision::Township ? stats.township_only_counts[village_row.township] : village_row;
        add_site(row, layer, f, types(model::to_text(layer.value(f, Meaning::ProjectType))), precision, sign);
        if (precision != Precision::Township && status_covers(stats.options, statuses(model::to_text(layer.value(f, Meaning::Status)))))
            row.sites_covering += sign;
    }

    // The placement's lists name sites by position: the site at (l, p) leaves them; positions
    // after it move by `shift` (a removal -1, an insertion +1 from p itself).
    void forget(std::size_t l, std::size_t p, int shift) {
        auto gone = [&](std::size_t layer, std::size_t feature) { return layer == l && feature == p && shift <= 0; };
        auto moved = [&](std::size_t layer, std::size_t& feature) {
            if (layer == l && (feature > p || (shift > 0 && feature == p))) feature = static_cast<std::size_t>(static_cast<long long>(feature) + shift);
        };
        std::erase_if(placement.unmatched, [&](const SitePlacement::Unmatched& u) { return gone(u.layer, u.feature); });
        std::erase_if(placement.township_only, [&](const SitePlacement::Unmatched& u) { return gone(u.layer, u.feature); });
        std::erase_if(placement.conflicts, [&](const LocationConflict& c) { return gone(c.layer_index, c.feature); });
        for (auto& u : placement.unmatched) moved(u.layer, u.feature);
        for (auto& u : placement.township_only) moved(u.layer, u.feature);
        for (auto& c : placement.conflicts) moved(c.layer_index, c.feature);
    }

    // Where a site goes, as place_sites puts it: its point's village, else its names'.
    void place(const model::Layer& layer, const model::Feature& f, std::size_t l, std::size_t p) {
        placement.village_of_site[l][p] = -1;
        placement.precision[l][p] = Precision::None;
        if (f.geometry.empty()) return place_by_name(layer, f, l, p, names, placement);
        const auto village = locate(f.geometry.coords.front());
        if (!village) return placement.unmatched.push_back({l, p, listed_site(layer, f, "outside every village")});
        placement.village_of_site[l][p] = static_cast<std::int64_t>(*village);
        placement.precision[l][p] = Precision::Exact;
        const std::string name = text(layer, f, Meaning::VillageName);
        if (name.empty()) return;
        const auto named = names.find(text(layer, f, Meaning::Township), name);
        if (named.outcome == VillageNames::Outcome::Found && named.index != *village)
            placement.conflicts.push_back({layer.file_name(), layer.name, f.fid, layer.fids_are_rows, text(layer, f, Meaning::ProjectName),
                                           text(layer, f, Meaning::Township), name, named.index, *village, l, p});
    }

    void apply(const SiteChange& change, const model::Layer& layer) {
        const std::size_t l = change.site_layer, p = change.position;
        auto& villages = placement.village_of_site[l];
        auto& precision = placement.precision[l];
        if (change.before) {
            count(layer, *change.before, villages[p], precision[p], -1);
            forget(l, p, change.after ? 0 : -1);
            if (!change.after) {
                villages.erase(villages.begin() + static_cast<std::ptrdiff_t>(p));
                precision.erase(precision.begin() + static_cast<std::ptrdiff_t>(p));
                return;
            }
        } else {
            forget(l, p, +1);
            villages.insert(villages.begin() + static_cast<std::ptrdiff_t>(p), -1);
            precision.insert(precision.begin() + static_cast<std::ptrdiff_t>(p), Precision::None);
        }
        place(layer, *change.after, l, p);
        count(layer, *change.after, villages[p], precision[p], +1);
    }
};

}  // namespace

Statistics apply_site_changes(const model::Project& project, const Statistics& counted, const std::vector<SiteChange>& changes,
                              const LocateVillage& locate) {
    if (!counted.placement) return compute_statistics(project, counted.options);
    Statistics stats = counted;
    auto placement = std::make_shared<SitePlacement>(*counted.placement);
    VillageNames names;
    for (std::size_t i = 0; i < stats.villages.size(); ++i) names.add(stats.villages[i].township, stats.villages[i].village_name, i);
    const auto site_layers = project.layers_with(model::Role::Sites);
    Update update{project, stats, *placement, names, locate};
    for (const auto& change : changes)
        if (change.site_layer < site_layers.size() && change.site_layer < placement->village_of_site.size())
            update.apply(change, *site_layers[change.site_layer]);
    std::stable_sort(placement->unmatched.begin(), placement->unmatched.end(), [](const SitePlacement::Unmatched& a, const SitePlacement::Unmatched& b) {
        return a.layer != b.layer ? a.layer < b.layer : a.feature < b.feature;
    });
    list_placement_problems(project, *placement, stats.options, stats);
    stats.placement = std::move(placement);
    stats.townships.clear();
    aggregate(stats, blank_row(counted), stats.township_only_counts);
    return stats;
}

}  // namespace ca::analysis
