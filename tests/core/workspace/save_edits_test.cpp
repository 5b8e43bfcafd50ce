// Saving edits back into GeoPackages and shapefiles: read back equal, only edited parts changed,
// backups once per session, files changed on disk and failed writes leave the old files intact.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/io/encoding.hpp"
#include "core/loading/load_project.hpp"
#include "core/model/error.hpp"
#include "core/workspace/feature_edits.hpp"
#include "core/workspace/save_as_geopackage.hpp"
#include "core/workspace/save_edits.hpp"
#include "support/fixtures.hpp"
#include "support/full_disk.hpp"

using namespace ca;
namespace fs = std::filesystem;

namespace {

std::size_t layer_named(const model::Project& p, const std::string& name) {
    for (std::size_t i = 0; i < p.layers.size(); ++i)
        if (p.layers[i].name == name) return i;
    FAIL("no layer " << name);
    return 0;
}

model::Project load(const std::string& path) { return loading::load_project({{path, model::Role::Unknown}}, {}); }

// The funds of the first site of this name; -1 when its cell is empty.
double funds_of(const model::Project& p, const std::string& project_name) {
    const auto& sites = p.layers[layer_named(p, "sites")];
    for (const auto& f : sites.features)
        if (model::to_text(sites.value(f, model::Meaning::ProjectName)) == project_name) return model::to_number(sites.value(f, model::Meaning::Funds)).value_or(-1);
    FAIL("no project " << project_name);
    return 0;
}

void apply(model::Project& p, const model::Edit& edit) { model::apply_edit(p, edit); }

}  // namespace

TEST_CASE("edits saved into a GeoPackage are what it holds when read again, its old self kept once as .bak") {
    test::TempDir dir;
    const std::string gpkg = dir.file("county.gpkg");
    fs::copy_file(test::sample_county(), gpkg);
    const std::string original = test::read_file(gpkg);
    model::Project project = load(gpkg);
    const std::size_t sites = layer_named(project, "sites");
    const std::size_t before = project.layers[sites].features.size();
    const auto& layer = project.layers[sites];
    const auto funds = static_cast<std::size_t>(layer.mapping.index(model::Meaning::Funds));
    const std::string first_name = model::to_text(layer.value(layer.features[0], model::Meaning::ProjectName));
    const double untouched_funds = funds_of(project, model::to_text(layer.value(layer.features[1], model::Meaning::ProjectName)));

    apply(project, workspace::set_values_edit(project, sites, {0}, funds, workspace::typed_value(layer, funds, "12.5万")));
    apply(project, workspace::add_point_edit(project, sites, {101.3, 25.79},
                                             {{static_cast<std::size_t>(layer.mapping.index(model::Meaning::ProjectName)), std::string("桃村饮水项目")},
                                              {static_cast<std::size_t>(layer.mapping.index(model::Meaning::Status)), std::string("计划")}}));
    apply(project, workspace::delete_edit(project, sites, {2}));
    workspace::SessionBackups backups;
    const auto lines = workspace::save_edits(project, {{}, false}, backups);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == "county.gpkg, layer sites: saved 1 changed, 1 added, 1 deleted");
    CHECK(test::read_file(gpkg + ".bak") == original);
    CHECK(project.layers[sites].edited.empty());

    const model::Project again = load(gpkg);
    CHECK(again.layers[layer_named(again, "sites")].features.size() == before);  // one added, one deleted
    CHECK(funds_of(again, first_name) == 125000);
    CHECK(funds_of(again, "桃村饮水项目") == -1);  // no funds typed: an empty cell
    CHECK(funds_of(again, model::to_text(again.layers[sites].value(again.layers[sites].features[1], model::Meaning::ProjectName))) == untouched_funds);

    // A second save in the session keeps the first backup: the file as it was before the session.
    model::Project second = load(gpkg);
    apply(second, workspace::delete_edit(second, sites, {0}));
    workspace::save_edits(second, {{}, false}, backups);
    CHECK(test::read_file(gpkg + ".bak") == original);
}

TEST_CASE("a GBK shapefile without .cpg is saved in GBK, gets a .cpg, and its other records stay as they were") {
    test::TempDir dir;
    const std::string shp = dir.file("村界.shp");
    test::write_gbk_villages_without_cpg(shp);
    model::Project project = load(shp);
    REQUIRE(project.layers.size() == 1);
    const auto& layer = project.layers[0];
    const auto name = static_cast<std::size_t>(layer.mapping.index(model::Meaning::VillageName));
    apply(project, workspace::set_values_edit(project, 0, {0}, name, std::string("麻栗树村")));
    workspace::SessionBackups backups;
    workspace::save_edits(project, {{}, false}, backups);

    const std::string dbf = test::read_file(dir.file("村界.dbf"));
    io::TextDecoder gbk(io::EncodingChoice{"GBK", "test"});
    CHECK(dbf.find("\xC2\xE9\xC0\xF5\xCA\xF7\xB4\xE5") != std::string::npos);  // 麻栗树村 in GBK bytes
    CHECK(dbf.find("\xCA\xAF\xB0\xE5\xF3\xE4") != std::string::npos);          // 石板箐 untouched
    CHECK(test::read_file(dir.file("村界.cpg")) == "GBK");
    CHECK(fs::exists(dir.file("村界.dbf.bak")));
    const model::Project again = load(shp);
    CHECK(model::to_text(again.layers[0].value(again.layers[0].features[0], model::Meaning::VillageName)) == "麻栗树村");
    CHECK(model::to_text(again.layers[0].value(again.layers[0].features[1], model::Meaning::VillageName)) == "石板箐");
    CHECK(*model::to_number(again.layers[0].value(again.layers[0].features[0], model::Meaning::Population)) == 812);
    for (const auto& file : test::file_names_in(dir.path())) CHECK(file.find(".save-") == std::string::npos);  // no copy left behind
}

