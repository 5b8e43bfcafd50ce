// For fuzz targets whose reader takes a path: the input written to one file of this process,
// rewritten for every input (readers of project and layout files open paths, not strings).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace ca::fuzz {

inline std::string write_input_file(const std::uint8_t* data, std::size_t size, const std::string& suffix) {
    const auto path = std::filesystem::temp_directory_path() / ("ca_fuzz_" + std::to_string(getpid()) + suffix);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path.string();
}

}  // namespace ca::fuzz
