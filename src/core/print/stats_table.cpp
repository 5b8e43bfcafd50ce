// Formatting statistics rows: one flattening shared by CSV and the text table.
#include "core/print/stats_table.hpp"

#include "core/analysis/dissolve.hpp"
#include "core/analysis/metrics.hpp"
#include "core/io/report_workbook.hpp"
#include "core/io/table_writer.hpp"
#include "core/io/vector_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <iterator>
#include <sstream>

namespace ca::print {
namespace {

using analysis::RegionStats;
using nlohmann::ordered_json;

// Whole numbers print as integers (812, not 812.0); the rest as they are.
ordered_json number(double x) {
    if (std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 1e15) return static_cast<std::int64_t>(x);
    return x;
}
ordered_json number(const std::optional<double>& x) { return x ? number(*x) : ordered_json(); }

std::optional<double> rounded(const std::optional<double>& x, int decimals) {
    const double unit = std::pow(10.0, decimals);
    return x ? std::optional(std::round(*x * unit) / unit) : std::nullopt;
}

ordered_json row_json(const RegionStats& r, StatsLevel level, bool is_total) {
    ordered_json j;
    if (level == StatsLevel::Village && !is_total) j["village_name"] = r.village_name;
    j["township"] = is_total ? ordered_json() : ordered_json(r.township);
    j["villages"] = r.villages;
    j["households"] = number(r.households);
    j["population"] = number(r.population);
    j["poor_households"] = number(r.poor_households);
    j["poor_population"] = number(r.poor_population);
    j["poverty_rate"] = number(r.poverty_rate);
    j["income_per_capita"] = number(r.income_per_capita);
    j["poor_villages"] = r.poor_villages;
    j["covered_poor_villages"] = r.covered_poor_villages;
    j["coverage"] = number(r.coverage);
    j["sites"] = r.sites;
    // How the sites were placed; a village holds no site placed by township only.
    j["sites_exact"] = r.sites_exact;
    j["sites_by_name"] = r.sites_by_name;
    if (level == StatsLevel::Township || is_total) j["sites_township_only"] = r.sites_township_only;
    j["sites_by_type"] = r.sites_by_type;
    j["funds_yuan"] = number(r.funds_yuan);
    j["beneficiary_households"] = number(r.beneficiary_households);
    j["beneficiary_people"] = number(r.beneficiary_people);
    j["funds_per_poor_person"] = number(r.funds_per_poor_person);
    j["line_km_by_kind"] = ordered_json::object();
    for (const auto& [kind, km] : r.line_km_by_kind) j["line_km_by_kind"][kind] = km;
    j["ponds"] = r.ponds;
    j["pond_capacity_m3"] = number(r.pond_capacity_m3);
    if (r.terrain)  // with a DEM: area-weighted over the part of the region it covers, to centimetres and millionths
        for (const auto& name : analysis::terrain_metric_names()) j[name] = number(rounded(analysis::metric_value(r, name), name.ends_with("_m") ? 2 : 6));
    return j;
}

// Flattens a JSON row into (column, value) pairs, objects one level down as the contract names them.
std::vector<std::pair<std::string, ordered_json>> flatten(const ordered_json& row) {
    std::vector<std::pair<std::string, ordered_json>> cells;
    for (const auto& [key, value] : row.items()) {
        if (key == "sites_by_type") {
            for (const auto& [type, n] : value.items()) cells.emplace_back("sites_" + type, n);
        } else if (key == "line_km_by_kind") {
            for (const auto& [kind, km] : value.items()) cells.emplace_back(kind + "_km", km);
        } else {
            cells.emplace_back(key, value);
        }
    }
    return cells;
}

std::vector<ordered_json> all_rows(const analysis::Statistics& stats, StatsLevel level) {
    std::vector<ordered_json> rows;
    for (const auto& r : level == StatsLevel::Village ? stats.villages : stats.townships) rows.push_back(row_json(r, level, false));
    ordered_json total = row_json(stats.total, level, true);
    if (level == StatsLevel::Village) {
        // The total row of a village table has the village column too, empty.
        ordered_json with_name;
        with_name["village_name"] = nullptr;
        for (const auto& [k, v] : total.items()) with_name[k] = v;
        total = with_name;
    }
    rows.push_back(total);
    return rows;
}

std::string cell_text(const ordered_json& v) {
    if (v.is_null()) return {};
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

std::string csv_escape(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string fixed(const ordered_json& v, int decimals) {
    if (v.is_null()) return "-";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v.get<double>());
    return buffer;
}

}  // namespace

ordered_json stats_json(const analysis::Statistics& stats, StatsLevel level) {
    ordered_json j;
    j["poverty_line_yuan"] = number(stats.options.poverty_line_yuan);
    j["poor_rate_threshold"] = stats.options.poor_rate_threshold;
    if (stats.options.village_terrain) j["high_altitude_m"] = number(stats.options.high_altitude_m);
    j["regions"] = ordered_json::array();
    for (const auto& r : level == StatsLevel::Village ? stats.villages : stats.townships) j["regions"].push_back(row_json(r, level, false));
    j["total"] = row_json(stats.total, level, true);
    auto listed = [](const analysis::UnmatchedSite& u, analysis::Precision precision) {
        return ordered_json{{"file", u.file},         {"layer", u.layer},
                            {"row", u.row},           {"township", u.township},
                            {"village_name", u.village_name}, {"project_name", u.project_name},
                            {"reason", u.reason},     {"precision", analysis::to_string(precision)}};
    };
    j["unmatched_sites"] = ordered_json::array();
    for (const auto& u : stats.unmatched_sites) j["unmatched_sites"].push_back(listed(u, analysis::Precision::None));
    j["township_only_sites"] = ordered_json::array();
    for (const auto& u : stats.township_only_sites) j["township_only_sites"].push_back(listed(u, analysis::Precision::Township));
    j["location_conflicts"] = ordered_json::array();
    for (const auto& c : stats.conflicts) {
        const auto& found = stats.villages.at(c.found_index);
        j["location_conflicts"].push_back({{"file", c.file},
                                           {"layer", c.layer},
                                           {"row", c.row},
                                           {"project_name", c.project_name},
                                           {"township", c.named_township},
                                           {"village_name", c.named_village},
                                           {"found_township", found.township},
                                           {"found_village_name", found.village_name}});
    }
    return j;
}

FlatTable stats_flat(const analysis::Statistics& stats, StatsLevel level) {
    // Columns of every row, in first-seen order: a village table's total has sites_township_only,
    // its village rows have not (their cell stays empty).
    FlatTable table;
    std::vector<std::vector<std::pair<std::string, ordered_json>>> rows;
    for (const auto& row : all_rows(stats, level)) {
        rows.push_back(flatten(row));
        for (const auto& [name, value] : rows.back())
            if (std::find(table.columns.begin(), table.columns.end(), name) == table.columns.end()) {
                // A new column goes right after the one it follows in its row.
                const auto at = std::find_if(rows.back().begin(), rows.back().end(), [&name = name](const auto& cell) { return cell.first == name; });
                auto before = table.columns.end();
                if (at != rows.back().begin()) before = std::find(table.columns.begin(), table.columns.end(), std::prev(at)->first) + 1;
                table.columns.insert(before, name);
            }
    }
    for (const auto& cells : rows) {
        table.rows.emplace_back(table.columns.size());
        for (const auto& [name, value] : cells)
            table.rows.back()[static_cast<std::size_t>(std::find(table.columns.begin(), table.columns.end(), name) - table.columns.begin())] = value;
    }
    return table;
}

std::string stats_csv(const analysis::Statistics& stats, StatsLevel level) {
    const FlatTable table = stats_flat(stats, level);
    std::ostringstream out;
    for (std::size_t i = 0; i < table.columns.size(); ++i) out << (i ? "," : "") << table.columns[i];
    out << "\n";
    for (const auto& row : table.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << csv_escape(cell_text(row[i]));
        out << "\n";
    }
    return out.str();
}

std::string stats_text_table(const analysis::Statistics& stats, StatsLevel level) {
    struct Column {
        std::string heading;
        std::function<std::string(const ordered_json&)> value;
    };
    std::vector<Column> columns;
    if (level == StatsLevel::Village)
        columns.push_back({"村", [](const ordered_json& r) { return r["village_name"].is_null() ? std::string("合计") : cell_text(r["village_name"]); }});
    columns.push_back({"乡镇", [level](const ordered_json& r) {
                           return r["township"].is_null() ? std::string(level == StatsLevel::Village ? "" : "合计") : cell_text(r["township"]);
                       }});
    auto integer = [](const char* key) { return [key](const ordered_json& r) { return fixed(r[key], 0); }; };
    columns.push_back({"村数", integer("villages")});
    columns.push_back({"户数", integer("households")});
    columns.push_back({"人口", integer("population")});
    columns.push_back({"贫困人口", integer("poor_population")});
    columns.push_back({"贫困发生率%", [](const ordered_json& r) { return r["poverty_rate"].is_null() ? "-" : fixed(r["poverty_rate"].get<double>() * 100, 1); }});
    columns.push_back({"人均纯收入", integer("income_per_capita")});
    columns.push_back({"贫困村", integer("poor_villages")});
    columns.push_back({"已覆盖", integer("covered_poor_villages")});
    columns.push_back({"项目", integer("sites")});
    // Sites known only by their township: they make a township's count more than its villages'.
    if (stats.total.sites_township_only > 0)
        columns.push_back({"仅知乡镇", [](const ordered_json& r) { return r.contains("sites_township_only") ? fixed(r["sites_township_only"], 0) : ""; }});
    columns.push_back({"资金(万元)", [](const ordered_json& r) { return fixed(r["funds_yuan"].get<double>() / 10000, 1); }});
    columns.push_back({"受益人数", integer("beneficiary_people")});
    for (const auto& [kind, name] : std::vector<std::pair<std::string, std::string>>{{"ditch", "沟渠km"}, {"pipeline", "管道km"}, {"road", "道路km"}})
        if (stats.total.line_km_by_kind.count(kind))
            columns.push_back({name, [kind = kind](const ordered_json& r) { return fixed(r["line_km_by_kind"][kind], 1); }});
    columns.push_back({"塘窖井", integer("ponds")});
    columns.push_back({"蓄水m³", integer("pond_capacity_m3")});
    if (stats.total.terrain) {
        auto percent = [](const char* key) { return [key](const ordered_json& r) { return r[key].is_null() ? "-" : fixed(r[key].get<double>() * 100, 1); }; };
        columns.push_back({"平均海拔m", integer("elevation_mean_m")});
        columns.push_back({"平均坡度°", [](const ordered_json& r) { return fixed(r["slope_mean_deg"], 1); }});
        columns.push_back({"25°以上%", percent("steep_share")});
        columns.push_back({"高海拔%", percent("high_altitude_share")});
    }

    const auto rows = all_rows(stats, level);
    std::vector<std::vector<std::string>> cells;
    std::vector<std::size_t> widths;
    for (const auto& c : columns) widths.push_back(io::display_width(c.heading));
    for (const auto& row : rows) {
        cells.emplace_back();
        for (std::size_t i = 0; i < columns.size(); ++i) {
            cells.back().push_back(columns[i].value(row));
            widths[i] = std::max(widths[i], io::display_width(cells.back().back()));
        }
    }
    std::ostringstream out;
    auto line = [&](const std::vector<std::string>& values) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            const std::string pad(widths[i] - io::display_width(values[i]), ' ');
            out << (i ? "  " : "") << (i < (level == StatsLevel::Village ? 2u : 1u) ? values[i] + pad : pad + values[i]);
        }
        out << "\n";
    };
    std::vector<std::string> headings;
    for (const auto& c : columns) headings.push_back(c.heading);
    line(headings);
    for (const auto& row : cells) line(row);
    return out.str();
}

