// Project files: round trips, moved folders, missing data.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/model/error.hpp"
#include "core/workspace/project_file.hpp"
#include "support/fixtures.hpp"

using namespace ca;
namespace fs = std::filesystem;

namespace {

workspace::ProjectFile styled_project(const std::string& data) {
    const auto project = loading::load_project({{data, model::Role::Unknown}}, {});
    scene::MapStyle style;
    style.layers.resize(project.layers.size());
    style.layers[2].visible = false;
    style.layers[1].opacity = 0.5f;
    style.layers[3].stroke_rgb = std::array<std::uint8_t, 3>{10, 20, 200};
    style.layers[3].width_px = 3.5f;
    style.layers[2].symbol_px = 11.0f;
    style.choropleth = scene::Choropleth{"income_per_capita", analysis::ClassMethod::Quantile, 4, {}};
    style.sites.hidden_types = {"training"};
    style.sites.up_to_year = 2010;
    style.language = model::Language::English;
    style.terrain = {false, 270.5f, 30, true};
    scene::Viewport view;
    view.centre_m = {433000.5, 2844000.25};
    view.m_per_px = 55.5;
    return workspace::describe(project, {}, style, view);
}

}  // namespace

TEST_CASE("a project file written, read and written again is the same file") {
    test::TempDir dir;
    const std::string first = dir.file("a.cap.json"), second = dir.file("b.cap.json");
    workspace::write_project_file(first, styled_project(test::sample_county()));
    const auto read_back = workspace::read_project_file(first);
    CHECK(read_back.sources.size() == 5);
    CHECK(read_back.sources[1].role == model::Role::Villages);
    REQUIRE(read_back.style.choropleth.has_value());
    CHECK(read_back.style.choropleth->metric == "income_per_capita");
    CHECK(read_back.style.choropleth->method == analysis::ClassMethod::Quantile);
    CHECK(read_back.style.layers[2].visible == false);
    CHECK(read_back.style.layers[1].opacity == 0.5f);
    CHECK(read_back.style.layers[3].stroke_rgb == std::array<std::uint8_t, 3>{10, 20, 200});
    CHECK(read_back.style.layers[3].width_px == 3.5f);
    CHECK(read_back.style.layers[2].symbol_px == 11.0f);
    CHECK_FALSE(read_back.style.layers[0].fill_rgb.has_value());
    CHECK(read_back.style.sites.hidden_types.count("training") == 1);
    CHECK(read_back.style.language == model::Language::English);
    CHECK(read_back.style.terrain == scene::TerrainStyle{false, 270.5f, 30, true});
    CHECK(read_back.view->m_per_px == 55.5);
    workspace::write_project_file(second, read_back);
    CHECK(test::read_file(first) == test::read_file(second));
}

TEST_CASE("a project folder moved elsewhere still opens: data paths are relative") {
    test::TempDir dir;
    const fs::path original = dir.path() / "office";
    fs::create_directories(original / "data");
    fs::copy_file(test::sample_county(), original / "data" / "county.gpkg");
    workspace::write_project_file((original / "plan.cap.json").string(), styled_project((original / "data" / "county.gpkg").string()));
    CHECK(test::read_file((original / "plan.cap.json").string()).find("\"path\": \"data/county.gpkg\"") != std::string::npos);
    const fs::path moved = dir.path() / "usb-stick" / "office";
    fs::create_directories(moved.parent_path());
    fs::rename(original, moved);
    const auto opened = workspace::load_project_file(workspace::read_project_file((moved / "plan.cap.json").string()));
    CHECK(opened.project.layers.size() == 5);
    CHECK(opened.project.problems.empty());
    CHECK(opened.style.layers.size() == 5);
}

TEST_CASE("a project with a missing data file opens the rest and reports the missing one") {
    test::TempDir dir;
    const std::string path = dir.file("p.cap.json");
    fs::copy_file(test::sample_county(), dir.file("county.gpkg"));
    test::write_text(path, R"({"countyatlas_project": 1, "layers": [
        {"path": "gone.shp", "role": "sites", "visible": false},
        {"path": "county.gpkg", "layer": "villages", "role": "villages", "opacity": 0.25}]})");
    const auto opened = workspace::load_project_file(workspace::read_project_file(path));
    REQUIRE(opened.project.layers.size() == 1);
    CHECK(opened.project.layers[0].name == "villages");
    CHECK(opened.style.layers.at(0).opacity == 0.25f);  // styles follow the layers that loaded
    CHECK(opened.project.problems.counts().at("missing data file") == 1);
    CHECK(opened.project.problems.all().at(0).line().find("gone.shp: file not found") != std::string::npos);
}

TEST_CASE("a broken project file is a one-line error naming it") {
    test::TempDir dir;
    const std::string path = dir.file("bad.cap.json");
    test::write_text(path, "{\"layers\": [");
    try {
        workspace::read_project_file(path);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).rfind(path + ": is not valid JSON", 0) == 0);
    }
    const auto r = test::run_countyatlas("info '" + path + "'");
    CHECK(r.exit_code == 2);
}

TEST_CASE("the command line takes a project file wherever it takes files") {
    test::TempDir dir;
    const std::string path = dir.file("p.cap.json");
    workspace::write_project_file(path, styled_project(test::sample_county()));
    const auto stats = test::run_countyatlas("stats '" + path + "' --format csv");
    REQUIRE_MESSAGE(stats.exit_code == 0, stats.err);
    CHECK(stats.out.find("金碧镇") != std::string::npos);
}

TEST_CASE("a field mapping naming a field the layer lacks is reported and detection kept") {
    test::TempDir dir;
    const std::string path = dir.file("p.cap.json");
    test::write_text(path, "{\"countyatlas_project\": 1, \"layers\": [{\"path\": \"" + test::sample_county() +
                               "\", \"layer\": \"villages\", \"role\": \"villages\", \"fields\": {\"poor_population\": \"贫困人口数\", "
                               "\"population\": \"households\"}}]}\n");
    const auto opened = workspace::load_project_file(workspace::read_project_file(path));
    const auto& villages = opened.project.layers.at(0);
    CHECK(villages.mapping[model::Meaning::PoorPopulation]->source_name == "poor_population");  // as detected
    CHECK(villages.mapping[model::Meaning::Population]->source_name == "households");          // as chosen
    bool reported = false;
    for (const auto& problem : opened.project.problems.all()) reported = reported || problem.line().find("贫困人口数") != std::string::npos;
    CHECK(reported);
}

TEST_CASE("the project's figure block (审图号, 编制单位, sources, date) is read and written back") {
    test::TempDir dir;
    const std::string first = dir.file("a.cap.json"), second = dir.file("b.cap.json");
    auto project = styled_project(test::sample_county());
    workspace::write_project_file(first, project);
    CHECK(test::read_file(first).find("\"figure\"") == std::string::npos);  // nothing set, no block
    project.figure = {"云S（2026）012号", "大姚县扶贫办", "2015-07-01", {"村级统计表 2015", "项目表 2015"}};
    workspace::write_project_file(first, project);
    const auto read_back = workspace::read_project_file(first);
    CHECK(read_back.figure.review_number == "云S（2026）012号");
    CHECK(read_back.figure.compiled_by == "大姚县扶贫办");
    CHECK(read_back.figure.date == "2015-07-01");
    CHECK(read_back.figure.sources == std::vector<std::string>{"村级统计表 2015", "项目表 2015"});
    workspace::write_project_file(second, read_back);
    CHECK(test::read_file(first) == test::read_file(second));
}
