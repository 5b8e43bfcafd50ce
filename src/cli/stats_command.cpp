// `countyatlas stats`: the township (or village) table of DATA-CONTRACT.md.
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/output_file.hpp"
#include "cli/output_guard.hpp"
#include "cli/progress.hpp"
#include "cli/source_options.hpp"
#include "cli/stats_table.hpp"
#include "cli/threshold_options.hpp"
#include "core/model/error.hpp"

namespace ca::cli {
namespace {

struct StatsCommand {
    SourceOptions sources;
    std::string by = "township";
    std::string format = "table";
    std::string output;
    analysis::StatsOptions options;

    void run() const {
        if (sources.empty()) throw Error("stats needs data: --villages FILE, and --sites, --lines, --ponds as you have them");
        refuse_output_over_inputs(output, input_files(sources));
        const model::Project project = sources.load();
        const auto stats = [&] {
            const Progress progress;
            return analysis::compute_statistics(project, options, [&progress](std::string_view stage) { progress.stage(std::string(stage) + " done"); });
        }();
        const StatsLevel level = by == "village" ? StatsLevel::Village : StatsLevel::Township;
        if (format == "xlsx" || format == "gpkg") {
            if (output.empty()) throw Error("--format " + format + " writes a file: give it with -o FILE");
            write_stats_file(project, stats, level, format, output);
        } else if (format == "json") {
            emit(stats_json(stats, level).dump(2) + "\n", output);
        } else if (format == "csv") {
            emit(stats_csv(stats, level), output);
        } else {
            emit(stats_text_table(stats, level), output);
        }
        // Nothing leaves silently: say on stderr what was counted nowhere.
        if (!stats.unmatched_sites.empty())
            std::cerr << "countyatlas: " << stats.unmatched_sites.size()
                      << " sites are in no village and counted in no region (listed in unmatched_sites)\n";
        if (stats.ponds_outside) std::cerr << "countyatlas: " << stats.ponds_outside << " ponds lie outside every village\n";
    }
};

}  // namespace

void register_stats_command(CLI::App& root) {
    auto command = std::make_shared<StatsCommand>();
    CLI::App* stats = root.add_subcommand("stats", "Township or village statistics: poverty, projects, funds, coverage, works");
    command->sources.add_to(*stats);
    stats->add_option("--by", command->by, "township (default) or village")->check(CLI::IsMember({"township", "village"}));
    stats->add_option("--format", command->format, "table (default), json, csv, xlsx or gpkg (region polygons)")
        ->check(CLI::IsMember({"table", "json", "csv", "xlsx", "gpkg"}));
    stats->add_option("-o,--output", command->output, "Write to this file instead of standard output");
    add_threshold_options(*stats, command->options);
    stats->callback([command] { command->run(); });
}

}  // namespace ca::cli
