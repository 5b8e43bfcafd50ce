// `countyatlas rank`: villages or townships ordered by a metric, or the poor villages no project reached.
#include <algorithm>
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/delimited.hpp"
#include "cli/output_file.hpp"
#include "cli/output_guard.hpp"
#include "cli/source_options.hpp"
#include "cli/count_options.hpp"
#include "core/analysis/coverage_gaps.hpp"
#include "core/analysis/metrics.hpp"
#include "core/analysis/plan_reach.hpp"
#include "core/model/error.hpp"

namespace ca::cli {
namespace {

using nlohmann::ordered_json;

ordered_json optional_number(const std::optional<double>& v) { return v ? ordered_json(*v) : ordered_json(); }

struct RankCommand {
    SourceOptions sources;
    analysis::StatsOptions thresholds;
    SiteSelection selection;
    EngineChoice engine;
    std::string by = "village";
    std::string metric = "poverty_rate";
    std::string format = "table";
    std::string output;
    int top = 0;
    bool uncovered = false;
    bool plan = false;  // with --uncovered: whether the planned sites reach each village
    int plan_year = 0;  // > 0: only that year's planned sites (implies --plan)

    void run() const {
        if (!analysis::is_metric(metric)) {
            std::string names;
            for (const auto& n : analysis::metric_names()) names += (names.empty() ? "" : ", ") + n;
            throw Error("--metric " + metric + " is not one of: " + names);
        }
        if (sources.empty()) throw Error("rank needs data: --villages FILE, and --sites, --lines as you have them");
        if ((plan || plan_year > 0) && !uncovered) throw Error("--plan and --plan-year go with --uncovered: the plan is judged on the villages no project reached");
        refuse_output_over_inputs(output, input_files(sources));
        // Distances to the nearest site are measured here, from every site.
        if (uncovered && engine.engine == "server") throw Error("--uncovered measures distances to every site here: use --engine local or auto");
        const model::Project project = uncovered ? sources.load() : engine.load(sources);
        analysis::StatsOptions options = thresholds;
        selection.apply(project, options);
        const auto stats = engine.count(project, options);
        const bool villages = by == "village" || uncovered;
        if (!villages) analysis::require_township_names(project, stats);
        report_counting_problems(project, stats);
        const auto& rows = villages ? stats.villages : stats.townships;

        std::vector<std::size_t> order;
        std::vector<analysis::CoverageGap> gaps;
        std::vector<analysis::PlanReach> reach;
        if (uncovered) {
            gaps = analysis::coverage_gaps(project, stats);
            for (const auto& g : gaps) order.push_back(g.village);
            if (plan || plan_year > 0) reach = plan_summary(project, stats);
        } else {
            for (std::size_t i = 0; i < rows.size(); ++i)
                if (analysis::metric_value(rows[i], metric)) order.push_back(i);
        }
        // Poorest first: highest rate or count, lowest income. Ties keep the layer's order.
        const bool ascending = analysis::lower_is_poorer(metric);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const auto va = analysis::metric_value(rows[a], metric), vb = analysis::metric_value(rows[b], metric);
            if (!va || !vb) return va.has_value() && !vb.has_value();
            return ascending ? *va < *vb : *va > *vb;
        });
        if (top > 0 && order.size() > static_cast<std::size_t>(top)) order.resize(static_cast<std::size_t>(top));

        auto gap_of = [&](std::size_t village) -> const analysis::CoverageGap* {
            for (const auto& g : gaps)
                if (g.village == village) return &g;
            return nullptr;
        };
        ordered_json list = ordered_json::array();
        for (std::size_t rank = 0; rank < order.size(); ++rank) {
            const auto& row = rows[order[rank]];
            ordered_json j;
            j["rank"] = rank + 1;
            if (villages) j["village_name"] = row.village_name;
            j["township"] = row.township;
            j[metric] = optional_number(analysis::metric_value(row, metric));
            if (const auto* gap = gap_of(order[rank])) {
                j["nearest_site_m"] = optional_number(gap->nearest_site_m);
                j["nearest_pipeline_m"] = optional_number(gap->nearest_pipeline_m);
                j["nearest_ditch_m"] = optional_number(gap->nearest_ditch_m);
            }
            for (const auto& r : reach)
                if (r.village == order[rank]) j["planned_sites"] = r.planned_sites, j["reached_by_plan"] = r.reached() ? "yes" : "no";
            list.push_back(j);
        }
        emit(render(list), output);
    }

    // Each uncovered poor village's planned sites, and on stderr the line a plan is judged by.
    std::vector<analysis::PlanReach> plan_summary(const model::Project& project, const analysis::Statistics& stats) const {
        auto reach = analysis::plan_reach(project, stats, plan_year > 0 ? std::optional(plan_year) : std::nullopt);
        std::size_t reached = 0;
        for (const auto& r : reach) reached += r.reached();
        const std::string plan_name = plan_year > 0 ? "the " + std::to_string(plan_year) + " plan" : "the plan";
        std::fprintf(stderr, "countyatlas: %zu poor %s uncovered; %s reaches %zu, still misses %zu\n", reach.size(),
                     reach.size() == 1 ? "village" : "villages", plan_name.c_str(), reached, reach.size() - reached);
        return reach;
    }

    std::string render(const ordered_json& list) const {
        if (format == "json") return list.dump(2) + "\n";
        return delimited(list, format == "csv" ? ',' : '\t', [](const std::string& key, double value) {
            char buffer[32];
            const auto* metric = analysis::find_metric(key);
            std::snprintf(buffer, sizeof buffer, metric && metric->share ? "%.4f" : "%.1f", value);
            return std::string(buffer);
        });
    }
};

}  // namespace

void register_rank_command(CLI::App& root) {
    auto command = std::make_shared<RankCommand>();
    CLI::App* rank = root.add_subcommand("rank", "Rank villages or townships by a metric; --uncovered lists poor villages no project reached");
    command->sources.add_to(*rank);
    add_threshold_options(*rank, command->thresholds);
    command->selection.add_to(*rank);
    rank->add_option("--by", command->by, "village (default) or township")->check(CLI::IsMember({"village", "township"}));
    rank->add_option("--metric", command->metric, "poverty_rate (default), poor_population, income_per_capita, funds_per_poor_person...");
    rank->add_option("--top", command->top, "Only the first N")->check(CLI::NonNegativeNumber);
    rank->add_flag("--uncovered", command->uncovered, "Poor villages no existing project reached, with distances to the nearest project, pipeline and ditch");
    rank->add_flag("--plan", command->plan,
                   "With --uncovered: planned_sites and reached_by_plan (yes/no) for each village, and how many the plan reaches on stderr");
    rank->add_option("--plan-year", command->plan_year, "With --uncovered: the plan is this year's planned sites (implies --plan)")
        ->check(CLI::Range(1900, 2200));
    rank->add_option("--format", command->format, "table (default, tab-separated), json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
    rank->add_option("-o,--output", command->output, "Write to this file instead of standard output");
    command->engine.add_to(*rank);
    rank->callback([command] { command->run(); });
}

}  // namespace ca::cli
