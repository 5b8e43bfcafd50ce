// Placing the rows of a new project sheet in villages (see import_villages.hpp).
#include "cli/import_villages.hpp"

#include <optional>

#include "core/analysis/statistics.hpp"
#include "core/analysis/village_candidates.hpp"
#include "core/io/working_crs.hpp"
#include "core/model/project.hpp"
#include "core/model/value.hpp"

namespace ca::cli {

struct SheetVillages::State {
    model::Project project;  // the villages and the sheet, the sheet last: candidates point into it
    analysis::Statistics stats;
    std::vector<std::string> reasons;  // per row: why it is in no village ("" when it is)
    std::optional<analysis::VillageCandidateIndex> candidates;
};

SheetVillages::SheetVillages(const model::Layer& sheet, const std::vector<const model::Layer*>& villages) {
    if (villages.empty()) return;
    m_state = std::make_unique<State>();
    auto& project = m_state->project;
    for (const auto* layer : villages) project.layers.push_back(*layer);
    project.layers.push_back(sheet);
    project.layers.back().role = model::Role::Sites;
    project.working = io::choose_working_crs(project.extent());
    m_state->stats = analysis::compute_statistics(project, {});
    m_state->reasons.resize(sheet.features.size());
    for (const auto* list : {&m_state->stats.placement->unmatched, &m_state->stats.placement->township_only})
        for (const auto& u : *list) m_state->reasons[u.feature] = u.site.reason;
    m_state->candidates.emplace(analysis::candidate_villages(project, m_state->stats));
}

SheetVillages::~SheetVillages() = default;

RowVillage SheetVillages::row(std::size_t feature) const {
    if (!m_state) return {false, "village not checked (no villages layer: give one with --villages)"};
    const auto& placement = *m_state->stats.placement;
    const auto precision = placement.precision[0][feature];
    const std::int64_t village = placement.village_of_site[0][feature];
    if (precision == analysis::Precision::Exact || precision == analysis::Precision::Village) {
        const auto& v = m_state->stats.villages[static_cast<std::size_t>(village)];
        return {true, "village " + v.village_name + " (" + v.township + ")" + (precision == analysis::Precision::Exact ? ", by its point" : "")};
    }
    const model::Layer& sheet = m_state->project.layers.back();
    const model::Feature& f = sheet.features[feature];
    const std::string township = model::to_text(sheet.value(f, model::Meaning::Township));
    const std::string name = model::to_text(sheet.value(f, model::Meaning::VillageName));
    std::optional<model::Vec2> point;
    if (!f.geometry.empty()) point = f.geometry.coords.front();
    const auto best = m_state->candidates->candidates({township, name, point}, 1);
    std::string text = "in no village: " + m_state->reasons[feature];
    if (best.empty()) return {false, text + "; no candidate village"};
    return {false, text + "; best candidate " + best.front().name + " (" + best.front().township + "): " + best.front().reason};
}

}  // namespace ca::cli
