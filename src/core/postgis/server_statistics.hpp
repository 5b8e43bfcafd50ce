// The statistics counted by SQL on a PostGIS server: the villages' own rows come from the
// villages table as read, while sites, ponds and lines are placed, cut and measured by the
// server, which sends back only sums per village (and the rows it could not place). The same
// rules as the embedded engine (analysis::compute_statistics), so both give the same figures:
// a point belongs to the village holding it, on a shared border to the first village (lowest id);
// a line is cut at village borders and each piece goes to the village holding its midpoint by
// the same rule, so a stretch along a border counts once; lengths are geodesic on the table's
// ellipsoid (CGCS2000 for EPSG:4490, as `geography`); rows without a location are placed by
// township and village names by the client, per distinct pair.
#pragma once

#include <string>

#include "core/analysis/statistics.hpp"

namespace ca::postgis {

// Why this project's statistics cannot be counted on a server, or "" when they can: one villages
// table, and every sites, lines, ponds and townships layer a table of the same database, its
// numbers (funds, beneficiaries, capacity) in number columns, no web-map offsets to convert.
std::string server_refusal(const model::Project& project);

// Throws ca::Error (naming the database) when the server fails or refuses; see server_refusal.
analysis::Statistics count_on_server(const model::Project& project, const analysis::StatsOptions& options,
                                     const analysis::StageCallback& on_stage = {});

}  // namespace ca::postgis
