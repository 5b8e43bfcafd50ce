// `countyatlas check FILES...`: the loader's whole judgement of the user's data — per source its
// format, encoding, CRS and how each was decided, what was repaired or left out, and every row
// that cannot be counted — with exit 0 when everything can be counted and 2 when not.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/layer_report.hpp"
#include "cli/source_options.hpp"
#include "cli/count_options.hpp"
#include "core/analysis/statistics.hpp"
#include "core/io/vector_reader.hpp"
#include "core/loading/location_audit.hpp"
#include "core/loading/source_list.hpp"
#include "core/model/error.hpp"
#include "core/terrain/zonal.hpp"

namespace ca::cli {
namespace {

using nlohmann::ordered_json;

// An error's line already names its file, layer and feature.
model::Problem error_problem(const Error& e) { return {model::Severity::Error, "cannot count", {}, {}, -1, false, e.what()}; }

// The source an error names (by path as given, or by file name), if any.
std::vector<loading::SourceArgument>::iterator source_named(std::vector<loading::SourceArgument>& sources, const Error& e) {
    return std::find_if(sources.begin(), sources.end(), [&](const loading::SourceArgument& source) {
        const std::string path = io::parse_source(source.spec).path;
        return !e.file().empty() && (path == e.file() || std::filesystem::path(path).filename() == e.file());
    });
}

// Loads what can be loaded: all sources together (a CRS guess may need the other layers); when
// one fails, it is named, left out and the rest read again, so every unreadable file is listed,
// not only the first.
model::Project load_what_loads(const SourceOptions& options) {
    const loading::LoadOptions load_options = options.load_options();
    model::ProblemLog failures, settling;
    std::vector<loading::SourceArgument> sources;
    try {
        sources = loading::settle_sources(options.sources(), settling);  // a folder's files one by one
    } catch (const Error& e) {
        failures.add(error_problem(e));
    }
    while (true) {
        try {
            model::Project project = loading::load_project(sources, load_options);
            failures.append(project.problems);
            project.problems = std::move(failures);
            return project;
        } catch (const Error& e) {
            failures.add(error_problem(e));
            const auto failed = source_named(sources, e);
            if (failed == sources.end()) break;  // not one source's fault: nothing more to read
            sources.erase(failed);
        }
    }
    model::Project nothing;
    nothing.problems = std::move(failures);
    return nothing;
}

// What counting finds (rows placed nowhere or only in a township, points in another village than
// named, web-map offsets, ponds outside every village), with the filters the user gave.
void add_counting_problems(model::Project& project, const SiteSelection& selection, analysis::StatsOptions options) {
    if (project.layers_with(model::Role::Villages).empty()) {
        project.problems.report("cannot count", "no villages layer: nothing can be counted by village or township; give the village boundaries",
                                model::Severity::Error);
        return;
    }
    try {
        selection.apply(project, options);
        project.problems.append(terrain::attach_terrain(project, options));  // villages the DEM does not cover
        project.problems.append(loading::statistics_problems(project, analysis::compute_statistics(project, options)));
    } catch (const Error& e) {
        project.problems.add(error_problem(e));
    }
}

void print_text(const model::Project& project, std::ostream& out) {
    for (const auto& layer : project.layers) print_layer(layer, out);
    const auto& problems = project.problems.all();
    out << (problems.empty() ? "no problems found\n" : "\n" + std::to_string(problems.size()) + " findings:\n");
    for (const auto& p : problems) out << "  " << model::to_string(p.severity) << ": [" << p.kind << "] " << p.line() << "\n";
    out << (project.problems.has_errors() ? "\nSome data cannot be counted (errors above): fix them before using the figures.\n"
                                           : "\nEverything can be counted.\n");
}

}  // namespace

void register_check_command(CLI::App& root) {
    auto options = std::make_shared<SourceOptions>();
    auto thresholds = std::make_shared<analysis::StatsOptions>();
    auto selection = std::make_shared<SiteSelection>();
    auto format = std::make_shared<std::string>("text");
    CLI::App* check = root.add_subcommand("check", "Check data before counting: what was decided about each file, and every row that "
                                                   "cannot be counted (exit 2 when something cannot)");
    options->add_to(*check);
    check->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
    add_threshold_options(*check, *thresholds);
    selection->add_to(*check);
    check->callback([options, thresholds, selection, format] {
        if (options->empty()) throw Error("check needs data: the files or folder you want to count");
        model::Project project = load_what_loads(*options);
        add_counting_problems(project, *selection, *thresholds);
        if (*format == "json") {
            ordered_json j;
            j["sources"] = ordered_json::array();
            for (const auto& layer : project.layers) j["sources"].push_back(layer_json(layer));
            j["problems"] = ordered_json::array();
            for (const auto& p : project.problems.all()) j["problems"].push_back(problem_json(p));
            j["can_count"] = !project.problems.has_errors();
            std::cout << j.dump(2) << "\n";
        } else {
            print_text(project, std::cout);
        }
        if (project.problems.has_errors()) throw ExitStatus{kExitBadInput};  // the findings above say why
    });
}

}  // namespace ca::cli
