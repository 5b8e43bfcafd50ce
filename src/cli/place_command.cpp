// `countyatlas place`: every project row with a point for other tools, the rows that only name
// their village given a point inside it, each row saying how it was placed.
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/output_guard.hpp"
#include "cli/progress.hpp"
#include "cli/source_options.hpp"
#include "core/analysis/counting_problems.hpp"
#include "core/analysis/statistics.hpp"
#include "core/analysis/triangulate.hpp"
#include "core/analysis/village_candidates.hpp"
#include "core/io/table_writer.hpp"
#include "core/loading/location_audit.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"

namespace ca::cli {
namespace {

using analysis::Precision;

// The columns the rows get besides their own, in this order.
constexpr const char* kAddedColumns[] = {"precision", "village_name", "township", "source_file", "source_row"};

// A number typed as text in a plain way ("101.06922", "-3", "40"), as a table whose cells were
// read as text holds it: an int64 or a double. Not one with a leading zero ("0012", a code), a
// unit, separators or over 15 digits (an ID number): those are text that looks like a number.
std::optional<model::Value> plain_number(const std::string& text) {
    std::size_t i = text.size() > 1 && text[0] == '-' ? 1 : 0, digits = 0, dots = 0;
    if (i >= text.size() || (text[i] == '0' && i + 1 < text.size() && text[i + 1] != '.')) return std::nullopt;
    for (std::size_t k = i; k < text.size(); ++k) {
        if (text[k] == '.' && k > i && k + 1 < text.size()) ++dots;
        else if (text[k] >= '0' && text[k] <= '9') ++digits;
        else return std::nullopt;
    }
    if (dots > 1 || digits > 15) return std::nullopt;
    if (dots == 0) return model::Value{std::stoll(text)};
    return model::Value{std::stod(text)};
}

// The column type that holds every value of a field as it was loaded, numbers as numbers: text
// when any is text other than a plain number, else real when any is real, else integer; text for
// a field with no value at all.
io::ColumnType column_type(const std::vector<const model::Layer*>& layers, const std::string& field) {
    bool text = false, real = false, integer = false;
    auto note = [&](const model::Value& v) {
        real = real || std::holds_alternative<double>(v);
        integer = integer || std::holds_alternative<std::int64_t>(v);
    };
    for (const auto* layer : layers)
        for (std::size_t k = 0; k < layer->field_names.size(); ++k)
            if (layer->field_names[k] == field)
                for (const auto& f : layer->features) {
                    const auto& v = f.values[k];
                    const auto* s = std::get_if<std::string>(&v);
                    const auto number = s ? plain_number(*s) : std::nullopt;
                    text = text || (s && !number);
                    note(number ? *number : v);
                }
    if (text || !(real || integer)) return io::ColumnType::Text;
    return real ? io::ColumnType::Real : io::ColumnType::Integer;
}

model::Value in_column(const model::Value& v, io::ColumnType type) {
    if (model::is_null(v)) return v;
    if (type == io::ColumnType::Text) return std::holds_alternative<std::string>(v) ? v : model::Value{model::to_text(v)};
    const auto* s = std::get_if<std::string>(&v);
    const model::Value number = s ? plain_number(*s).value_or(model::Value{}) : v;
    if (const auto* n = std::get_if<std::int64_t>(&number); n && type == io::ColumnType::Real) return static_cast<double>(*n);
    return number;
}

// The rows' own fields (every sites layer's, by name, in the order met) and the added ones. An
// added name the rows already use (a `township` column) becomes placed_NAME; GeoPackage's own
// `fid` and `geom` are taken too. Names compare as GeoPackage does, ignoring case.
struct Columns {
    std::vector<io::Column> all;
    std::vector<std::vector<std::size_t>> of_layer;  // per sites layer, per field: its column
    std::size_t first_added = 0;
};

Columns columns_of(const std::vector<const model::Layer*>& layers) {
    Columns out;
    std::map<std::string, std::size_t> by_key;  // fold_key of a name -> its column
    for (const auto* layer : layers) {
        auto& mine = out.of_layer.emplace_back();
        for (const auto& field : layer->field_names) {
            auto [it, added] = by_key.emplace(model::fold_key(field), out.all.size());
            if (added) out.all.push_back({field, column_type(layers, field)});
            mine.push_back(it->second);
        }
    }
    out.first_added = out.all.size();
    by_key.emplace("fid", SIZE_MAX);
    by_key.emplace("geom", SIZE_MAX);
    for (const char* name : kAddedColumns) {
        std::string unique = name;
        for (int n = 1; by_key.count(model::fold_key(unique)); ++n) unique = std::string("placed_") + name + (n > 1 ? "_" + std::to_string(n) : "");
        by_key.emplace(model::fold_key(unique), out.all.size());
        const bool whole = std::string(name) == "source_row";
        out.all.push_back({unique, whole ? io::ColumnType::Integer : io::ColumnType::Text});
    }
    return out;
}

model::Value text_or_null(const std::string& text) { return text.empty() ? model::Value{} : model::Value{text}; }

// What happened to the rows, for the last line on stderr.
struct Tally {
    std::map<Precision, std::size_t> by_precision;
    std::size_t without_geometry = 0, left_out = 0;
};

// Everything placing a row needs: the counted placement, the villages' polygons in the order of
// its village rows, and the point inside each village, found once however many rows it has.
class Placer {
public:
    Placer(const model::Project& project, const analysis::Statistics& stats)
        : m_stats(stats), m_villages(analysis::candidate_villages(project, stats)), m_reasons(stats.placement->precision.size()) {
        for (std::size_t l = 0; l < m_reasons.size(); ++l) m_reasons[l].resize(stats.placement->precision[l].size());
        for (const auto* list : {&stats.placement->unmatched, &stats.placement->township_only})
            for (const auto& u : *list) m_reasons[u.layer][u.feature] = u.site.reason;
    }

