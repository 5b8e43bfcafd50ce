// Writing output files so a failure never leaves a half-written file or clobbers a good one:
// write to a temporary file beside the target, then rename it into place.
#pragma once

#include <filesystem>
#include <functional>

namespace ca::model {

// Calls `write(temp_path)`; when it returns true the temp file is renamed onto `target`,
// otherwise (or when `write` throws) the temp file is removed. Throws ca::Error naming `target`
// when the write reports failure or the rename fails.
void write_via_temp(const std::filesystem::path& target, const std::function<bool(const std::filesystem::path&)>& write);

}  // namespace ca::model
