// The metric table.
#include "core/analysis/metrics.hpp"

#include <algorithm>

namespace ca::analysis {
namespace {

template <auto Member>
std::optional<double> field(const RegionStats& r) {
    return static_cast<double>(r.*Member);
}
template <auto Member>
std::optional<double> optional_field(const RegionStats& r) {
    return r.*Member;
}
std::optional<double> poor_per_km2(const RegionStats& r) { return r.area_km2 > 0 ? std::optional(r.poor_population / r.area_km2) : std::nullopt; }
std::optional<double> area(const RegionStats& r) { return r.area_km2 > 0 ? std::optional(r.area_km2) : std::nullopt; }

// A terrain figure: a sum over the covered area, or the lowest or highest; none without DEM data.
template <auto Sum>
std::optional<double> terrain_mean(const RegionStats& r) {
    return r.terrain && r.terrain->has_data() ? std::optional(r.terrain.value().*Sum / r.terrain->area_m2) : std::nullopt;
}
template <auto Member>
std::optional<double> terrain_extreme(const RegionStats& r) {
    return r.terrain && r.terrain->has_data() ? std::optional(r.terrain.value().*Member) : std::nullopt;
}

}  // namespace

const std::vector<Metric>& metrics() {
    static const std::vector<Metric> kMetrics = {
        {"poverty_rate", "贫困发生率", "Poverty rate", "%", "%", true, false, true, optional_field<&RegionStats::poverty_rate>},
        {"poor_population", "贫困人口", "Poor people", "人", "persons", false, false, true, field<&RegionStats::poor_population>},
        {"poor_households", "贫困户", "Poor households", "户", "households", false, false, true, field<&RegionStats::poor_households>},
        {"population", "人口", "Population", "人", "persons", false, false, true, field<&RegionStats::population>},
        {"households", "户数", "Households", "户", "households", false, false, true, field<&RegionStats::households>},
        {"income_per_capita", "人均纯收入", "Net income per capita", "元", "yuan", false, true, true, optional_field<&RegionStats::income_per_capita>},
        {"funds_per_poor_person", "人均扶贫资金", "Funds per poor person", "元/人", "yuan/person", false, false, false,
         optional_field<&RegionStats::funds_per_poor_person>},
        {"funds_yuan", "扶贫资金", "Funds", "元", "yuan", false, false, false, field<&RegionStats::funds_yuan>},
        {"sites", "项目数", "Projects", "个", "count", false, false, false, field<&RegionStats::sites>},
        {"beneficiary_people", "受益人口", "Beneficiaries", "人", "persons", false, false, false, field<&RegionStats::beneficiary_people>},
        {"beneficiary_households", "受益户数", "Beneficiary households", "户", "households", false, false, false,
         field<&RegionStats::beneficiary_households>},
        {"poor_villages", "贫困村数", "Poor villages", "个", "count", false, false, true, field<&RegionStats::poor_villages>},
        {"coverage", "贫困村项目覆盖率", "Poor villages covered", "%", "%", true, false, false, optional_field<&RegionStats::coverage>},
        {"ponds", "坝塘水窖数", "Ponds and cellars", "个", "count", false, false, false, field<&RegionStats::ponds>},
        {"pond_capacity_m3", "坝塘水窖容积", "Pond and cellar capacity", "m³", "m³", false, false, false, field<&RegionStats::pond_capacity_m3>},
        {"poor_per_km2", "贫困人口密度", "Poor people per km²", "人/km²", "persons/km²", false, false, true, poor_per_km2},
        {"area_km2", "面积", "Area", "km²", "km²", false, false, true, area},
        {"elevation_mean_m", "平均海拔", "Mean elevation", "米", "m", false, false, true, terrain_mean<&TerrainSums::elevation_m_m2>, true},
        {"elevation_min_m", "最低海拔", "Lowest elevation", "米", "m", false, false, true, terrain_extreme<&TerrainSums::min_m>, true},
        {"elevation_max_m", "最高海拔", "Highest elevation", "米", "m", false, false, true, terrain_extreme<&TerrainSums::max_m>, true},
        {"slope_mean_deg", "平均坡度", "Mean slope", "度", "°", false, false, true, terrain_mean<&TerrainSums::slope_deg_m2>, true},
        {"steep_share", "25°以上坡地占比", "Land steeper than 25°", "%", "%", true, false, true, terrain_mean<&TerrainSums::steep_m2>, true},
        {"high_altitude_share", "高海拔面积占比", "Land above the high altitude", "%", "%", true, false, true, terrain_mean<&TerrainSums::high_m2>,
         true},
    };
    return kMetrics;
}

const Metric* find_metric(std::string_view name) {
    const auto& all = metrics();
    const auto it = std::find_if(all.begin(), all.end(), [&](const Metric& m) { return m.name == name; });
    return it == all.end() ? nullptr : &*it;
}

std::string metric_label(std::string_view name, model::Language language) {
    const Metric* m = find_metric(name);
    if (!m) return std::string(name);
    return std::string(language == model::Language::Chinese ? m->zh : m->en);
}

std::optional<double> metric_value(const RegionStats& row, std::string_view metric) {
    const Metric* m = find_metric(metric);
    return m ? m->read(row) : std::nullopt;
}

std::vector<std::string> metric_names() {
    std::vector<std::string> names;
    for (const auto& m : metrics()) names.emplace_back(m.name);
    return names;
}

std::vector<std::string> terrain_metric_names() {
    std::vector<std::string> names;
    for (const auto& m : metrics())
        if (m.from_dem) names.emplace_back(m.name);
    return names;
}

bool is_metric(std::string_view metric) { return find_metric(metric) != nullptr; }

bool lower_is_poorer(std::string_view metric) {
    const Metric* m = find_metric(metric);
    return m && m->lower_is_poorer;
}

bool from_village_fields(std::string_view metric) {
    const Metric* m = find_metric(metric);
    return m && m->from_village_fields;
}

}  // namespace ca::analysis
