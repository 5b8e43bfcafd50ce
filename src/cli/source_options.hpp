// The options every command takes to name its data: files by role, encoding, CRS, offsets.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/loading/load_project.hpp"
#include "core/model/project.hpp"
#include "core/scene/map_style.hpp"

namespace ca::cli {

struct SourceOptions {
    std::vector<std::string> files;  // positional: roles guessed
    std::vector<std::string> villages, townships, sites, lines, ponds, dem;
    std::vector<std::string> encoding;  // "GBK" for all legacy sources, or "FILE=GBK"
    std::string assume_crs;
    std::vector<std::string> coords;    // "gcj02" for all, or "FILE=gcj02"
    bool skip_bad_rows = false;
    std::set<model::Role> rows_on_server;  // loading::LoadOptions::rows_on_server, set by EngineChoice
    bool say_problems = true;  // load() sums up what loading decided and met on stderr, a line per kind

    void add_to(CLI::App& command, bool positional_files = true);
    bool empty() const;
    std::vector<loading::SourceArgument> sources() const;  // the data files, project files left out
    std::vector<std::string> project_files() const;        // *.cap.json among the files
    loading::LoadOptions load_options() const;  // throws ca::Error on a bad --coords
    // Everything named: project files with their own options, other files with these. With
    // `style`, the first project file's map style is copied there (its layer entries moved to
    // where the project's layers land); without a project file `style` is left as it is.
    model::Project load(scene::MapStyle* style = nullptr) const;
};

}  // namespace ca::cli
