// Changing the layers while the viewer counts: layers removed, moved and added while a refresh
// runs on its own version of the data. Under AddressSanitizer this is where a worker reading
// freed layers, or a village index outliving its villages, would show.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "bench/synthetic_region.hpp"
#include "core/analysis/statistics.hpp"
#include "core/analysis/triangulate.hpp"
#include "core/io/working_crs.hpp"
#include "core/loading/load_project.hpp"
#include "core/model/text.hpp"
#include "support/fixtures.hpp"
#include "support/viewer_run.hpp"

using namespace ca;

namespace {

// save-status's lines, split at tabs.
std::vector<std::vector<std::string>> status_lines(const std::string& path) {
    std::ifstream in(path);
    REQUIRE_MESSAGE(in, "no status file " << path);
    std::vector<std::vector<std::string>> lines;
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::stringstream cut(line);
        for (std::string cell; std::getline(cut, cell, '\t');) cells.push_back(cell);
        lines.push_back(cells);
    }
    return lines;
}

std::string status_value(const std::string& path, const std::string& key, std::size_t column = 1) {
    for (const auto& line : status_lines(path))
        if (line.size() > column && line[0] == key) return line[column];
    return "(none)";
}

// The "layer" lines: name, role, features.
std::vector<std::string> status_layers(const std::string& path) {
    std::vector<std::string> layers;
    for (const auto& line : status_lines(path))
        if (line.size() == 4 && line[0] == "layer") layers.push_back(line[1] + " " + line[2] + " " + line[3]);
    return layers;
}

std::vector<std::string> layer_lines(const model::Project& project) {
    std::vector<std::string> layers;
    for (const auto& layer : project.layers)
        layers.push_back(layer.name + " " + std::string(model::to_string(layer.role)) + " " + std::to_string(layer.features.size()));
    return layers;
}

}  // namespace

TEST_CASE("layers removed or moved and files opened while the viewer counts are all kept and counted") {
    test::TempDir dir;
    // A region big enough that counting it takes many frames: the changes arrive while it runs.
    const std::string region = dir.file("region.gpkg");
    bench::write_region({"test", 40, 20000, 4000, 2000}, region);
    model::Project expected = loading::load_project({{region, model::Role::Unknown}}, {});
    REQUIRE(expected.layers.size() == 4);
    const model::Layer& villages = expected.layers[0];
    REQUIRE(villages.role == model::Role::Villages);
    const model::Vec2 inside = analysis::label_point(villages.features[0].geometry);  // lon/lat
    const std::string first_village = model::to_text(villages.value(villages.features[0], model::Meaning::VillageName));

    const std::vector<std::string> script = {
        "background on",
        "layer 3 role unknown",  // a count of the whole region starts
        "save-status " + dir.file("s1.txt"),
        "layer 0 remove",  // the region's villages, while the count reads them
        "hover " + std::to_string(inside.x) + " " + std::to_string(inside.y),  // the map's index over the villages just removed
        "save-status " + dir.file("s2.txt"),
        "open " + test::sample_county(),
        "layer 1 down",
        "save-status " + dir.file("s3.txt"),
        "export " + dir.file("map.png") + " A4-landscape 40",  // waits for the count, "background" or not
        "save-status " + dir.file("s4.txt"),
        "wait",
        "save-status " + dir.file("s5.txt"),
        "save-statistics " + dir.file("stats.csv"),
    };
    test::run_viewer_script(dir.path().string(), region, script);

    // By hand: the same changes on the layers as read, then counted once.
    expected.layers[3].role = model::Role::Unknown;
    expected.layers.erase(expected.layers.begin());
    std::swap(expected.layers[1], expected.layers[2]);
    for (auto& layer : loading::load_project({{test::sample_county(), model::Role::Unknown}}, {}).layers) expected.layers.push_back(std::move(layer));
    expected.working = io::choose_working_crs(expected.extent());
    const analysis::Statistics stats = analysis::compute_statistics(expected, {});

    // Each change came while a count ran: the status says so at the moment after it.
    CHECK(status_value(dir.file("s1.txt"), "refreshing") == "yes");
    CHECK(status_value(dir.file("s2.txt"), "refreshing") == "yes");
    CHECK(status_value(dir.file("s3.txt"), "refreshing") == "yes");
    // The map still finds the removed villages until the new count is in: its lookup owns them.
    CHECK(status_value(dir.file("s2.txt"), "hovered") == first_village);
    // No layer lost, none twice, in the order asked for; the count is of these layers.
    // The export waited for the count the changes asked for.
    CHECK(status_value(dir.file("s4.txt"), "refreshing") == "no");
    CHECK(std::filesystem::file_size(dir.file("map.png")) > 0);
    CHECK(status_value(dir.file("s5.txt"), "refreshing") == "no");
    CHECK(status_layers(dir.file("s5.txt")) == layer_lines(expected));
    CHECK(status_value(dir.file("s5.txt"), "villages", 1) == std::to_string(stats.villages.size()));
    CHECK(status_value(dir.file("s5.txt"), "villages", 2) == std::to_string(stats.villages.size()));
    CHECK(status_value(dir.file("s5.txt"), "hovered") == "(none)");  // picked again on the new villages
    const auto total = test::csv_total_row(dir.file("stats.csv"));
    CHECK(std::stoi(total.at("villages")) == stats.total.villages);
    CHECK(std::stoi(total.at("sites")) == stats.total.sites);
    CHECK(std::stod(total.at("population")) == doctest::Approx(stats.total.population));
    CHECK(std::stod(total.at("funds_yuan")) == doctest::Approx(stats.total.funds_yuan));
    CHECK(stats.total.sites > 0);
}

TEST_CASE("a layer removed while the viewer counts leaves the Problems tab naming the layers there are") {
    test::TempDir dir;
    const std::string region = dir.file("region.gpkg");
    bench::write_region({"test", 40, 20000, 4000, 2000}, region);
    // A project list whose village and funds columns are not recognised: the tab offers to map them,
    // naming the layer by its place in the list of layers (a cache the tab keeps between frames).
    test::write_text(dir.file("projects.csv"), "项目名称,乡镇,地点,金额,经度,纬度\n水窖,湾碧乡,麻栗树,1000,101.3,25.7\n");
    test::run_viewer_script(dir.path().string(), region,
                            {"open " + dir.file("projects.csv"), "tab problems", "save-problems " + dir.file("before.txt"), "background on",
                             "layer 3 role unknown", "layer 0 remove",  // the list (layer 4) moves to 3 while the count runs
                             "save-status " + dir.file("status.txt"), "screenshot " + dir.file("tab.png"),  // the tab drawn meanwhile
                             "save-problems " + dir.file("during.txt"), "wait", "save-problems " + dir.file("after.txt")});
    CHECK(status_value(dir.file("status.txt"), "refreshing") == "yes");
    // The region's sites lack village and township columns too; both layers are named, by their
    // names as they are now, before, during and after the count.
    for (const std::string name : {"before.txt", "during.txt", "after.txt"}) {
        CAPTURE(name);
        std::ifstream in(dir.file(name));
        std::vector<std::string> fields;
        for (std::string line; std::getline(in, line);)
            if (line.rfind("fields\t", 0) == 0) fields.push_back(line);
        CHECK(fields == std::vector<std::string>{"fields\tsites\tvillage_name township ", "fields\tprojects\tvillage_name funds_yuan "});
    }
}
