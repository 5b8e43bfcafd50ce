// The same data arriving twice — one layer as .shp and .gpkg, a shapefile with and without .cpg,
// a project list as .xlsx and as .csv — found by content, so nothing is counted twice.
#pragma once

#include <cstdint>
#include <vector>

#include "core/model/layer.hpp"
#include "core/model/problems.hpp"

namespace ca::loading {

// A hash of what a layer holds in its role, blind to format, field names and feature ids:
// coordinates (to 1e-7°), numbers as numbers and text as decoded. Two copies of one layer get
// the same fingerprint; a township that is one village does not (its role differs).
std::uint64_t content_fingerprint(const model::Layer& layer);

// Leaves out each layer whose content repeats an earlier layer's, with a warning naming both.
void leave_out_repeated_layers(std::vector<model::Layer>& layers, model::ProblemLog& problems);

// Sites layers that overlap in part: the same project (name, village and year) in two layers is
// reported, with the first few rows, as it would count twice.
void report_overlapping_sites(const std::vector<model::Layer>& layers, model::ProblemLog& problems);

}  // namespace ca::loading
