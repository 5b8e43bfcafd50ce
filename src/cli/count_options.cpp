// Parsing the counting options once for every command, and the stderr summary of counting.
#include "cli/count_options.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <regex>

#include "core/loading/location_audit.hpp"
#include "core/postgis/server_statistics.hpp"
#include "core/model/error.hpp"
#include "core/model/fields.hpp"
#include "core/scene/build.hpp"
#include "core/terrain/zonal.hpp"

namespace ca::cli {
namespace {

// Canonical statuses from "finished, 在建，planned": commas half- or full-width, or 、.
std::set<std::string> status_list(const std::string& list) {
    std::set<std::string> statuses;
    const std::regex separator("\\s*(,|，|、)\\s*");
    for (std::sregex_token_iterator it(list.begin(), list.end(), separator, -1), end; it != end; ++it)
        if (const std::string status = model::canonical_status(it->str()); !status.empty()) statuses.insert(status);
    return statuses;
}

std::size_t sites_without_year(const model::Project& project) {
    std::size_t n = 0;
    for (const auto* layer : project.layers_with(model::Role::Sites))
        for (const auto& f : layer->features) n += !model::to_number(layer->value(f, model::Meaning::Year)).has_value();
    return n;
}

}  // namespace

void add_threshold_options(CLI::App& command, analysis::StatsOptions& options) {
    command.add_option("--poverty-line", options.poverty_line_yuan, "Yuan per person per year (default 2300)")->check(CLI::PositiveNumber);
    command.add_option("--poor-rate", options.poor_rate_threshold, "Poverty rate that makes a village poor (default 0.30)")
        ->check(CLI::Range(0.0, 1.0));
    command.add_option("--high-altitude", options.high_altitude_m, "With a DEM: metres above which land counts as high and cold (default 2500)");
}

void SiteSelection::add_to(CLI::App& command, bool coverage) {
    command.add_option("--status", statuses, "Count only sites of these statuses: planned, in_progress, finished or as written (计划,在建...)");
    command.add_option("--year", years, "Count only sites of these years: 2010 or 2010-2012 (sites without a year are left out)");
    if (coverage)
        command.add_option("--coverage-status", covering,
                           "Statuses of the sites that make a poor village covered (default: all but planned; a site without a status counts "
                           "only by default)");
}

scene::SiteFilter SiteSelection::filter() const {
    scene::SiteFilter filter;
    filter.statuses = status_list(statuses);
    if (!years.empty()) {
        // "2010-2012", also with an en dash or a (full-width) tilde as typed in Chinese documents.
        static const std::regex kRange("\\s*(\\d{4})\\s*(?:(?:-|–|~|～)\\s*(\\d{4}))?\\s*");
        std::smatch m;
        if (!std::regex_match(years, m, kRange)) throw Error("--year takes a year or a range FROM-TO (2010-2012), not \"" + years + "\"");
        filter.from_year = std::stoi(m[1].str());
        filter.to_year = m[2].matched ? std::stoi(m[2].str()) : filter.from_year;
        if (filter.to_year < filter.from_year) throw Error("--year " + years + ": the range ends before it starts");
    }
    return filter;
}

scene::SiteFilter SiteSelection::apply(const model::Project& project, analysis::StatsOptions& options, scene::SiteFilter base) const {
    if (!covering.empty()) {
        options.covering_statuses = status_list(covering);
        if (options.covering_statuses->empty()) throw Error("--coverage-status needs one status or more (planned, in_progress, finished...)");
    }
    scene::SiteFilter sites = std::move(base);
    const scene::SiteFilter chosen = filter();
    if (!chosen.statuses.empty()) sites.statuses = chosen.statuses;
    if (chosen.has_year_range()) sites.from_year = chosen.from_year, sites.to_year = chosen.to_year;
    if (sites.lets_all_through()) return sites;
    if (chosen.has_year_range())
        if (const std::size_t n = sites_without_year(project))
            std::cerr << "countyatlas: " << n << (n == 1 ? " site has" : " sites have") << " no year and " << (n == 1 ? "is" : "are")
                      << " left out by --year " << years << "\n";
    options.include_site = [sites, types = std::make_shared<model::CanonicalSpellings>(model::canonical_project_type)](
                               const model::Layer& layer, const model::Feature& site) { return scene::site_passes(sites, layer, site, *types); };
    return sites;
}

void EngineChoice::add_to(CLI::App& command) {
    command.add_option("--engine", engine, "Where to count: auto (default: on the PostGIS server when all the data is in one database), local or server")
        ->check(CLI::IsMember({"auto", "local", "server"}));
}

model::Project EngineChoice::load(SourceOptions sources) const {
    if (engine != "local") sources.rows_on_server = {model::Role::Sites, model::Role::Lines, model::Role::Ponds};
    model::Project project = sources.load();
    const bool rows_left = std::ranges::any_of(project.layers, [](const model::Layer& layer) { return layer.rows_on_server; });
    const std::string refusal = postgis::server_refusal(project);
    if (engine == "server" && !refusal.empty()) throw Error("--engine server: " + refusal);
    if (!rows_left || refusal.empty()) return project;
    // Auto, and some of the data is elsewhere: the rows left in the database are read after all.
    sources.rows_on_server.clear();
    sources.say_problems = false;  // said once, above
    return sources.load();
}

analysis::Statistics EngineChoice::count(const model::Project& project, analysis::StatsOptions options,
                                         const analysis::StageCallback& on_stage) const {
    for (const auto& line : terrain::attach_terrain(project, options).summary()) std::cerr << "countyatlas: " << line << "\n";
    const bool on_server = std::ranges::any_of(project.layers, [](const model::Layer& layer) { return layer.rows_on_server; }) ||
                           (engine == "server" && postgis::server_refusal(project).empty());
    if (!on_server) return analysis::compute_statistics(project, options, on_stage);
    std::cerr << "countyatlas: counted on the PostGIS server ("
              << project.layers_with(model::Role::Villages).front()->file_name() << "); --engine local counts here\n";
    return postgis::count_on_server(project, options, on_stage);
}

void report_counting_problems(const model::Project& project, const analysis::Statistics& stats) {
    for (const auto& line : loading::statistics_problems(project, stats).summary()) std::cerr << "countyatlas: " << line << "\n";
}

}  // namespace ca::cli
