// Where a command's text goes: standard output, or a file written safely (temp file, rename).
#pragma once

#include <string>

namespace ca::cli {

void emit(const std::string& text, const std::string& output_path);

}  // namespace ca::cli
