// The statistics as the contract's rows: JSON, CSV and an aligned text table for reports.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/statistics.hpp"

namespace ca::print {

enum class StatsLevel { Township, Village };

// The rows (regions, then the total) flattened as CSV columns, values as JSON scalars.
struct FlatTable {
    std::vector<std::string> columns;
    std::vector<std::vector<nlohmann::ordered_json>> rows;
};
FlatTable stats_flat(const analysis::Statistics& stats, StatsLevel level);

// {"poverty_line_yuan", "poor_rate_threshold", "regions", "total", "unmatched_sites"}
nlohmann::ordered_json stats_json(const analysis::Statistics& stats, StatsLevel level);
// The same rows flattened: sites_by_type.industry -> sites_industry, line_km_by_kind.ditch -> ditch_km.
std::string stats_csv(const analysis::Statistics& stats, StatsLevel level);
// Aligned columns with Chinese headings, for the terminal and for pasting into a report.
std::string stats_text_table(const analysis::Statistics& stats, StatsLevel level);

// The same rows as CSV, written as a GeoPackage of the region polygons ("gpkg") that any GIS
// opens; through a temporary file. (A spreadsheet for people is stats_report.hpp's.)
void write_stats_file(const model::Project& project, const analysis::Statistics& stats, StatsLevel level, const std::string& format,
                      const std::string& path);

}  // namespace ca::print