    // Row `i` of sites layer `l`: its values in `columns`, its point, and its decision in `log`.
    io::PointRow row(const model::Layer& layer, std::size_t l, std::size_t i, const Columns& columns, bool left_out, model::ProblemLog& log) {
        const auto& placement = *m_stats.placement;
        const auto& f = layer.features[i];
        const Precision precision = placement.precision[l][i];
        const std::int64_t village = placement.village_of_site[l][i];
        io::PointRow out;
        out.values.resize(columns.all.size());
        for (std::size_t k = 0; k < f.values.size() && k < columns.of_layer[l].size(); ++k) {
            const std::size_t c = columns.of_layer[l][k];
            out.values[c] = in_column(f.values[k], columns.all[c].type);
        }
        const auto* named = village >= 0 ? &m_stats.villages[static_cast<std::size_t>(village)] : nullptr;
        const std::size_t added = columns.first_added;
        out.values[added] = std::string(analysis::to_string(precision));
        if (named && precision != Precision::Township) out.values[added + 1] = text_or_null(named->village_name);
        if (named) out.values[added + 2] = text_or_null(named->township);
        out.values[added + 3] = layer.file_name();
        out.values[added + 4] = f.fid;
        if (precision == Precision::Exact || (precision == Precision::None && !f.geometry.empty())) out.lonlat = f.geometry.coords.front();
        if (precision == Precision::Village) out.lonlat = point_in(static_cast<std::size_t>(village));
        if (precision == Precision::Township || precision == Precision::None) log.add(decision(layer, f, precision, named ? named->township : std::string(), m_reasons[l][i], left_out));
        return out;
    }

private:
    model::Vec2 point_in(std::size_t village) {
        auto [it, added] = m_inside.emplace(village, model::Vec2{});
        if (added) it->second = analysis::point_inside(m_geos, *m_villages.at(village).polygon);
        return it->second;
    }

    // "in township 铁锁乡 only: no village "黄家湾" in township "铁锁乡"; written without geometry"
    model::Problem decision(const model::Layer& layer, const model::Feature& f, Precision precision, const std::string& township,
                            const std::string& reason, bool left_out) const {
        const bool by_township = precision == Precision::Township;
        std::string message = (by_township ? "in township " + township + " only: " : std::string("placed nowhere: ")) + reason;
        if (left_out) message += "; left out (--skip-unplaced)";
        else if (f.geometry.empty()) message += "; written without geometry";
        else message += "; written with its own point, precision none";
        return {model::Severity::Warning, by_township ? "placed by township only" : "not placed", layer.file_name(), layer.name, f.fid,
                layer.fids_are_rows, message};
    }

