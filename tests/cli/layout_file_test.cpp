// Layout files of the wrong shape (found by tests/fuzz/fuzz_layout_file): an element that is not
// an object, a "show" that is not a boolean, or millimetres too large to add up were the JSON
// library's own exception ("unexpected failure") or infinite frames; each is now a one-line error
// naming the file and the key, and nothing is written.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "support/fixtures.hpp"

using namespace ca;

namespace {

test::CommandResult export_with_layout(const test::TempDir& dir, const std::string& layout_json) {
    test::write_text(dir.file("layout.json"), layout_json);
    return test::run_countyatlas("export '" + test::sample_county() + "' --out '" + dir.file("x.pdf") + "' --layout '" +
                                 dir.file("layout.json") + "'");
}

}  // namespace

TEST_CASE("a layout file whose element is not an object, or whose show is not true or false, is a one-line error") {
    test::TempDir dir;
    const auto number = export_with_layout(dir, R"({"legend": 5})");
    CHECK(number.exit_code == 2);
    CHECK(number.err == "countyatlas: " + dir.file("layout.json") + ": legend must be an object such as {\"x_mm\": 10, \"y_mm\": 20}\n");
    const auto show = export_with_layout(dir, R"({"north_arrow": {"show": "no"}})");
    CHECK(show.exit_code == 2);
    CHECK(show.err == "countyatlas: " + dir.file("layout.json") + ": north_arrow.show must be true or false\n");
    CHECK_FALSE(std::filesystem::exists(dir.file("x.pdf")));
}

TEST_CASE("a layout file's map frame too large to add up is refused, naming the key") {
    test::TempDir dir;
    const auto huge = export_with_layout(dir, R"({"map": {"x_mm": 1e308, "y_mm": 0, "width_mm": 1e308, "height_mm": 100}})");
    CHECK(huge.exit_code == 2);
    CHECK(huge.err == "countyatlas: " + dir.file("layout.json") + ": map.x_mm must be within 100000 millimetres\n");
    CHECK_FALSE(std::filesystem::exists(dir.file("x.pdf")));
}
