// The Problems tab's list as plain data: loading's and counting's problems as one list, grouped
// by kind and filtered by severity, and the layer, feature or row each one names. No ImGui here:
// the app applies a click with the same functions the tab draws with.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ui/viewer_state.hpp"

namespace ca::ui {

// Loading's problems (Project::problems) then counting's (ViewerState::counting_problems).
std::size_t problem_count(const ViewerState& state);
const model::Problem& problem_at(const ViewerState& state, std::size_t index);  // index < problem_count

// The tab's lines under `filter`: kinds in order of first appearance, each a header then its problems.
std::vector<ProblemRow> problem_rows(const ViewerState& state, const SeverityFilter& filter);
// The cached lines for the state's filter and the counts by severity, recomputed only when the
// problems or the filter changed: the tab draws from this every frame.
const ProblemRows& listed_problems(const ViewerState& state);
// Errors and warnings, the ones the tab's badge counts; notes are decisions, not problems.
std::size_t problems_to_act_on(const ViewerState& state);

// The loaded layer a problem names: same file name (of Layer::source_path) and layer name.
std::optional<std::size_t> problem_layer(const model::Project& project, const model::Problem& problem);
// Its feature (Feature::fid == Problem::id), when the problem names one of a loaded layer.
std::optional<FeatureRef> problem_feature(const model::Project& project, const model::Problem& problem);
// A kind of problem as the tab's heading says it: "未匹配的项目" for "unmatched site" in Chinese;
// a kind the table does not know is shown as the core names it.
std::string problem_kind_label(const std::string& kind, Language language);
// Every (English kind, Chinese label) pair the table knows: for the font atlas.
const std::vector<std::pair<std::string_view, std::string_view>>& chinese_kind_labels();
// "sites.csv, 第 14 行" / "sites.csv, row 14": where the problem is, in the UI's language.
std::string problem_place(const model::Problem& problem, Language language);

// Meanings a sites or villages layer has no field for although counting needs them: village name
// and township (and funds for sites). Empty for other roles.
std::vector<model::Meaning> unmapped_meanings(const model::Layer& layer);
// Layers whose fields the user should map: those above, and any a field problem names.
std::vector<std::size_t> layers_to_map(const ViewerState& state);

}  // namespace ca::ui
