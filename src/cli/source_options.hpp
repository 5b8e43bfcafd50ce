// The options every command takes to name its data: files by role, encoding, CRS, offsets.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/loading/load_project.hpp"

namespace ca::cli {

struct SourceOptions {
    std::vector<std::string> files;  // positional: roles guessed
    std::vector<std::string> villages, townships, sites, lines, ponds;
    std::string encoding;
    std::string assume_crs;
    std::string coords = "wgs84";

    void add_to(CLI::App& command, bool positional_files = true);
    std::vector<loading::SourceArgument> sources() const;
    loading::LoadOptions load_options() const;  // throws ca::Error on a bad --coords
};

}  // namespace ca::cli
