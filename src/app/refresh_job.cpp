#include "app/refresh_job.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/analysis/nearest_features.hpp"
#include "core/loading/location_audit.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"
#include "core/scene/build.hpp"
#include "core/scene/map_style.hpp"
#include "core/terrain/elevation_grid.hpp"
#include "core/terrain/zonal.hpp"

namespace ca::app {
namespace {

ui::DataSummary summarise(const model::Project& project, const analysis::Statistics& stats) {
    ui::DataSummary summary;
    summary.first_year = 9999;
    std::set<std::string> statuses, batches;
    for (const auto* layer : project.layers_with(model::Role::Sites))
        for (const auto& f : layer->features) {
            if (const auto y = model::to_number(layer->value(f, model::Meaning::Year))) {
                summary.first_year = std::min(summary.first_year, static_cast<int>(*y));
                summary.last_year = std::max(summary.last_year, static_cast<int>(*y));
            }
            if (auto v = model::normalize_text(model::to_text(layer->value(f, model::Meaning::Status))); !v.empty()) statuses.insert(v);
            if (auto v = model::normalize_text(model::to_text(layer->value(f, model::Meaning::Batch))); !v.empty()) batches.insert(v);
        }
    summary.statuses.assign(statuses.begin(), statuses.end());
    summary.batches.assign(batches.begin(), batches.end());
    for (std::size_t i = 0; i < stats.villages.size(); ++i)
        if (stats.villages[i].poverty_rate) summary.poorest.push_back(i);
    std::stable_sort(summary.poorest.begin(), summary.poorest.end(),
                     [&](std::size_t a, std::size_t b) { return *stats.villages[a].poverty_rate > *stats.villages[b].poverty_rate; });
    if (!stats.villages.empty() && stats.villages.front().terrain) {
        // Without roads the road term is left out of the score, as `rank --relocation --weights road=0` does.
        const auto is_road = analysis::lines_of_kinds({"road"});
        const bool roads = std::ranges::any_of(project.layers_with(model::Role::Lines), [&](const model::Layer* layer) {
            return std::ranges::any_of(layer->features, [&](const model::Feature& f) { return is_road(*layer, f); });
        });
        summary.relocation = analysis::rank_relocation(project, stats, roads ? analysis::RelocationWeights{} : analysis::RelocationWeights{.road = 0});
    }
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (std::size_t column = 0; column < layer->field_names.size(); ++column) {
            // Numeric when every filled value of the first rows is a number.
            int numbers = 0, others = 0;
            for (std::size_t i = 0; i < std::min<std::size_t>(layer->features.size(), 200); ++i) {
                const auto& value = layer->features[i].values[column];
                if (model::to_text(value).empty()) continue;
                (model::to_number(value) ? numbers : others) += 1;
            }
            const std::string& name = layer->field_names[column];
            if (numbers > 0 && others == 0 && std::find(summary.numeric_village_fields.begin(), summary.numeric_village_fields.end(), name) ==
                                                   summary.numeric_village_fields.end())
                summary.numeric_village_fields.push_back(name);
        }
    for (const auto& v : stats.villages) summary.village_pinyin.emplace_back(v.village_name);
    for (const auto& t : stats.townships) summary.township_pinyin.emplace_back(t.township);
    return summary;
}

ui::VillageLookup lookup_villages(const model::Project& project) {
    ui::VillageLookup lookup;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) {
            model::Geometry g = f.geometry;  // owned: the layer may go before this lookup does
            project.working->forward(g.coords);
            lookup.shapes_m.push_back(std::move(g));
        }
    std::vector<const model::Geometry*> polygons;
    for (const auto& g : lookup.shapes_m) polygons.push_back(&g);  // moving the lookup keeps these buffers
    lookup.index = std::make_unique<analysis::VillageIndex>(polygons);
    return lookup;
}

// Only the changed sites counted again, located through the village lookup's index (working CRS).
analysis::Statistics recount_changed_sites(const model::Project& project, const analysis::Statistics& stats, const SiteRecount& sites,
                                           const analysis::StatsOptions& options) {
    const analysis::LocateVillage locate = [&](model::Vec2 lon_lat) {
        std::vector<model::Vec2> p{lon_lat};
        project.working->forward(p);
        return sites.villages->index->locate(p[0]);
    };
    analysis::Statistics updated = analysis::apply_site_changes(project, stats, sites.changes, locate);
    return sites.refilter ? analysis::recount_sites(project, updated, options) : updated;
}

// The villages' terrain for the count; a DEM that cannot be read (moved, a broken tile) leaves the
// numbers without terrain and says why, rather than emptying every panel.
model::ProblemLog measure_terrain(const model::Project& project, analysis::StatsOptions& options, const analysis::StatsOptions& measured) {
    try {
        return terrain::attach_terrain(project, options, &measured);
    } catch (const Error& e) {
        model::ProblemLog problems;
        problems.add({model::Severity::Warning, "cannot measure terrain", project.dem ? project.dem->name : "", {}, -1, false, e.what()});
        return problems;
    }
}

}  // namespace

