// libFuzzer target: a project sheet as a CSV file holds it, read the way loading reads it:
// bytes decoded from their detected encoding, split into a grid, the header, unit and total rows
// found, and every data cell read as a number ("12.5万", "１２.５", "1,234") and as degrees.
// Pure functions on strings: any input either reads or throws ca::Error; anything else is a
// finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/io/csv_grid.hpp"
#include "core/io/encoding.hpp"
#include "core/io/sheet_layout.hpp"
#include "core/model/error.hpp"
#include "core/model/value.hpp"

namespace {

void read_cells(const ca::io::SheetLayout& layout, const std::vector<ca::io::SheetRow>& grid) {
    for (std::size_t index : layout.data_rows) {
        for (const std::string& cell : grid.at(index).cells) {
            if (const auto number = ca::model::parse_number(cell)) (void)ca::model::in_field_unit(*number, 10000);
            (void)ca::model::to_degrees(ca::model::Value{cell});
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    ca::io::TextDecoder decoder(ca::io::detect_encoding(bytes));
    const std::string text = decoder.decode(bytes);
    try {
        const auto grid = ca::io::read_csv_grid(text, "fuzz.csv");
        read_cells(ca::io::lay_out_sheet(grid, "fuzz.csv", "fuzz"), grid);
    } catch (const ca::Error&) {
    }
    return 0;
}
