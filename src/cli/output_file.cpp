// Emitting command output to stdout or to a file via a temporary file.
#include "cli/output_file.hpp"

#include <iostream>

#include "core/model/safe_write.hpp"

namespace ca::cli {

void emit(const std::string& text, const std::string& output_path) {
    if (output_path.empty()) {
        std::cout << text;
        return;
    }
    model::write_file_bytes(output_path, text);
}

}  // namespace ca::cli
