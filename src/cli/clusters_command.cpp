// `countyatlas clusters`: poverty hot spots across township lines, per village.
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/delimited.hpp"
#include "cli/output_file.hpp"
#include "cli/output_guard.hpp"
#include "cli/source_options.hpp"
#include "cli/count_options.hpp"
#include "core/analysis/autocorrelation.hpp"
#include "core/analysis/metrics.hpp"
#include "core/analysis/spatial_weights.hpp"
#include "core/io/table_writer.hpp"
#include "core/model/error.hpp"

namespace ca::cli {
namespace {

using nlohmann::ordered_json;

struct ClustersCommand {
    SourceOptions sources;
    analysis::StatsOptions thresholds;
    analysis::PermutationOptions permutation;
    std::string metric = "poverty_rate";
    std::string format = "json";
    std::string output;

    void run() const {
        if (!analysis::is_metric(metric)) throw Error("--metric " + metric + " is not a metric; see countyatlas rank --help");
        if (sources.empty()) throw Error("clusters needs village boundaries: --villages FILE");
        refuse_output_over_inputs(output, input_files(sources));
        const model::Project project = sources.load();
        const auto stats = analysis::compute_statistics(project, thresholds);

        // Villages without a value (no population, say) leave the analysis, and their borders with it.
        std::vector<const model::Geometry*> shapes;
        std::vector<double> values;
        std::vector<std::size_t> village_of;
        std::size_t v = 0;
        for (const auto* layer : project.layers_with(model::Role::Villages))
            for (const auto& f : layer->features) {
                if (const auto value = analysis::metric_value(stats.villages[v], metric)) {
                    shapes.push_back(&f.geometry);
                    values.push_back(*value);
                    village_of.push_back(v);
                }
                ++v;
            }
        const analysis::GeosContext geos;
        const auto neighbours = analysis::queen_neighbours(geos, shapes);
        const auto global = analysis::global_moran(values, neighbours, permutation);
        const auto local = analysis::local_moran(values, neighbours, permutation);
        const auto gi = analysis::getis_ord_gi_star(values, neighbours);

        ordered_json rows = ordered_json::array();
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto& row = stats.villages[village_of[i]];
            rows.push_back({{"village_name", row.village_name},
                            {"township", row.township},
                            {metric, values[i]},
                            {"neighbours", neighbours[i].size()},
                            {"local_moran_i", local[i].i},
                            {"p_value", local[i].p_value},
                            {"cluster", std::string(analysis::to_string(local[i].cluster))},
                            {"gi_star_z", gi[i]}});
        }
        if (format == "gpkg") {
            if (output.empty()) throw Error("--format gpkg writes a file: give it with -o FILE");
            std::vector<io::Column> columns = {{"village_name", io::ColumnType::Text}, {"township", io::ColumnType::Text},
                                               {metric, io::ColumnType::Real},         {"neighbours", io::ColumnType::Integer},
                                               {"local_moran_i", io::ColumnType::Real}, {"p_value", io::ColumnType::Real},
                                               {"cluster", io::ColumnType::Text},       {"gi_star_z", io::ColumnType::Real}};
            std::vector<io::TableRow> table;
            for (std::size_t i = 0; i < values.size(); ++i) {
                const auto& row = stats.villages[village_of[i]];
                table.push_back({{row.village_name, row.township, values[i], static_cast<std::int64_t>(neighbours[i].size()), local[i].i,
                                  local[i].p_value, std::string(analysis::to_string(local[i].cluster)), gi[i]},
                                 *shapes[i]});
            }
            io::write_table(output, "GPKG", "clusters", columns, table, true);
            return;
        }
        if (format == "json") {
            ordered_json j;
            j["metric"] = metric;
            j["permutations"] = permutation.permutations;
            j["seed"] = permutation.seed;
            j["moran"] = {{"i", global.i}, {"expected", global.expected}, {"p_value", global.p_value}};
            j["villages"] = rows;
            emit(j.dump(2) + "\n", output);
            return;
        }
        emit(delimited(rows, ','), output);
    }
};

}  // namespace

void register_clusters_command(CLI::App& root) {
    auto command = std::make_shared<ClustersCommand>();
    CLI::App* clusters = root.add_subcommand("clusters", "Moran's I, LISA clusters and Gi* hot spots of a metric across villages");
    command->sources.add_to(*clusters);
    add_threshold_options(*clusters, command->thresholds);
    clusters->add_option("--metric", command->metric, "poverty_rate (default), poor_population, income_per_capita...");
    clusters->add_option("--permutations", command->permutation.permutations, "For the pseudo p-values (default 999)")->check(CLI::Range(19, 99999));
    clusters->add_option("--seed", command->permutation.seed, "Random seed of the permutations (default 12345)");
    clusters->add_option("--significance", command->permutation.significance, "p-value a LISA cluster needs (default 0.05)")->check(CLI::Range(0.0, 1.0));
    clusters->add_option("--format", command->format, "json (default), csv or gpkg (village polygons)")->check(CLI::IsMember({"json", "csv", "gpkg"}));
    clusters->add_option("-o,--output", command->output, "Write to this file instead of standard output");
    clusters->callback([command] { command->run(); });
}

}  // namespace ca::cli
