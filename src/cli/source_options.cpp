// Shared data options for the commands.
#include "cli/source_options.hpp"

#include <iostream>

#include "cli/progress.hpp"
#include "core/io/working_crs.hpp"
#include "core/model/error.hpp"
#include "core/workspace/project_file.hpp"

namespace ca::cli {

void SourceOptions::add_to(CLI::App& command, bool positional_files) {
    if (positional_files) command.add_option("files", files, "Data files, FILE[:LAYER]; roles are guessed");
    command.add_option("--villages", villages, "Village boundaries, FILE[:LAYER]");
    command.add_option("--townships", townships, "Township boundaries, FILE[:LAYER] (else dissolved from villages)");
    command.add_option("--sites", sites, "Project sites, FILE[:LAYER]");
    command.add_option("--lines", lines, "Ditches, pipelines, roads..., FILE[:LAYER]");
    command.add_option("--ponds", ponds, "Ponds, cellars, wells, FILE[:LAYER]");
    command.add_option("--dem", dem, "Elevation model (GeoTIFF or any raster GDAL reads, any CRS): terrain figures and hillshade");
    command.add_option("--encoding", encoding,
                       "Text encoding of DBF and CSV sources (e.g. GBK), over .cpg and detection; FILE=ENC for one source");
    command.add_option("--assume-crs", assume_crs, "CRS for layers that declare none, e.g. EPSG:4490");
    command.add_option("--coords", coords, "Points and lines typed from web maps: wgs84 (default), gcj02 or bd09; FILE=SYSTEM for one source");
    command.add_flag("--skip-bad-rows", skip_bad_rows, "Leave out (and list) rows whose numbers cannot be read, instead of stopping");
}

bool SourceOptions::empty() const { return sources().empty() && project_files().empty(); }

std::vector<std::string> SourceOptions::project_files() const {
    std::vector<std::string> result;
    for (const auto& f : files)
        if (workspace::is_project_file(f)) result.push_back(f);
    return result;
}

model::Project SourceOptions::load(scene::MapStyle* style) const {
    const Progress progress;
    progress.stage("reading the data");
    model::Project project = loading::load_project(sources(), load_options());
    const std::vector<std::string> projects = project_files();  // once: a GeoPackage is opened to tell
    for (const auto& path : projects) {
        workspace::ProjectFile file = workspace::read_project_file(path);
        file.options.rows_on_server = rows_on_server;
        auto opened = workspace::load_project_file(file);
        if (style && path == projects.front()) {
            *style = opened.style;
            style->layers.insert(style->layers.begin(), project.layers.size(), scene::LayerStyle{});
        }
        for (auto& layer : opened.project.layers) project.layers.push_back(std::move(layer));
        project.problems.append(opened.project.problems);
    }
    project.working = io::choose_working_crs(project.extent());
    if (say_problems)
        for (const auto& line : project.problems.summary()) std::cerr << "countyatlas: " << line << "\n";
    return project;
}

std::vector<loading::SourceArgument> SourceOptions::sources() const {
    std::vector<loading::SourceArgument> result;
    auto add = [&result](const std::vector<std::string>& specs, model::Role role) {
        for (const auto& spec : specs)
            if (!workspace::is_project_file(spec)) result.push_back({spec, role});
    };
    add(files, model::Role::Unknown);
    add(villages, model::Role::Villages);
    add(townships, model::Role::Townships);
    add(sites, model::Role::Sites);
    add(lines, model::Role::Lines);
    add(ponds, model::Role::Ponds);
    add(dem, model::Role::Dem);
    return result;
}

loading::LoadOptions SourceOptions::load_options() const {
    loading::LoadOptions options;
    for (const auto& argument : encoding) options.read.encoding.add(argument);
    options.read.assume_crs = assume_crs;
    for (const auto& argument : coords) {
        options.coords.add(argument);
        const std::string system = argument.substr(argument.rfind('=') == std::string::npos ? 0 : argument.rfind('=') + 1);
        if (!io::web_map_coords_from_string(system)) throw Error("--coords " + argument + ": " + system + " is not one of wgs84, gcj02, bd09");
    }
    options.skip_bad_rows = skip_bad_rows;
    options.rows_on_server = rows_on_server;
    return options;
}

}  // namespace ca::cli
