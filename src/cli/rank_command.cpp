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
#include "core/analysis/relocation.hpp"
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
    bool relocation = false;   // poor villages by the relocation score (needs a DEM)
    std::string weights;       // --weights steep=…,altitude=…,road=…,poverty=…

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
        if (relocation && uncovered) throw Error("--relocation and --uncovered are two different lists: give one");
        if (!weights.empty() && !relocation) throw Error("--weights goes with --relocation");
        const model::Project project = uncovered ? sources.load() : engine.load(sources);
        analysis::StatsOptions options = thresholds;
        selection.apply(project, options);
        if (relocation && !project.dem) throw Error("--relocation scores steep and high land: give the elevation model with --dem FILE");
        const auto stats = engine.count(project, options);
        report_counting_problems(project, stats);
        if (relocation) return emit(render(relocation_list(project, stats)), output);
        const bool villages = by == "village" || uncovered;
        if (!villages) analysis::require_township_names(project, stats);
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

    // Poor villages by their relocation score, each term shown; what was left out said on stderr.
    ordered_json relocation_list(const model::Project& project, const analysis::Statistics& stats) const {
        const auto chosen = weights.empty() ? analysis::RelocationWeights{} : analysis::parse_relocation_weights(weights);
        const auto ranking = analysis::rank_relocation(project, stats, chosen);
        if (!ranking.has_roads && chosen.road > 0)
            throw Error("--relocation: no road among the lines (kind 道路, 公路, road); give the roads with --lines FILE, or --weights road=0");
        if (ranking.poor_without_terrain)
            std::fprintf(stderr, "countyatlas: %zu poor villages lie outside %s: not ranked\n", ranking.poor_without_terrain, project.dem->name.c_str());
        ordered_json list = ordered_json::array();
        for (std::size_t rank = 0; rank < ranking.candidates.size() && (top <= 0 || rank < static_cast<std::size_t>(top)); ++rank) {
            const auto& c = ranking.candidates[rank];
            const auto& row = stats.villages[c.village];
            list.push_back({{"rank", rank + 1},
                            {"village_name", row.village_name},
                            {"township", row.township},
                            {"score", c.score},
                            {"steep_term", c.steep_term},
                            {"altitude_term", c.altitude_term},
                            {"road_term", c.road_term},
                            {"poverty_term", c.poverty_term},
                            {"steep_share", optional_number(analysis::metric_value(row, "steep_share"))},
                            {"elevation_mean_m", optional_number(analysis::metric_value(row, "elevation_mean_m"))},
                            {"road_distance_m", optional_number(c.road_distance_m)},
                            {"poverty_rate", optional_number(row.poverty_rate)}});
        }
        return list;
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
            const bool fraction = (metric && metric->share) || key == "score" || key.ends_with("_term");
            std::snprintf(buffer, sizeof buffer, fraction ? "%.4f" : "%.1f", value);
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
    rank->add_flag("--relocation", command->relocation,
                   "Poor villages by the relocation score (needs --dem): steep land, altitude, distance to a road, poverty rate; see README");
    rank->add_option("--weights", command->weights, "With --relocation: steep=0.35,altitude=0.25,road=0.2,poverty=0.2 (any of them)");
    rank->add_option("--format", command->format, "table (default, tab-separated), json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
    rank->add_option("-o,--output", command->output, "Write to this file instead of standard output");
    command->engine.add_to(*rank);
    rank->callback([command] { command->run(); });
}

}  // namespace ca::cli
