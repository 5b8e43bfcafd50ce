// `countyatlas view`: load the data, open the window; with no display, draw the map to a PNG.
#include "app/view_command.hpp"

#include <cstdlib>
#include <iostream>

#include "app/sample_data.hpp"
#include "app/viewer.hpp"
#include "cli/source_options.hpp"
#include "core/io/vector_reader.hpp"
#include "core/loading/load_project.hpp"
#include "core/model/database_source.hpp"
#include "core/postgis/thinned_map.hpp"
#include "core/model/error.hpp"
#include "core/print/draw_map.hpp"
#include "core/scene/build.hpp"
#include "core/workspace/project_file.hpp"

namespace ca::app {

struct ViewCommand {
    cli::SourceOptions sources;
    ViewerOptions viewer;
    std::string headless_png = "countyatlas-map.png";
    int exit_code = 0;

    Opened open() const {
        Opened opened;
        opened.load_options = sources.load_options();
        if (const auto projects = sources.project_files(); projects.size() == 1 && sources.sources().empty()) {
            // One project file: its look and view too, not only its data.
            const auto file = workspace::read_project_file(projects.front());
            auto loaded = workspace::load_project_file(file);
            opened.project = std::move(loaded.project);
            opened.style = std::move(loaded.style);
            opened.view = file.view;
            opened.load_options = file.options;
            opened.figure = file.figure;
        } else {
            opened.project = sources.load();
        }
        return opened;
    }

    // The sources when every one is a database table in a known role (what a published county's
    // project file holds): a first map can then come thinned from the server. Else none.
    std::vector<std::pair<std::string, model::Role>> database_tables() const {
        const auto projects = sources.project_files();
        const auto named = projects.size() == 1 && sources.sources().empty() ? workspace::read_project_file(projects.front()).sources : sources.sources();
        if (!projects.empty() && !(projects.size() == 1 && sources.sources().empty())) return {};
        std::vector<std::pair<std::string, model::Role>> tables;
        for (const auto& source : named) {
            if (!model::is_database_source(source.spec) || source.role == model::Role::Unknown || io::parse_source(source.spec).layer.empty()) return {};
            tables.emplace_back(source.spec, source.role);
        }
        return tables;
    }

    void run() {
        if (sources.empty()) throw Error("view needs at least one file (or run countyatlas alone for the sample)");
        const char* display = std::getenv("DISPLAY");
        const char* wayland = std::getenv("WAYLAND_DISPLAY");
        const bool has_display = (display && *display) || (wayland && *wayland);
        if (!has_display && viewer.screenshot_path.empty() && viewer.script_path.empty() && viewer.bench_frames == 0) {
            // No screen to show it on: still do the job, as a picture of the map.
            print::write_png(scene::build(open().project), viewer.width_px, viewer.height_px, headless_png);
            std::cout << "No display: the map was drawn to " << headless_png << "\n";
            return;
        }
        if (auto tables = database_tables(); !tables.empty())
            viewer.quick_map = [tables = std::move(tables)] { return postgis::read_thinned_map(tables, 1500); };
        // The sources are copied into the loader: it runs on the viewer's worker thread.
        run_viewer([command = *this] { return command.open(); }, viewer);
    }
};

std::shared_ptr<ViewCommand> register_view_command(CLI::App& root) {
    auto command = std::make_shared<ViewCommand>();
    CLI::App* view = root.add_subcommand("view", "Open the map window on the given files");
    command->sources.add_to(*view);
    view->add_option("--screenshot", command->viewer.screenshot_path, "Render one frame to this PNG and exit");
    view->add_option("--size", command->viewer.width_px, "Window width in pixels")->check(CLI::Range(320, 8192));
    view->add_option("--height", command->viewer.height_px, "Window height in pixels")->check(CLI::Range(240, 8192));
    view->add_option("--headless-png", command->headless_png, "Where the map goes when there is no display");
    view->add_option("--script", command->viewer.script_path, "Run the UI actions in this file, then exit (see README)");
    view->add_option("--bench-frames", command->viewer.bench_frames, "Pan for N frames and print frame times")->check(CLI::Range(1, 100000));
    view->callback([command] { command->run(); });
    return command;
}

int run_view_on_sample(const std::shared_ptr<ViewCommand>& command, const char* argv0) {
    const std::string sample = find_sample_county(argv0);
    if (sample.empty()) throw Error("the sample county data/sample/county.gpkg is not found; run ./run from the project folder");
    command->sources.files = {sample};
    // Its terrain by role, not guessed: the hillshade and the terrain columns come with the sample.
    if (const std::string dem = sample_dem_beside(sample); !dem.empty()) command->sources.dem = {dem};
    command->run();
    return command->exit_code;
}

int view_exit_code(const std::shared_ptr<ViewCommand>& command) { return command->exit_code; }

}  // namespace ca::app
