// Project files with numbers out of range (found by tests/fuzz/fuzz_project_file): each is a
// one-line error naming the file and the key, where the JSON library's conversion to an int or
// a byte was undefined behaviour (UBSan stopped it) or a colour wrapped round silently.
#include <doctest/doctest.h>

#include <string>

#include "core/model/error.hpp"
#include "core/workspace/project_file.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

// The message read_project_file throws for a file with these contents; "" when it reads.
std::string error_for(const std::string& json) {
    test::TempDir dir;
    const std::string path = dir.file("p.cap.json");
    test::write_text(path, json);
    try {
        workspace::read_project_file(path);
        return "";
    } catch (const Error& e) {
        CHECK(e.file() == path);
        return e.message();
    }
}

}  // namespace

TEST_CASE("a project file's class count, year or scale out of range is refused, naming the key") {
    CHECK(error_for(R"({"layers": [], "style": {"choropleth": {"classes": 1e300}}})") ==
          "style.choropleth.classes must be a whole number from 1 to 1000");
    CHECK(error_for(R"({"layers": [], "style": {"choropleth": {"classes": 4.5}}})") ==
          "style.choropleth.classes must be a whole number from 1 to 1000");
    CHECK(error_for(R"({"layers": [], "style": {"sites": {"up_to_year": -2147483649}}})") ==
          "style.sites.up_to_year must be a whole number from 0 to 9999");
    CHECK(error_for(R"({"layers": [], "view": {"centre_m": [0, 0], "m_per_px": -3}})") ==
          "view.m_per_px must be a number from 1e-06 to 1e+09");
    CHECK(error_for(R"({"layers": [], "style": {"choropleth": {"classes": 4}, "sites": {"up_to_year": 2014}},
                        "view": {"centre_m": [433000.5, 2844000.25], "m_per_px": 120}})") == "");
}

TEST_CASE("a project file's layer colour or opacity out of range is refused rather than wrapped round") {
    CHECK(error_for(R"({"layers": [{"path": "v.shp", "fill_rgb": [300, 0, 0]}]})") ==
          "layers: fill_rgb must be three whole numbers from 0 to 255");
    CHECK(error_for(R"({"layers": [{"path": "v.shp", "stroke_rgb": [10, 20, 1e9]}]})") ==
          "layers: stroke_rgb must be three whole numbers from 0 to 255");
    CHECK(error_for(R"({"layers": [{"path": "v.shp", "stroke_rgb": [10, 20]}]})") ==
          "layers: stroke_rgb must be three whole numbers from 0 to 255");
    CHECK(error_for(R"({"layers": [{"path": "v.shp", "opacity": 5}]})") == "layers: opacity must be a number from 0 to 1");
    CHECK(error_for(R"({"layers": [{"path": "v.shp", "opacity": 0.5, "fill_rgb": [0, 128, 255], "width_px": 2.5}]})") == "");
}
