// Web-map offsets found by counting twice: as the points are, and converted back to WGS84.
#include "core/loading/location_audit.hpp"

#include <filesystem>
#include <optional>

#include "core/analysis/counting_problems.hpp"
#include "core/analysis/name_matching.hpp"
#include "core/analysis/village_index.hpp"
#include "core/model/text.hpp"

namespace ca::loading {
namespace {

using model::Meaning;

std::string text(const model::Layer& layer, const model::Feature& f, Meaning m) {
    return model::normalize_text(model::to_text(layer.value(f, m)));
}

// Each site's point and the village its row names (if it names one that exists), once per layer.
struct SiteFacts {
    std::vector<std::size_t> features;  // those with a point
    std::vector<std::optional<std::size_t>> named;
};

SiteFacts site_facts(const model::Layer& layer, const analysis::VillageNames& names) {
    SiteFacts facts;
    for (std::size_t i = 0; i < layer.features.size(); ++i) {
        const auto& f = layer.features[i];
        if (f.geometry.empty()) continue;
        facts.features.push_back(i);
        const std::string name = text(layer, f, Meaning::VillageName);
        const auto match = name.empty() ? analysis::VillageNames::Match{analysis::VillageNames::Outcome::NoSuchVillage}
                                        : names.find(text(layer, f, Meaning::Township), name);
        facts.named.push_back(match.outcome == analysis::VillageNames::Outcome::Found ? std::optional(match.index) : std::nullopt);
    }
    return facts;
}

// A point is misplaced when it is in no village, or in another one than its row names.
bool misplaced(const std::optional<std::size_t>& at, const std::optional<std::size_t>& named) { return !at || (named && *at != *named); }

OffsetFinding finding(const model::Layer& layer, const std::vector<std::int64_t>& placed, const SiteFacts& facts,
                      const analysis::VillageIndex& index, io::WebMapCoords coords) {
    OffsetFinding result;
    result.coords = coords;
    for (std::size_t k = 0; k < facts.features.size(); ++k) {
        const std::size_t i = facts.features[k];
        const std::optional<std::size_t> now = placed[i] >= 0 ? std::optional(static_cast<std::size_t>(placed[i])) : std::nullopt;
        const auto after = index.locate(io::to_wgs84(layer.features[i].geometry.coords.front(), coords));
        const bool bad_now = misplaced(now, facts.named[k]), bad_after = misplaced(after, facts.named[k]);
        if (bad_now) {
            ++result.misplaced;
            result.resolved += !bad_after;
        } else {
            result.made += bad_after;
        }
    }
    return result;
}

const char* coords_name(io::WebMapCoords coords) { return coords == io::WebMapCoords::Bd09 ? "bd09" : "gcj02"; }
const char* coords_title(io::WebMapCoords coords) { return coords == io::WebMapCoords::Bd09 ? "BD-09 (Baidu map)" : "GCJ-02 (Chinese web map)"; }

}  // namespace

std::vector<OffsetFinding> web_map_offset_findings(const model::Project& project, const analysis::Statistics& stats) {
    std::vector<OffsetFinding> findings;
    if (!stats.placement) return findings;
    std::vector<const model::Geometry*> shapes;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) shapes.push_back(&f.geometry);
    if (shapes.size() != stats.villages.size()) return findings;  // not counted from this project
    const analysis::VillageIndex index(shapes);
    analysis::VillageNames names;
    for (std::size_t i = 0; i < stats.villages.size(); ++i) names.add(stats.villages[i].township, stats.villages[i].village_name, i);

    const auto site_layers = project.layers_with(model::Role::Sites);
    for (std::size_t l = 0; l < site_layers.size() && l < stats.placement->village_of_site.size(); ++l) {
        const model::Layer& layer = *site_layers[l];
        const SiteFacts facts = site_facts(layer, names);
        if (facts.features.empty()) continue;
        const auto& placed = stats.placement->village_of_site[l];
        OffsetFinding best = finding(layer, placed, facts, index, io::WebMapCoords::Gcj02);
        if (!best.suggests_conversion())
            if (OffsetFinding bd = finding(layer, placed, facts, index, io::WebMapCoords::Bd09); bd.suggests_conversion()) best = bd;
        best.layer_index = l;
        best.file = layer.file_name();
        best.layer = layer.name;
        findings.push_back(best);
    }
    return findings;
}

void audit_site_locations(const model::Project& project, const analysis::Statistics& stats, model::ProblemLog& log) {
    for (const auto& f : web_map_offset_findings(project, stats)) {
        if (!f.suggests_conversion()) continue;
        log.add({model::Severity::Warning, kWebMapOffset, f.file, f.layer, -1, false,
                 std::to_string(f.resolved) + " of the " + std::to_string(f.misplaced) +
                     " sites whose point lies outside every village or in another village than their row names fall in place when "
                     "read as " + coords_title(f.coords) + " coordinates (" + std::to_string(f.made) +
                     " others would move out); if the points were read off such a map, pass --coords " + f.file + "=" +
                     coords_name(f.coords)});
    }
}

model::ProblemLog statistics_problems(const model::Project& project, const analysis::Statistics& stats) {
    model::ProblemLog log;
    analysis::add_counting_problems(project, stats, log);
    audit_site_locations(project, stats, log);
    return log;
}

}  // namespace ca::loading
