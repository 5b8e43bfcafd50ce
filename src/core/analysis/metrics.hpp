// The metrics of a statistics row, in one table: what ranking, clusters, choropleths, legends and
// tables know of each (its contract name, labels and units in both languages, how it is shown,
// which way is poorer, what it needs counted, how to read it).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/statistics.hpp"
#include "core/model/language.hpp"

namespace ca::analysis {

struct Metric {
    std::string_view name;  // the contract's key: "poverty_rate", "funds_per_poor_person"...
    std::string_view zh, en;
    std::string_view unit_zh, unit_en;  // empty: none
    bool share = false;                 // a fraction of one, shown as a percentage
    bool lower_is_poorer = false;       // income ranks the poorest first when ascending
    bool from_village_fields = false;   // the villages' own fields and areas give it: no sites, ponds or lines needed
    std::optional<double> (*read)(const RegionStats&) = nullptr;
    bool from_dem = false;  // a terrain figure: offered only when the project has a DEM
};

// Every metric, in the order lists offer them.
const std::vector<Metric>& metrics();
// The metric of that name; null when there is none.
const Metric* find_metric(std::string_view name);
// The label, "贫困发生率" / "Poverty rate"; the name itself when it is no metric.
std::string metric_label(std::string_view name, model::Language language);

// The row's value of the metric; nothing when the row has none or it is no metric.
std::optional<double> metric_value(const RegionStats& row, std::string_view metric);
std::vector<std::string> metric_names();
bool is_metric(std::string_view metric);
bool lower_is_poorer(std::string_view metric);
// The terrain metrics (elevation, slope, steep and high shares), in list order.
std::vector<std::string> terrain_metric_names();
// Whether statistics with StatsOptions::villages_only give the metric.
bool from_village_fields(std::string_view metric);

}  // namespace ca::analysis
