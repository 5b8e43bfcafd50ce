// The metric names of the contract's rows.
#include "core/analysis/metrics.hpp"

#include <algorithm>

namespace ca::analysis {

const std::vector<std::string>& metric_names() {
    static const std::vector<std::string> kNames = {
        "poverty_rate", "poor_population", "poor_households", "population", "households", "income_per_capita",
        "funds_per_poor_person", "funds_yuan", "sites", "beneficiary_people", "beneficiary_households", "poor_villages",
        "coverage", "ponds", "pond_capacity_m3", "poor_per_km2", "area_km2"};
    return kNames;
}

bool is_metric(std::string_view metric) {
    const auto& names = metric_names();
    return std::find(names.begin(), names.end(), metric) != names.end();
}

bool lower_is_poorer(std::string_view metric) { return metric == "income_per_capita"; }

bool from_village_fields(std::string_view metric) {
    static const std::vector<std::string_view> kOwn = {"poverty_rate", "poor_population", "poor_households", "population", "households",
                                                       "income_per_capita", "poor_villages", "poor_per_km2", "area_km2"};
    return std::find(kOwn.begin(), kOwn.end(), metric) != kOwn.end();
}

std::optional<double> metric_value(const RegionStats& r, std::string_view m) {
    if (m == "poverty_rate") return r.poverty_rate;
    if (m == "poor_population") return r.poor_population;
    if (m == "poor_households") return r.poor_households;
    if (m == "population") return r.population;
    if (m == "households") return r.households;
    if (m == "income_per_capita") return r.income_per_capita;
    if (m == "funds_per_poor_person") return r.funds_per_poor_person;
    if (m == "funds_yuan") return r.funds_yuan;
    if (m == "sites") return r.sites;
    if (m == "beneficiary_people") return r.beneficiary_people;
    if (m == "beneficiary_households") return r.beneficiary_households;
    if (m == "poor_villages") return r.poor_villages;
    if (m == "coverage") return r.coverage;
    if (m == "poor_per_km2") return r.area_km2 > 0 ? std::optional(r.poor_population / r.area_km2) : std::nullopt;
    if (m == "area_km2") return r.area_km2 > 0 ? std::optional(r.area_km2) : std::nullopt;
    if (m == "ponds") return r.ponds;
    if (m == "pond_capacity_m3") return r.pond_capacity_m3;
    return std::nullopt;
}

}  // namespace ca::analysis
