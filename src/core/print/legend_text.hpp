// What a figure's legend says about itself: a heading naming the metric, its unit and the
// classification, and on a township's page the counts of that township's villages per class.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/analysis/statistics.hpp"
#include "core/model/language.hpp"
#include "core/model/project.hpp"
#include "core/scene/map_style.hpp"

namespace ca::print {

// "贫困发生率（%），自然断点，5 级" / "Poverty rate (%), natural breaks, 5 classes"; `classes` is
// the number of classes the legend holds (fewer distinct values give fewer than asked).
std::string legend_heading(const scene::Choropleth& choropleth, std::size_t classes, model::Language language);

// The metric's name and unit alone: "贫困发生率（%）"; a field's own name for field:NAME.
std::string metric_caption(const std::string& metric, model::Language language);

// Villages of `township` in each class of the choropleth, in legend order, classed exactly as
// scene::build classes the county (same values, same bounds). Nothing for LISA, whose classes the
// caller holds (see lisa_counts).
std::optional<std::vector<int>> township_class_counts(const model::Project& project, const scene::Choropleth& choropleth,
                                                      const analysis::Statistics& stats, const std::string& township);

}  // namespace ca::print
