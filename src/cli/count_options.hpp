// What is counted, shared by the commands that count: which villages are poor (--poverty-line,
// --poor-rate), which sites count (--status, --year) and which cover a village (--coverage-status);
// and what counting met, summed up on stderr.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "core/analysis/statistics.hpp"
#include "core/model/project.hpp"
#include "core/scene/map_style.hpp"

namespace ca::cli {

void add_threshold_options(CLI::App& command, analysis::StatsOptions& options);

// --status, --year and (with `coverage`) --coverage-status as the user typed them.
struct SiteSelection {
    std::string statuses;  // "finished,在建": canonical names or as written, comma-separated
    std::string years;     // "2010" or "2010-2012"
    std::string covering;  // as `statuses`

    void add_to(CLI::App& command, bool coverage = true);
    // The filter the viewer's map and statistics use too. Throws ca::Error on a bad --year.
    scene::SiteFilter filter() const;
    // Sets options' site filter (these options over `base`, a project file's map filter) and
    // covering statuses; says once on stderr how many sites a year range leaves out because they
    // have no year. Returns the filter, for the map to draw what is counted.
    scene::SiteFilter apply(const model::Project& project, analysis::StatsOptions& options, scene::SiteFilter base = {}) const;
};

// One line per kind of problem counting met (unmatched sites, conflicts, web-map offsets...) on
// stderr, each naming `countyatlas check` for the whole list.
void report_counting_problems(const model::Project& project, const analysis::Statistics& stats);

}  // namespace ca::cli
