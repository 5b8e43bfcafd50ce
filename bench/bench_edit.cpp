// bench_edit REGION.gpkg: how long an edit of a site takes to reach the statistics — the edit
// applied to the layers, then the changed sites recounted (analysis::apply_site_changes, the
// viewer's Refresh::Sites) — against a full count, for each kind of edit. Each result is checked
// against the full count's totals. Prints a line per edit and a JSON summary last.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "core/analysis/site_edits.hpp"
#include "core/analysis/village_index.hpp"
#include "core/loading/load_project.hpp"
#include "core/model/edit_history.hpp"
#include "core/workspace/feature_edits.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::vector<ca::analysis::SiteChange> site_changes(const ca::model::Project& project, const ca::model::Edit& edit) {
    std::vector<ca::analysis::SiteChange> changes;
    const auto sites = project.layers_with(ca::model::Role::Sites);
    for (const auto& c : edit.changes)
        for (std::size_t l = 0; l < sites.size(); ++l)
            if (sites[l] == &project.layers[c.layer]) changes.push_back({l, c.position, c.before, c.after});
    return changes;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_edit REGION.gpkg\n");
        return 2;
    }
    using namespace ca;
    model::Project project = loading::load_project({{argv[1], model::Role::Unknown}}, {});
    std::size_t sites = 0;
    for (std::size_t i = 0; i < project.layers.size(); ++i)
        if (project.layers[i].role == model::Role::Sites) sites = i;
    auto t = Clock::now();
    analysis::Statistics stats = analysis::compute_statistics(project, {});
    const double full_s = seconds_since(t);
    std::vector<const model::Geometry*> shapes;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) shapes.push_back(&f.geometry);
    const analysis::VillageIndex index(shapes);  // the viewer's lookup, built with the statistics
    const analysis::LocateVillage locate = [&](model::Vec2 p) { return index.locate(p); };
    const auto& layer = project.layers[sites];
    // The status when the sites have one (the generated regions have none: then the funds).
    const bool has_status = layer.mapping.has(model::Meaning::Status);
    const auto status = static_cast<std::size_t>(layer.mapping.index(has_status ? model::Meaning::Status : model::Meaning::Funds));
    const model::Value new_value = has_status ? model::Value(std::string("计划")) : model::Value(1.0);
    const model::Vec2 somewhere = layer.features[500000 % layer.features.size()].geometry.coords.front();
    const std::vector<std::pair<const char*, std::function<model::Edit()>>> edits = {
        {"move a site", [&] { return workspace::move_point_edit(project, sites, 12345 % layer.features.size(), somewhere); }},
        {"add a site", [&] { return workspace::add_point_edit(project, sites, somewhere, {}); }},
        {"delete a site", [&] { return workspace::delete_edit(project, sites, {777 % layer.features.size()}); }},
        {"set a field of 14 sites", [&] {
             std::vector<std::size_t> rows;
             for (std::size_t k = 0; k < 14; ++k) rows.push_back(k * 1000 % layer.features.size());
             return workspace::set_values_edit(project, sites, rows, status, new_value);
         }},
    };
    double worst = 0;
    std::string json = "{\"sites\": " + std::to_string(layer.features.size()) + ", \"full_count_s\": " + std::to_string(full_s) + ", \"edits\": [";
    for (std::size_t k = 0; k < edits.size(); ++k) {
        t = Clock::now();
        const model::Edit edit = edits[k].second();
        model::apply_edit(project, edit);
        stats = analysis::apply_site_changes(project, stats, site_changes(project, edit), locate);
        const double s = seconds_since(t);
        worst = std::max(worst, s);
        std::printf("%-24s %.3f s  (sites %d, funds %.0f)\n", edits[k].first, s, stats.total.sites, stats.total.funds_yuan);
        json += std::string(k ? ", " : "") + "{\"edit\": \"" + edits[k].first + "\", \"seconds\": " + std::to_string(s) + "}";
    }
    const analysis::Statistics fresh = analysis::compute_statistics(project, {});
    const bool agrees = fresh.total.sites == stats.total.sites && fresh.total.covered_poor_villages == stats.total.covered_poor_villages &&
                        std::fabs(fresh.total.funds_yuan - stats.total.funds_yuan) < 0.5;
    std::printf("full count after the edits: sites %d, covered %d, funds %.0f: %s\n", fresh.total.sites, fresh.total.covered_poor_villages,
                fresh.total.funds_yuan, agrees ? "agrees" : "DIFFERS");
    std::printf("%s], \"worst_edit_s\": %.3f, \"agrees_with_full_count\": %s}\n", json.c_str(), worst, agrees ? "true" : "false");
    return agrees ? 0 : 1;
}
