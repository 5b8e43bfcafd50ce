// libFuzzer target: the page layout file reader (`export --layout`). Any file either reads or
// throws ca::Error naming the file and key; anything else is a finding.
#include <cstddef>
#include <cstdint>

#include "core/print/layout_file.hpp"
#include "core/model/error.hpp"
#include "fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = ca::fuzz::write_input_file(data, size, ".layout.json");
    try {
        (void)ca::print::read_layout_file(path);
    } catch (const ca::Error&) {
    }
    return 0;
}