TEST_CASE("a file changed on disk since it was read is not overwritten unless the user says so") {
    test::TempDir dir;
    const std::string gpkg = dir.file("county.gpkg");
    fs::copy_file(test::sample_county(), gpkg);
    model::Project project = load(gpkg);
    const std::size_t sites = layer_named(project, "sites");
    apply(project, workspace::delete_edit(project, sites, {0}));
    CHECK(workspace::changed_on_disk(project).empty());
    fs::last_write_time(gpkg, fs::last_write_time(gpkg) + std::chrono::seconds(5));  // another program saved it
    const std::string theirs = test::read_file(gpkg);
    CHECK(workspace::changed_on_disk(project) == std::vector<std::string>{"county.gpkg"});
    workspace::SessionBackups backups;
    try {
        workspace::save_edits(project, {{}, false}, backups);
        FAIL("saved over a file changed on disk");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) ==
              "county.gpkg: was changed on disk by another program since it was read; nothing was saved. Reload it, overwrite it, or save elsewhere");
    }
    CHECK(test::read_file(gpkg) == theirs);
    CHECK_FALSE(fs::exists(gpkg + ".bak"));
    workspace::save_edits(project, {{}, true}, backups);  // "overwrite"
    CHECK(load(gpkg).layers[sites].features.size() == project.layers[sites].features.size());
}

TEST_CASE("a layer whose format cannot be written back is refused before anything is written") {
    test::TempDir dir;
    const std::string json = dir.file("sites.geojson");
    test::write_layer(json, "GeoJSON", 4490, {{"project_name"}}, {{"POINT(101 25)", {"甲"}}});
    model::Project project = load(json);
    const std::string before = test::read_file(json);
    apply(project, workspace::delete_edit(project, 0, {0}));
    workspace::SessionBackups backups;
    CHECK_THROWS_WITH_AS(workspace::save_edits(project, {{}, false}, backups),
                         doctest::Contains("sites.geojson, layer sites: cannot be saved in its own format (GeoJSON)"), Error);
    CHECK(test::read_file(json) == before);
    CHECK_FALSE(fs::exists(json + ".bak"));
}

TEST_CASE("a shapefile save that runs out of room leaves the old files as they were and says so") {
    test::TempDir dir;
    test::FullDisk disk(dir.path() / "stick");
    if (!disk.mounted()) return;  // needs the tmpfs: a file-size limit would stop the test process itself
    const std::string shp = (dir.path() / "stick" / "村界.shp").string();
    test::write_gbk_villages_without_cpg(shp);
    model::Project project = load(shp);
    const std::string dbf_before = test::read_file(dir.path() / "stick" / "村界.dbf");
    apply(project, workspace::set_values_edit(project, 0, {1}, 0, std::string("石板箐村")));
    const std::string filler = disk.fill();
    workspace::SessionBackups backups;
    try {
        workspace::save_edits(project, {{}, false}, backups);
        FAIL("a save on a full disk succeeded");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::CannotWrite);
        CHECK(std::string(e.what()).find(disk.reason()) != std::string::npos);
    }
    CHECK(test::read_file(dir.path() / "stick" / "村界.dbf") == dbf_before);
    for (const auto& file : test::file_names_in(dir.path() / "stick"))
        CHECK((file == filler || file.rfind("村界.", 0) == 0));
}

TEST_CASE("Save as GeoPackage puts every layer, edits included, and the project into one file that opens as the project") {
    test::TempDir dir;
    const std::string gpkg = dir.file("county.gpkg");
    fs::copy_file(test::sample_county(), gpkg);
    model::Project project = load(gpkg);
    const std::size_t sites = layer_named(project, "sites");
    project.layers[sites].role_given = true;
    apply(project, workspace::delete_edit(project, sites, {0, 1}));
    scene::MapStyle style;
    style.layers.resize(project.layers.size());
    style.layers[sites].symbol_px = 11;
    const std::string shared = dir.file("共享.gpkg");
    workspace::save_as_geopackage(project, workspace::describe(project, {}, style, std::nullopt), shared);
    CHECK(workspace::is_project_file(shared));
    CHECK_FALSE(workspace::is_project_file(gpkg));
    const auto opened = workspace::load_project_file(workspace::read_project_file(shared));
    REQUIRE(opened.project.layers.size() == project.layers.size());  // the project's own table is no layer
    for (std::size_t i = 0; i < project.layers.size(); ++i) {
        CAPTURE(project.layers[i].name);
        CHECK(opened.project.layers[i].file_name() == "共享.gpkg");
        CHECK(opened.project.layers[i].role == project.layers[i].role);
        CHECK(opened.project.layers[i].features.size() == project.layers[i].features.size());
    }
    CHECK(opened.style.layer(sites).symbol_px == 11);
    // The command line counts it as the viewer showed it: the two deleted sites are gone.
    const auto saved = test::run_countyatlas("stats '" + shared + "' --format csv -o '" + dir.file("shared.csv") + "'");
    const auto original = test::run_countyatlas("stats '" + gpkg + "' --format csv -o '" + dir.file("original.csv") + "'");
    REQUIRE(saved.exit_code == 0);
    REQUIRE(original.exit_code == 0);
    CHECK(std::stoi(test::csv_total_row(dir.file("shared.csv")).at("sites")) == std::stoi(test::csv_total_row(dir.file("original.csv")).at("sites")) - 2);
}
