// Emitting command output to stdout or to a file via a temporary file.
#include "cli/output_file.hpp"

#include <fstream>
#include <iostream>

#include "core/model/safe_write.hpp"

namespace ca::cli {

void emit(const std::string& text, const std::string& output_path) {
    if (output_path.empty()) {
        std::cout << text;
        return;
    }
    model::write_via_temp(output_path, [&](const std::filesystem::path& temp) {
        std::ofstream out(temp, std::ios::binary);
        out << text;
        return static_cast<bool>(out.flush());
    });
}

}  // namespace ca::cli
