// What is counted, shared by the commands that count: which villages are poor (--poverty-line,
// --poor-rate), which sites count (--status, --year) and which cover a village (--coverage-status);
// and what counting met, summed up on stderr.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "core/analysis/statistics.hpp"
#include "core/model/project.hpp"
#include "cli/source_options.hpp"
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

// --engine local|server|auto: where the statistics are counted. Auto counts on the PostGIS server
// when every counted layer is a table of the villages' database, else here.
struct EngineChoice {
    std::string engine = "auto";

    void add_to(CLI::App& command);
    // The sources loaded, the rows of database tables of sites, lines and ponds left on the server
    // when it may count them (read again here when it turns out it cannot and auto allows).
    // Throws ca::Error when --engine server is asked for and the server cannot count them.
    model::Project load(SourceOptions sources) const;
    // The statistics, counted on the server when load() left rows there; says which on stderr.
    // With a DEM, each village's terrain is measured here first (terrain::attach_terrain).
    analysis::Statistics count(const model::Project& project, analysis::StatsOptions options,
                               const analysis::StageCallback& on_stage = {}) const;
};

// One line per kind of problem counting met (unmatched sites, conflicts, web-map offsets...) on
// stderr, each naming `countyatlas check` for the whole list.
void report_counting_problems(const model::Project& project, const analysis::Statistics& stats);

}  // namespace ca::cli
