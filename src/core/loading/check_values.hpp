// The figures a layer's statistics add up, checked once after reading: never silently wrong.
#pragma once

#include "core/model/layer.hpp"
#include "core/model/problems.hpp"

namespace ca::loading {

// For every numeric meaning the layer's role uses (households, population, poor households and
// people, income, funds, beneficiaries, pond capacity, year): turns text cells into numbers in the
// field's own unit ("12.5万" in a 万元 column is 12.5, in a yuan column 125000). A cell that is not
// a number ("十二万", "#DIV/0!", a date), is negative or overflows is an error: thrown as ca::Error
// naming file, row or feature and field, or, with `skip_bad_rows`, its row left out with a
// warning. An empty cell is missing: a note each, never read as 0 without saying so.
void check_values(model::Layer& layer, bool skip_bad_rows, model::ProblemLog& problems);

}  // namespace ca::loading