std::shared_ptr<const model::ElevationGrid> whole_dem_grid(const model::Project& project) {
    if (!project.dem || !project.working) return nullptr;
    constexpr int kLongSide = 2048;
    const model::Dem& dem = *project.dem;
    const model::Extent footprint = terrain::footprint_m(dem, *project.working);
    if (footprint.empty() || footprint.width() <= 0 || footprint.height() <= 0) return nullptr;
    const int long_side = std::min(kLongSide, std::max(dem.width, dem.height));
    const double cell_m = std::max(footprint.width(), footprint.height()) / long_side;
    const int width = std::max(2, static_cast<int>(std::lround(footprint.width() / cell_m)));
    const int height = std::max(2, static_cast<int>(std::lround(footprint.height() / cell_m)));
    return std::make_shared<const model::ElevationGrid>(terrain::elevation_grid(dem, *project.working, footprint, width, height));
}

Refreshed compute_refresh(const model::Project& project, const scene::MapStyle& style, const analysis::Statistics& stats, Refresh what,
                          bool rebuild_scene_after_data, std::shared_ptr<const std::vector<analysis::LisaClass>> lisa,
                          std::atomic<float>* progress, std::shared_ptr<const std::vector<scene::TownshipOutline>> townships,
                          const SiteRecount* sites) {
    Refreshed done;
    done.what = what;
    if (what == Refresh::Sites && (!sites || !stats.placement || !sites->villages || !sites->villages->index)) what = done.what = Refresh::Data;
    // Statistics' five stages, then the scene and its mesh, as equal steps of the bar.
    const bool new_stats = what != Refresh::Scene;
    // Sites: the numbers first; the map follows in a Scene refresh of its own (Refresher::poll).
    const bool new_scene = what == Refresh::Scene || what == Refresh::Statistics || (what == Refresh::Data && rebuild_scene_after_data);
    const float steps = (new_stats ? 5.0f : 0.0f) + (new_scene ? 2.0f : 0.0f);
    if (new_stats) lisa.reset();  // other numbers, other clusters
    if (what == Refresh::Data) townships.reset();  // other villages, other townships
    float step = 0;
    auto advance = [&] {
        if (progress) *progress = std::min(1.0f, ++step / steps);
    };
    if (new_stats) {
        analysis::StatsOptions options;
        model::ProblemLog terrain_problems;
        if (!style.sites.lets_all_through())
            options.include_site = [filter = style.sites, types = std::make_shared<model::CanonicalSpellings>(model::canonical_project_type)](
                                       const model::Layer& layer, const model::Feature& site) { return scene::site_passes(filter, layer, site, *types); };
        try {
            // Only the project filter changed: the sites' places are kept, so they are counted again.
            if (what == Refresh::Sites) done.stats = recount_changed_sites(project, stats, *sites, options);
            else if (what == Refresh::Statistics && stats.placement) done.stats = analysis::recount_sites(project, stats, options);
            else if (!project.layers_with(model::Role::Villages).empty()) {
                terrain_problems = measure_terrain(project, options, stats.options);  // again only if the villages moved
                done.stats = analysis::compute_statistics(project, options, [&](std::string_view) { advance(); });
            }
            // Sites placed nowhere, conflicts, web-map offsets...: here, with the numbers they
            // explain, never in the frame loop (the offset check counts the sites again).
            done.counting_problems = loading::statistics_problems(project, done.stats);
            done.counting_problems.append(terrain_problems);
        } catch (const Error& e) {
            // Layers the user just set up cannot be counted (a villages layer without names...):
            // the map still shows them; the Problems tab says why the panels are empty.
            done.problem = e.what();
            done.counting_problems = {};
            // Placed at its file, so that the tab can say where; the rest of the line stays the message.
            const std::string file = std::filesystem::path(e.file()).filename().string();
            std::string message = done.problem;
            if (!file.empty() && message.rfind(e.file() + ", ", 0) == 0) message = message.substr(e.file().size() + 2);
            else if (!file.empty() && message.rfind(e.file() + ": ", 0) == 0) message = message.substr(e.file().size() + 2);
            done.counting_problems.add({model::Severity::Error, "cannot count", file, {}, -1, false, message});
        }
        if (what == Refresh::Data || !done.problem.empty()) done.summary = summarise(project, done.stats);
    }
    if (what == Refresh::Data && project.dem && project.working) {
        try {
            done.terrain = whole_dem_grid(project);
        } catch (const Error& e) {  // the map goes on without its hillshade; the Problems tab says why
            done.counting_problems.add({model::Severity::Warning, "cannot shade the terrain", project.dem->name, {}, -1, false, e.what()});
        }
    }
    // Villages can be picked on the map only when the statistics have a row for each.
    if (what == Refresh::Data && done.problem.empty()) done.villages = lookup_villages(project);
    if (new_scene) {
        const analysis::Statistics& current = new_stats ? done.stats : stats;
        if (style.choropleth && style.choropleth->metric == "lisa" && !lisa)
            lisa = std::make_shared<const std::vector<analysis::LisaClass>>(scene::lisa_classes(project, current));
        // Dissolved once per data version, not per restyle.
        if (!townships && project.layers_with(model::Role::Townships).empty())
            townships = std::make_shared<const std::vector<scene::TownshipOutline>>(scene::dissolved_townships(project));
        done.scene = std::make_shared<const scene::Scene>(scene::build(project, style, &current, {0, lisa.get(), std::nullopt, townships.get()}));
        advance();
        done.mesh = render::build_mesh(done.scene);
        advance();
    }
    done.lisa = std::move(lisa);  // kept, computed, or dropped with the old numbers
    done.townships = std::move(townships);
    return done;
}

