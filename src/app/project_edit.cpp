// Copy-on-write edits of the viewer's layers (see project_edit.hpp).
#include "app/project_edit.hpp"

#include <atomic>
#include <memory>

#include "core/io/working_crs.hpp"
#include "core/model/database_source.hpp"
#include "core/model/error.hpp"
#include "core/workspace/project_file.hpp"

namespace ca::app {

model::Project& edit_project(ui::ViewerState& state) {
    std::shared_ptr<model::Project> next;
    if (state.data.project.use_count() == 1) {
        // No worker holds this version (each drops its copy before its result is taken). The
        // fence pairs with the release in the worker's drop of its copy: its reads come before
        // our writes. Every Project of the viewer is made non-const (make_shared<model::Project>),
        // so the sole owner may change it in place.
        std::atomic_thread_fence(std::memory_order_acquire);
        next = std::const_pointer_cast<model::Project>(state.data.project);
    } else {
        next = std::make_shared<model::Project>(*state.data.project);
        state.data.project = next;
    }
    state.table_rows = {};
    state.selected_feature.reset();  // named by layer position, which may change
    ++state.problems_version;        // the Problems tab's rows name layers by position too
    return *next;
}

LayersAdded add_layers(ui::ViewerState& state, AddedLayers&& added) {
    for (auto& error : added.errors) state.messages.push_back(std::move(error));
    if (!added.locked_databases.empty()) state.database_asking_password = added.locked_databases.front();
    if (added.layers.empty() && added.problems.empty()) return {};
    model::Project& project = edit_project(state);
    LayersAdded result{!added.layers.empty(), false};
    for (auto& layer : added.layers) project.layers.push_back(std::move(layer));
    project.problems.append(added.problems);  // listed in the Problems tab
    ++state.problems_version;
    state.style.layers.resize(project.layers.size());
    if (!result.any) return result;
    state.glyphs_stale = true;  // new data may hold characters the font atlas lacks
    const int previous_crs = project.working ? project.working->epsg() : 0;
    project.working = io::choose_working_crs(project.extent());
    result.crs_changed = project.working->epsg() != previous_crs;
    return result;
}

AddedLayers read_layers(const std::vector<std::string>& paths, const loading::LoadOptions& options) {
    AddedLayers added;
    for (const auto& path : paths) {
        try {
            auto more = workspace::is_project_file(path) ? workspace::load_project_file(workspace::read_project_file(path)).project
                                                         : loading::load_project({{path, model::Role::Unknown}}, options);
            for (auto& layer : more.layers) added.layers.push_back(std::move(layer));
            added.problems.append(more.problems);
        } catch (const Error& e) {
            if (model::is_database_source(path) && model::asks_for_password(e.what())) added.locked_databases.push_back(path);
            else added.errors.push_back(e.what());  // a bad file is reported; the session goes on
        } catch (const std::exception& e) {
            added.errors.push_back(path + ": cannot read (" + e.what() + ")");
        }
    }
    return added;
}

}  // namespace ca::app
