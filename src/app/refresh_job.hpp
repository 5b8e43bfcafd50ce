// Recomputing what the map shows off the UI thread: statistics, village lookup and panel summary
// when the data changed; the scene and its GPU mesh whenever anything shown changed. At province
// scale each takes seconds, so the window keeps drawing (the old map) meanwhile.
#pragma once

#include <atomic>
#include <future>
#include <memory>
#include <optional>

#include "render/map_mesh.hpp"
#include "ui/viewer_state.hpp"

namespace ca::app {

// What has to be recomputed; a later need includes the earlier ones. Statistics: the project
// filter changed (the numbers follow what the map shows); Sites: sites were edited (recounted
// from the changes alone, ViewerState::Editing::site_changes; the map follows); Data: the layers changed.
enum class Refresh { None, Scene, Statistics, Sites, Data };
inline Refresh operator|(Refresh a, Refresh b) { return a > b ? a : b; }

struct Refreshed {
    Refresh what = Refresh::None;
    analysis::Statistics stats;  // from Statistics on
    ui::VillageLookup villages;  // with Data
    std::optional<ui::DataSummary> summary;  // with Data (a filter changes none of it), or when counting failed
    std::shared_ptr<const scene::Scene> scene;  // null when the scene did not change
    std::shared_ptr<const std::vector<analysis::LisaClass>> lisa;  // of these statistics, once a LISA choropleth needed them
    std::shared_ptr<const std::vector<scene::TownshipOutline>> townships;  // dissolved from these layers' villages, when they have no township layer
    std::shared_ptr<const model::ElevationGrid> terrain;  // with Data: the project's DEM for the hillshade (null without one)
    std::optional<render::MapMesh> mesh;
    std::string problem;  // why the statistics could not be computed (they are then empty)
    model::ProblemLog counting_problems;  // what counting met, with the statistics (from Statistics on)
};

// What a Refresh::Sites recounts from: the changed sites in order, whether the project filter
// changed too, and the village lookup that locates moved sites.
struct SiteRecount {
    std::vector<analysis::SiteChange> changes;
    bool refilter = false;
    std::shared_ptr<const ui::VillageLookup> villages;
};

// The work itself, on any thread. Reads `project` (and `stats`, for a scene only): neither may
// change until it returns. With Data, the scene is rebuilt only when `rebuild_scene_after_data`:
// statistics change nothing on the map without a choropleth.
// `lisa`: the classes already computed for these statistics, or null; `townships`: the township
// outlines already dissolved from these layers, or null.
// `progress`, when given, goes from 0 to 1 through the stages.
Refreshed compute_refresh(const model::Project& project, const scene::MapStyle& style, const analysis::Statistics& stats, Refresh what,
                          bool rebuild_scene_after_data = true, std::shared_ptr<const std::vector<analysis::LisaClass>> lisa = {},
                          std::atomic<float>* progress = nullptr, std::shared_ptr<const std::vector<scene::TownshipOutline>> townships = {},
                          const SiteRecount* sites = nullptr);
// The whole DEM on the working CRS for the viewer's hillshade: at most 2048 cells on its long side
// (32 MB on the GPU) and never more cells than the file has; null without a DEM. Throws ca::Error
// naming the DEM when GDAL cannot read or warp it.
std::shared_ptr<const model::ElevationGrid> whole_dem_grid(const model::Project& project);
// Moves the results into the state's data (a new version of its statistics and lookup); after new
// data the selection and table cache start afresh.
// Returns the mesh to upload, when the scene changed.
std::optional<render::MapMesh> take_refresh(ui::ViewerState& state, Refreshed&& done);

// One background refresh at a time; requests made meanwhile are merged and run next.
class Refresher {
public:
    // Starts (or queues) a refresh of what the state shows. See compute_refresh for the flag.
    // Refresh::Sites takes the state's Editing::site_changes with it.
    void request(ui::ViewerState& state, Refresh what, bool rebuild_scene_after_data = true);
    // When a refresh has finished: its results are moved into the state and the next queued one
    // starts. Returns the mesh to upload, when the scene changed.
    std::optional<render::MapMesh> poll(ui::ViewerState& state);
    // Waits for everything requested (scripts and tests want each step's result before the next).
    std::optional<render::MapMesh> finish(ui::ViewerState& state);
    // A refresh runs, on its own snapshot of the data.
    bool busy() const { return m_running.valid(); }
    bool analysing() const { return busy() && m_running_what >= Refresh::Statistics; }
    float progress() const { return m_progress; }  // of the running refresh, 0..1

private:
    void start(const ui::ViewerState& state);
    std::atomic<float> m_progress{0};  // before m_running: the worker writes it until the future is gone
    std::future<Refreshed> m_running;
    std::shared_ptr<const model::Project> m_source;  // the layers the running refresh counts: are its results still theirs?
    Refresh m_running_what = Refresh::None;
    Refresh m_queued = Refresh::None;
    bool m_queued_rebuild = false;
    SiteRecount m_queued_sites;  // with m_queued == Sites: the changes to recount from
};

}  // namespace ca::app