std::optional<render::MapMesh> take_refresh(ui::ViewerState& state, Refreshed&& done) {
    if (done.what == Refresh::Statistics || done.what == Refresh::Sites || done.what == Refresh::Data) {
        state.data.stats = std::make_shared<const analysis::Statistics>(std::move(done.stats));
        if (done.summary) state.summary = std::move(*done.summary);
        state.search_matches.reset();  // found among the old rows
        state.counting_problems = std::move(done.counting_problems);
        ++state.problems_version;
        state.clicked_problem.reset();
    }
    if (done.what == Refresh::Data) {
        state.data.villages = std::make_shared<const ui::VillageLookup>(std::move(done.villages));
        state.table_rows = {};  // layers moved or changed: the table's rows are recomputed
        state.selected.reset();
        state.selection.clear();
        state.selected_feature.reset();  // its layer may have moved
        state.hovered.reset();
        state.style.layers.resize(state.project().layers.size());
        state.data.terrain = std::move(done.terrain);
    }
    if (!done.problem.empty()) {
        state.data.villages = std::make_shared<const ui::VillageLookup>();  // no rows to pick
        state.selected.reset();
        state.selection.clear();
    }
    state.data.lisa = std::move(done.lisa);
    state.data.townships = std::move(done.townships);
    if (done.scene) state.scene = std::move(done.scene);
    return std::move(done.mesh);
}

