// Are a sites layer's points in web-map (GCJ-02 / BD-09) coordinates? Counting tells where points
// and names disagree; converting the points back and counting again tells whether the offset
// explains it. Here, not in analysis, because it needs io's conversions.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/statistics.hpp"
#include "core/io/web_map_offsets.hpp"
#include "core/model/problems.hpp"
#include "core/model/project.hpp"

namespace ca::loading {

inline constexpr const char* kWebMapOffset = "web-map offset";

// What converting one sites layer's points from `coords` to WGS84 would do.
struct OffsetFinding {
    std::size_t layer_index = 0;  // in Project::layers_with(Role::Sites) order
    std::string file, layer;      // the file's name, the layer's name
    io::WebMapCoords coords = io::WebMapCoords::Gcj02;
    // Sites with a point that lies outside every village or in another village than their row
    // names (a location conflict); how many of them the conversion puts in their village (or, for
    // a row naming none, in some village); how many sites placed well now it would misplace.
    std::size_t misplaced = 0, resolved = 0, made = 0;

    // At least 5 misplaced, at least half of them resolved, and more resolved than made.
    bool suggests_conversion() const { return misplaced >= 5 && resolved * 2 >= misplaced && resolved > made; }
};

// For each sites layer with points: GCJ-02, else BD-09, whichever suggests conversion first
// (GCJ-02's finding when neither does). Every site counts, whatever the statistics' filter.
std::vector<OffsetFinding> web_map_offset_findings(const model::Project& project, const analysis::Statistics& stats);

// A Warning for each sites layer whose finding suggests conversion, naming --coords FILE=gcj02.
void audit_site_locations(const model::Project& project, const analysis::Statistics& stats, model::ProblemLog& log);

// Everything counting met: analysis::add_counting_problems, then audit_site_locations. What
// `countyatlas check` lists and `stats` / `rank` sum up on stderr.
model::ProblemLog statistics_problems(const model::Project& project, const analysis::Statistics& stats);

}  // namespace ca::loading
