// The text a patched cell gets for a value: what both sheet writers of table_patch write.
#pragma once

#include <string>

#include "core/model/value.hpp"

namespace ca::io {

// A number as people type it: integral values without decimals ("12", not "12.000000"), others
// the shortest text that reads back as the same double ("12.5", "0.1").
std::string number_text(double value);
// NULL is "", an int64 its digits, a double number_text, text itself (UTF-8).
std::string cell_text(const model::Value& value);

}  // namespace ca::io
