// --poverty-line and --poor-rate, shared by the commands that decide which villages are poor.
#pragma once

#include <CLI/CLI.hpp>

#include "core/analysis/statistics.hpp"

namespace ca::cli {

inline void add_threshold_options(CLI::App& command, analysis::StatsOptions& options) {
    command.add_option("--poverty-line", options.poverty_line_yuan, "Yuan per person per year (default 2300)")->check(CLI::PositiveNumber);
    command.add_option("--poor-rate", options.poor_rate_threshold, "Poverty rate that makes a village poor (default 0.30)")
        ->check(CLI::Range(0.0, 1.0));
}

}  // namespace ca::cli
