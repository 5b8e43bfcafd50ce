// libFuzzer target: the project file reader (*.cap.json). Its contract is that any file either
// reads or throws ca::Error naming the file; any other exception, crash or sanitizer report is a
// finding.
#include <cstddef>
#include <cstdint>

#include "core/model/error.hpp"
#include "core/workspace/project_file.hpp"
#include "fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = ca::fuzz::write_input_file(data, size, ".cap.json");
    try {
        (void)ca::workspace::read_project_file(path);
    } catch (const ca::Error&) {
    }
    return 0;
}
