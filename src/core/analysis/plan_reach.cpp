// Planned sites per uncovered poor village, from the site placement the statistics kept.
#include "core/analysis/plan_reach.hpp"

#include "core/model/fields.hpp"
#include "core/model/text.hpp"

namespace ca::analysis {

std::vector<PlanReach> plan_reach(const model::Project& project, const Statistics& stats, std::optional<int> plan_year) {
    std::vector<int> planned(stats.villages.size(), 0);
    if (stats.placement) {
        model::CanonicalSpellings status(model::canonical_status);
        const auto layers = project.layers_with(model::Role::Sites);
        for (std::size_t l = 0; l < layers.size() && l < stats.placement->village_of_site.size(); ++l) {
            const auto& villages = stats.placement->village_of_site[l];
            const auto& precision = stats.placement->precision[l];
            for (std::size_t k = 0; k < layers[l]->features.size() && k < villages.size(); ++k) {
                // By township only, its row is the township's first village: not a village reached.
                if (villages[k] < 0 || precision[k] == Precision::Township) continue;
                const auto& f = layers[l]->features[k];
                if (status(model::to_text(layers[l]->value(f, model::Meaning::Status))) != "planned") continue;
                if (plan_year && model::to_number(layers[l]->value(f, model::Meaning::Year)) != static_cast<double>(*plan_year)) continue;
                if (static_cast<std::size_t>(villages[k]) < planned.size()) ++planned[static_cast<std::size_t>(villages[k])];
            }
        }
    }
    std::vector<PlanReach> out;
    for (std::size_t i = 0; i < stats.villages.size(); ++i)
        if (stats.villages[i].poor_villages > 0 && stats.villages[i].covered_poor_villages == 0) out.push_back({i, planned[i]});
    return out;
}

}  // namespace ca::analysis