// The same rows as CSV, as a GeoPackage of region polygons for any GIS (or, given "xlsx", the
// contract's keys in a plain spreadsheet through GDAL, for machines).
void write_stats_file(const model::Project& project, const analysis::Statistics& stats, StatsLevel level, const std::string& format,
                      const std::string& path) {
    const FlatTable table = stats_flat(stats, level);
    const bool with_geometry = format == "gpkg" || format == "postgis";
    std::vector<io::Column> columns;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        io::ColumnType type = io::ColumnType::Integer;
        for (const auto& row : table.rows) {
            if (row[c].is_string()) type = io::ColumnType::Text;
            else if (row[c].is_number_float() && type != io::ColumnType::Text) type = io::ColumnType::Real;
        }
        columns.push_back({table.columns[c], type});
    }
    std::vector<model::Geometry> shapes;
    if (with_geometry) {
        if (level == StatsLevel::Township) {
            shapes = analysis::township_shapes(project, stats);
        } else {
            for (const auto* layer : project.layers_with(model::Role::Villages))
                for (const auto& f : layer->features) shapes.push_back(f.geometry);
        }
    }
    std::vector<io::TableRow> rows;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const bool is_total = r + 1 == table.rows.size();
        if (with_geometry && is_total) continue;  // a map layer holds regions; the total is in the table formats
        io::TableRow row;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const auto& v = table.rows[r][c];
            if (v.is_null()) row.values.emplace_back();
            else if (columns[c].type == io::ColumnType::Text) row.values.emplace_back(v.get<std::string>());
            else if (columns[c].type == io::ColumnType::Integer) row.values.emplace_back(v.get<std::int64_t>());
            else row.values.emplace_back(v.get<double>());
        }
        if (with_geometry) row.polygon = shapes[r];
        rows.push_back(std::move(row));
    }
    const std::string layer = level == StatsLevel::Township ? "township_stats" : "village_stats";
    if (format == "postgis") {  // `path`: "PG:… [schema.]table"
        const io::SourceSpec target = io::parse_source(path);
        return io::write_database_table(target.path, target.layer.empty() ? layer : target.layer, columns, rows, true);
    }
    io::write_table(path, with_geometry ? "GPKG" : "XLSX", layer, columns, rows, with_geometry);
}

}  // namespace ca::print
