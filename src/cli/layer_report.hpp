// How a loaded layer is described to the user, by `info` and `check`: driver, features, CRS and
// how it was decided, encoding and how, role, recognised fields, counts of what loading fixed.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "core/model/project.hpp"

namespace ca::cli {

nlohmann::ordered_json layer_json(const model::Layer& layer);
// The text form of one layer: a heading line naming file and layer, then indented facts.
void print_layer(const model::Layer& layer, std::ostream& out);
nlohmann::ordered_json problem_json(const model::Problem& problem);

}  // namespace ca::cli
