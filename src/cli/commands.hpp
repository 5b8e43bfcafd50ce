// The headless subcommands of `countyatlas`, each registered on the root CLI11 app.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/exit_status.hpp"

namespace ca::cli {

// Thrown by a command that has said everything itself and only needs to end with this status.
struct ExitStatus {
    int code;
};

void register_info_command(CLI::App& root);
void register_check_command(CLI::App& root);
void register_stats_command(CLI::App& root);
void register_rank_command(CLI::App& root);
void register_clusters_command(CLI::App& root);
void register_export_command(CLI::App& root);
void register_place_command(CLI::App& root);
void register_import_command(CLI::App& root);
void register_publish_command(CLI::App& root);

}  // namespace ca::cli
