// `countyatlas stats`: the township (or village) table of DATA-CONTRACT.md.
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/output_file.hpp"
#include "cli/output_guard.hpp"
#include "cli/progress.hpp"
#include "cli/source_options.hpp"
#include "cli/count_options.hpp"
#include "core/model/database_source.hpp"
#include "core/model/error.hpp"
#include "core/print/stats_report.hpp"
#include "core/print/stats_table.hpp"

namespace ca::cli {
namespace {

struct StatsCommand {
    SourceOptions sources;
    std::string by = "township";
    std::string format = "table";
    std::string output;
    std::string title;
    std::string language = "zh";
    analysis::StatsOptions thresholds;
    SiteSelection selection;
    EngineChoice engine;

    void run() const {
        if (sources.empty()) throw Error("stats needs data: --villages FILE, and --sites, --lines, --ponds as you have them");
        if (!model::is_database_source(output)) refuse_output_over_inputs(output, input_files(sources));
        if (format == "postgis" && !model::is_database_source(output))
            throw Error("--format postgis writes into a database: -o 'PG:host=… dbname=… [schema.]table'");
        const model::Project project = engine.load(sources);
        analysis::StatsOptions options = thresholds;
        selection.apply(project, options);
        const auto stats = [&] {
            const Progress progress;
            return engine.count(project, options, [&progress](std::string_view stage) { progress.stage(std::string(stage) + " done"); });
        }();
        const print::StatsLevel level = by == "village" ? print::StatsLevel::Village : print::StatsLevel::Township;
        if (level == print::StatsLevel::Township) analysis::require_township_names(project, stats);
        if (format == "xlsx" || format == "gpkg" || format == "postgis") {
            if (output.empty()) throw Error("--format " + format + " writes a file: give it with -o FILE");
            if (format == "xlsx") {
                const print::ReportOptions report{title, language == "en" ? model::Language::English : model::Language::Chinese};
                print::write_stats_report(project, stats, level, report, output);
            } else {
                print::write_stats_file(project, stats, level, format, output);
            }
        } else if (format == "json") {
            emit(print::stats_json(stats, level).dump(2) + "\n", output);
        } else if (format == "csv") {
            emit(print::stats_csv(stats, level), output);
        } else {
            emit(print::stats_text_table(stats, level), output);
        }
        // Nothing leaves silently: what was counted nowhere, or not where its row says, on stderr.
        report_counting_problems(project, stats);
    }
};

}  // namespace

void register_stats_command(CLI::App& root) {
    auto command = std::make_shared<StatsCommand>();
    CLI::App* stats = root.add_subcommand("stats", "Township or village statistics: poverty, projects, funds, coverage, works");
    command->sources.add_to(*stats);
    stats->add_option("--by", command->by, "township (default) or village")->check(CLI::IsMember({"township", "village"}));
    stats->add_option("--format", command->format, "table (default), json, csv (the contract's keys), xlsx (a formatted report table), gpkg (region polygons) or postgis "
                    "(region polygons into -o 'PG:… [schema.]table')")
        ->check(CLI::IsMember({"table", "json", "csv", "xlsx", "gpkg", "postgis"}));
    stats->add_option("-o,--output", command->output, "Write to this file instead of standard output");
    stats->add_option("--title", command->title, "Title of the xlsx table (default: 扶贫项目乡镇统计表 or 扶贫项目村级统计表)");
    stats->add_option("--language", command->language, "Headings and notes of the xlsx table: zh (default) or en")
        ->check(CLI::IsMember({"zh", "en"}));
    add_threshold_options(*stats, command->thresholds);
    command->selection.add_to(*stats);
    command->engine.add_to(*stats);
    stats->callback([command] { command->run(); });
}

}  // namespace ca::cli