void Refresher::request(ui::ViewerState& state, Refresh what, bool rebuild_scene_after_data) {
    if (what == Refresh::None) return;
    if (what == Refresh::Sites) {  // the changes travel with the request that recounts them
        auto& changes = state.editing.site_changes;
        m_queued_sites.changes.insert(m_queued_sites.changes.end(), std::make_move_iterator(changes.begin()), std::make_move_iterator(changes.end()));
        changes.clear();
    }
    if ((what == Refresh::Sites && m_queued == Refresh::Statistics) || (what == Refresh::Statistics && m_queued == Refresh::Sites))
        m_queued_sites.refilter = true;  // the filter changed too: the recount follows it
    m_queued = m_queued | what;
    m_queued_rebuild = m_queued_rebuild || what == Refresh::Scene || rebuild_scene_after_data;
    if (!busy()) start(state);
}

void Refresher::start(const ui::ViewerState& state) {
    m_running_what = m_queued;
    const bool rebuild = m_queued_rebuild;
    auto sites = std::make_shared<SiteRecount>(std::exchange(m_queued_sites, {}));
    sites->villages = state.data.villages;
    m_queued = Refresh::None;
    m_queued_rebuild = false;
    // The style is copied (small); the worker holds this version of the data (a snapshot) while
    // the UI may make newer ones (see edit_project).
    m_progress = 0;
    m_source = state.data.project;
    m_running = std::async(std::launch::async, [data = state.data, style = state.style, what = m_running_what, rebuild, sites, this]() mutable {
        Refreshed done;
        try {
            done = compute_refresh(*data.project, style, *data.stats, what, rebuild, data.lisa, &m_progress, data.townships, sites.get());
        } catch (const std::exception& e) {
            // Out of memory, a library's own exception...: the old map and numbers stay, the session goes on.
            done = {};
            done.problem = std::string("cannot update the map: ") + e.what();
        }
        { const ui::ProjectData drop = std::move(data); }  // before the result is ready: the UI may then change its version in place
        return done;
    });
}

std::optional<render::MapMesh> Refresher::poll(ui::ViewerState& state) {
    if (!busy() || m_running.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
    Refreshed done = m_running.get();  // rethrows what the worker threw
    const bool stale = state.data.project != m_source;
    m_source.reset();
    if (stale) {
        // The layers changed while this was counted: its numbers, lookup and map are of layers no
        // longer shown. The change asked for a new count; it runs now, and brings all of them.
        m_queued = m_queued | Refresh::Data;
        m_queued_rebuild = true;
        start(state);
        return std::nullopt;
    }
    if (done.what == Refresh::None) {
        state.messages.push_back(std::move(done.problem));  // the worker failed (see start)
        if (m_queued != Refresh::None) start(state);
        return std::nullopt;
    }
    const bool map_follows = done.what == Refresh::Sites;  // the numbers came first; now the sites on the map
    auto mesh = take_refresh(state, std::move(done));
    if (map_follows) m_queued = m_queued | Refresh::Scene, m_queued_rebuild = true;
    if (m_queued != Refresh::None) start(state);
    return mesh;
}

std::optional<render::MapMesh> Refresher::finish(ui::ViewerState& state) {
    std::optional<render::MapMesh> latest;
    while (busy()) {
        m_running.wait();
        if (auto mesh = poll(state)) latest = std::move(mesh);
    }
    return latest;
}

}  // namespace ca::app
