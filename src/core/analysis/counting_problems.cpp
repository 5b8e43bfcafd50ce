// Counting's findings turned into problems, each with where the user finds it.
#include "core/analysis/counting_problems.hpp"

#include <filesystem>
#include <map>

#include "core/analysis/name_matching.hpp"

namespace ca::analysis {
namespace {

model::Problem warning(const char* kind, std::string file, std::string layer, std::int64_t id, bool is_row, std::string message) {
    return {model::Severity::Warning, kind, std::move(file), std::move(layer), id, is_row, std::move(message)};
}

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

std::string village_and_township(const RegionStats& v) {
    return quoted(v.village_name) + (v.township.empty() ? std::string() : " (" + v.township + ")");
}

// Villages sharing a township and a name (as matched: 北村 and 北村村委会 are one name).
void add_duplicate_names(const model::Project& project, const Statistics& stats, model::ProblemLog& log) {
    std::map<std::string, std::vector<std::size_t>> by_name;
    for (std::size_t i = 0; i < stats.villages.size(); ++i) {
        const auto& v = stats.villages[i];
        if (!v.village_name.empty()) by_name[township_key(v.township) + "|" + village_key(v.village_name)].push_back(i);
    }
    std::vector<std::pair<const model::Layer*, const model::Feature*>> features;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) features.emplace_back(layer, &f);
    for (const auto& [key, rows] : by_name) {
        if (rows.size() < 2) continue;
        for (const std::size_t i : rows) {
            if (i >= features.size()) continue;
            const auto& [layer, f] = features[i];
            const auto& v = stats.villages[i];
            log.add(warning(kDuplicateVillageName, layer->file_name(), layer->name, f->fid,
                            layer->fids_are_rows,
                            std::to_string(rows.size()) + " villages" + (v.township.empty() ? std::string() : " of " + v.township) +
                                " are called " + quoted(v.village_name) +
                                ": project rows that name it without a location cannot be placed in a village; give them distinct names"));
        }
    }
}

}  // namespace

void add_counting_problems(const model::Project& project, const Statistics& stats, model::ProblemLog& log) {
    for (const auto& u : stats.unmatched_sites)
        log.add(warning(kUnmatchedSite, u.file, u.layer, u.row, u.is_row, "counted in no region: " + u.reason));
    for (const auto& u : stats.township_only_sites)
        log.add(warning(kTownshipOnlySite, u.file, u.layer, u.row, u.is_row,
                        "counted in township " + quoted(u.township) + " but in no village: " + u.reason));
    for (const auto& c : stats.conflicts) {
        const auto& found = stats.villages.at(c.found_index);
        log.add(warning(kLocationConflict, c.file, c.layer, c.row, c.is_row,
                        "the row names village " + quoted(c.named_village) + " but its point lies in " + village_and_township(found) +
                            ", where it is counted; check the village name or the coordinates"));
    }
    for (const auto& p : stats.outside_ponds)
        log.add(warning(kPondOutside, p.file, p.layer, p.id, p.is_row, "lies outside every village: counted in no region"));
    add_duplicate_names(project, stats, log);
}

}  // namespace ca::analysis