    const analysis::Statistics& m_stats;
    std::vector<analysis::CandidateVillage> m_villages;
    std::vector<std::vector<std::string>> m_reasons;  // per sites layer and feature: why not in a village
    analysis::GeosContext m_geos;
    std::map<std::size_t, model::Vec2> m_inside;
};


// -o must name a GeoPackage: the one format that keeps a point layer, typed fields and Chinese
// field names whole (a shapefile cuts names at 10 bytes and has no NULL geometry).
void require_geopackage(const std::string& output) {
    if (output.empty()) throw Error("place writes a GeoPackage: give it with -o FILE.gpkg");
    if (!model::ends_with(model::fold_key(output), ".gpkg"))
        throw Error("-o " + output + ": place writes GeoPackage files only; name the output FILE.gpkg");
}

// The decisions on stderr, a line per kind (rows without a village; conflicts and the other
// findings of counting that concern sites), then what was written.
void report(const model::Project& project, const analysis::Statistics& stats, model::ProblemLog log, const Tally& tally,
            const std::string& output, const std::string& layer) {
    const model::ProblemLog counting = loading::statistics_problems(project, stats);
    for (const auto& p : counting.all())
        if (p.kind != analysis::kUnmatchedSite && p.kind != analysis::kTownshipOnlySite && p.kind != analysis::kPondOutside) log.add(p);
    for (const auto& line : log.summary()) std::cerr << "countyatlas: " << line << "\n";
    auto count = [&tally](Precision p) {
        const auto it = tally.by_precision.find(p);
        return std::to_string(it == tally.by_precision.end() ? 0 : it->second);
    };
    std::size_t rows = 0;
    for (const auto& [precision, n] : tally.by_precision) rows += n;
    std::cerr << "countyatlas: " << model::file_name(output) << ", layer " << layer << ": " << rows - tally.left_out << " rows of " << rows << "; "
              << count(Precision::Exact) << " exact, " << count(Precision::Village) << " village (a point inside it), " << count(Precision::Township)
              << " township, " << count(Precision::None) << " none; " << tally.without_geometry << " without geometry";
    if (tally.left_out) std::cerr << "; " << tally.left_out << " left out by --skip-unplaced";
    std::cerr << "\n";
}

struct PlaceCommand {
    SourceOptions sources;
    std::string output;
    bool skip_unplaced = false;

    void run() const {
        if (sources.empty()) throw Error("place needs data: --sites FILE (the project rows) and --villages FILE");
        require_geopackage(output);
        refuse_output_over_inputs(output, input_files(sources));
        const model::Project project = sources.load();
        const auto site_layers = project.layers_with(model::Role::Sites);
        if (site_layers.empty()) throw Error("place needs project rows to place: give them with --sites FILE");
        const auto stats = [&] {
            const Progress progress;
            return analysis::compute_statistics(project, {}, [&progress](std::string_view stage) { progress.stage(std::string(stage) + " done"); });
        }();
        const Columns columns = columns_of(site_layers);
        Placer placer(project, stats);
        model::ProblemLog log;
        Tally tally;
        std::vector<io::PointRow> rows;
        for (std::size_t l = 0; l < site_layers.size(); ++l)
            for (std::size_t i = 0; i < site_layers[l]->features.size(); ++i) {
                const Precision precision = stats.placement->precision[l][i];
                const bool left_out = skip_unplaced && (precision == Precision::Township || precision == Precision::None);
                io::PointRow row = placer.row(*site_layers[l], l, i, columns, left_out, log);
                ++tally.by_precision[precision];
                if (left_out) {
                    ++tally.left_out;
                    continue;
                }
                tally.without_geometry += !row.lonlat;
                rows.push_back(std::move(row));
            }
        io::write_points(output, "GPKG", site_layers.front()->name, columns.all, rows);
        report(project, stats, std::move(log), tally, output, site_layers.front()->name);
    }
};

}  // namespace

void register_place_command(CLI::App& root) {
    auto command = std::make_shared<PlaceCommand>();
    CLI::App* place = root.add_subcommand("place", "Give every project row a point for other tools: rows that only name their village get a point inside it");
    // A footer callback: main() sets every command's footer text to the exit statuses, which
    // CLI11 prints after what this returns.
    place->footer([] {
        return std::string(
        "Writes one GeoPackage point layer (EPSG:4490 lon/lat) named after the (first) sites layer, with every row of the sites "
        "given, each with all its own fields as loaded, and: precision (exact: its own point; village: no point of its own, "
        "placed by its village's name; township: only its township is known; none: placed nowhere), village_name and township "
        "(where it was placed), source_file and source_row (the row number the sheet shows, or the feature id). A name the rows "
        "already use gets placed_ before it (placed_township). A village row's point is GEOS's point-on-surface of its village, "
        "always inside it (a centroid can fall outside a crescent-shaped village); all rows of one village share that one "
        "point. Township and none rows are written without geometry (a row whose own point lies outside every village keeps it, "
        "with precision none) and are listed on stderr, a line per kind.\n");
    });
    command->sources.add_to(*place);
    place->add_option("-o,--output", command->output, "The GeoPackage to write, FILE.gpkg");
    place->add_flag("--skip-unplaced", command->skip_unplaced, "Leave out the rows not placed in a village (precision township or none)");
    place->callback([command] { command->run(); });
}

}  // namespace ca::cli
