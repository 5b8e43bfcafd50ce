// The real viewer under Xvfb editing the project list: scripted edits, clicks, drags and keys
// change the statistics as counted by hand; undo and redo put them back; Ctrl+S saves into the
// file so that a fresh count of the file agrees; a file changed on disk is not overwritten.
#include <doctest/doctest.h>

#include <filesystem>
#include <future>
#include <thread>

#include "support/fixtures.hpp"
#include "support/viewer_run.hpp"

using namespace ca;
namespace fs = std::filesystem;

namespace {

// The sample county's sites in 金碧镇, as the file holds them: fid 187 (杨家坝小额信贷项目, 92,000
// yuan, 已完工) and fid 273 (毕家哨危房改造项目, 147,000 yuan, 已完工, at 101.340526°E 25.739931°N:
// the only existing project of 毕家哨, one of the township's two poor villages).
struct Township {
    int sites = 0, covered = 0, township_only = 0;  // township_only: sites whose village no name found
    double funds = 0;
};

Township jinbi(const std::string& csv) {
    const std::string text = test::read_file(csv);
    REQUIRE_MESSAGE(!text.empty(), csv << " was not written");
    const auto run = test::run("awk -F, 'NR==1{for(i=1;i<=NF;i++)c[$i]=i} $1==\"金碧镇\"{print $c[\"sites\"], $c[\"covered_poor_villages\"], $c[\"funds_yuan\"], $c[\"sites_township_only\"]}' '" + csv + "'");
    Township t;
    REQUIRE(std::sscanf(run.out.c_str(), "%d %d %lf %d", &t.sites, &t.covered, &t.funds, &t.township_only) == 4);
    return t;
}

std::string copy_of_sample(const test::TempDir& dir) {
    const std::string path = dir.file("county.gpkg");
    fs::copy_file(test::sample_county(), path);
    return path;
}

}  // namespace

TEST_CASE("scripted edits change the township's numbers as counted by hand; undo and redo put them back; the saved file agrees") {
    test::TempDir dir;
    const std::string gpkg = copy_of_sample(dir);
    auto csv = [&](int n) { return dir.file("s" + std::to_string(n) + ".csv"); };
    test::run_viewer_script(dir.path().string(), gpkg,
                            {"save-statistics " + csv(0),
                             "edit add-site 101.301636 25.789074 project_name=桃村饮水项目 project_type=整村推进 funds_yuan=12.5万 status=已完工",
                             "save-statistics " + csv(1), "edit delete 187", "save-statistics " + csv(2), "edit set 273 status 计划",
                             "save-statistics " + csv(3), "undo", "save-statistics " + csv(4), "undo", "save-statistics " + csv(5), "redo",
                             "redo", "save", "save-statistics " + csv(6)});
    const Township before = jinbi(csv(0));
    CHECK(before.covered == 2);
    const Township added = jinbi(csv(1)), deleted = jinbi(csv(2)), planned = jinbi(csv(3));
    CHECK(added.sites == before.sites + 1);
    CHECK(added.funds == doctest::Approx(before.funds + 125000));  // 12.5万 typed into a yuan field
    CHECK(deleted.sites == before.sites);
    CHECK(deleted.funds == doctest::Approx(before.funds + 125000 - 92000));
    CHECK(planned.covered == 1);  // 毕家哨's only project is only planned now
    CHECK(planned.sites == deleted.sites);
    CHECK(jinbi(csv(4)).covered == 2);                                   // undo: it is built again
    CHECK(jinbi(csv(5)).funds == doctest::Approx(added.funds));          // undo: 187 is back
    CHECK(jinbi(csv(6)).covered == 1);                                   // redo, redo
    // The file holds what the viewer counted: a fresh count of it gives the same row.
    const auto fresh = test::run_countyatlas("stats '" + gpkg + "' --format csv -o '" + dir.file("fresh.csv") + "'");
    REQUIRE(fresh.exit_code == 0);
    const Township saved = jinbi(dir.file("fresh.csv"));
    CHECK(saved.sites == planned.sites);
    CHECK(saved.covered == 1);
    CHECK(saved.funds == doctest::Approx(planned.funds));
    CHECK(fs::exists(gpkg + ".bak"));
}

TEST_CASE("the Edit mode's own tools: a click opens the form, Enter adds, a drag moves, Ctrl+Z undoes, Delete deletes, Ctrl+S saves") {
    test::TempDir dir;
    const std::string gpkg = copy_of_sample(dir);
    auto csv = [&](int n) { return dir.file("h" + std::to_string(n) + ".csv"); };
    test::run_viewer_script(dir.path().string(), gpkg,
                            {"zoom-to township 金碧镇", "save-statistics " + csv(0), "edit-layer 2", "click 101.301636 25.789074",
                             "form project_name 桃村饮水项目", "form funds_yuan 12.5万", "key enter", "save-statistics " + csv(1),
                             "drag 101.340526 25.739931 101.302411 25.731454", "save-statistics " + csv(2), "key ctrl+z",
                             "save-statistics " + csv(3), "click 101.340526 25.739931", "key delete", "save-statistics " + csv(4), "key ctrl+s",
                             "edit-layer off", "edit pick 127", "click 101.340526 25.739931", "save-statistics " + csv(5)});
    const Township before = jinbi(csv(0)), added = jinbi(csv(1)), dragged = jinbi(csv(2)), undone = jinbi(csv(3)), deleted = jinbi(csv(4));
    CHECK(added.sites == before.sites + 1);
    CHECK(added.funds == doctest::Approx(before.funds + 125000));
    CHECK(dragged.covered == before.covered - 1);  // 毕家哨's project dragged to 上地
    CHECK(dragged.sites == added.sites);           // still in 金碧镇
    CHECK(undone.covered == before.covered);
    CHECK(deleted.sites == added.sites - 1);
    CHECK(deleted.funds == doctest::Approx(added.funds - 147000));
    CHECK(deleted.covered == before.covered - 1);
    REQUIRE(test::run_countyatlas("stats '" + gpkg + "' --format csv -o '" + dir.file("fresh.csv") + "'").exit_code == 0);
    CHECK(jinbi(dir.file("fresh.csv")).funds == doctest::Approx(deleted.funds));  // Ctrl+S wrote it
    // "Pick on the map": 杨家坝's finished site 127 placed by a click in 毕家哨, which has had no
    // project since 273 was deleted: covered again (杨家坝 keeps its own, 67 在建).
    const Township picked = jinbi(csv(5));
    CHECK(picked.covered == before.covered);
}

TEST_CASE("a save finds the file changed on disk by another program and leaves it alone; 'save overwrite' writes") {
    test::TempDir dir;
    const std::string gpkg = copy_of_sample(dir);
    const std::string script = dir.file("edit.txt");
    test::write_text(script, "edit delete 187\nsave-status " + dir.file("ready.txt") + "\nwait-for-file " + dir.file("go.txt") + "\nsave\n");
    auto viewer = std::async(std::launch::async, [&] {
        return test::run("LANG=zh_CN.UTF-8 " + test::on_a_display("'" CA_BINARY "' view '" + gpkg + "' --script '" + script + "'"));
    });
    for (int i = 0; i < 600 && !fs::exists(dir.file("ready.txt")); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    REQUIRE(fs::exists(dir.file("ready.txt")));
    fs::last_write_time(gpkg, fs::last_write_time(gpkg) + std::chrono::seconds(5));  // another program saved it meanwhile
    const std::string theirs = test::read_file(gpkg);
    test::write_text(dir.file("go.txt"), "");
    const auto result = viewer.get();
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("edit.txt:4: county.gpkg: was changed on disk by another program since it was read; nothing was saved") != std::string::npos);
    CHECK(test::read_file(gpkg) == theirs);
    CHECK_FALSE(fs::exists(gpkg + ".bak"));

    REQUIRE(test::run_countyatlas("stats '" + gpkg + "' --format csv -o '" + dir.file("before.csv") + "'").exit_code == 0);
    test::run_viewer_script(dir.path().string(), gpkg, {"edit delete 187", "save overwrite"});
    REQUIRE(test::run_countyatlas("stats '" + gpkg + "' --format csv -o '" + dir.file("after.csv") + "'").exit_code == 0);
    CHECK(jinbi(dir.file("after.csv")).funds == doctest::Approx(jinbi(dir.file("before.csv")).funds - 92000));  // 187 is gone
}

TEST_CASE("importing a project sheet in the viewer: duplicates left out, a misspelt village fixed in place, the rows appended as one edit") {
    test::TempDir dir;
    const std::string gpkg = copy_of_sample(dir);
    const std::string sheet = dir.file("2027计划.csv");
    // Line 1 a title, 2 the header in 万元, 3-6 projects (5: one the list holds, 6: 桃坪子 misspelt), 7 合计.
    test::write_text(sheet, "2027年金碧镇项目计划\n乡镇,村委会,项目名称,投资（万元）\n金碧镇,桃村,桃村饮水项目,12.5\n金碧镇,桃坪子,桃坪子道路,30\n"
                            "金碧镇,毕家哨,毕家哨危房改造项目,14.7\n金碧镇,桃平子,桃平子水窖,5\n合计,,,62.2\n");
    auto csv = [&](int n) { return dir.file("i" + std::to_string(n) + ".csv"); };
    test::run_viewer_script(dir.path().string(), gpkg,
                            {"save-statistics " + csv(0), "import-sheet " + sheet, "import-fix 6 金碧镇 桃坪子", "import-append",
                             "save-statistics " + csv(1), "undo", "save-statistics " + csv(2), "redo", "save"});
    const Township before = jinbi(csv(0)), imported = jinbi(csv(1)), undone = jinbi(csv(2));
    CHECK(imported.sites == before.sites + 3);  // 毕家哨危房改造项目 is in the list already
    CHECK(imported.township_only == before.township_only);  // 桃平子, fixed to 桃坪子, found its village
    CHECK(imported.funds == doctest::Approx(before.funds + 125000 + 300000 + 50000));
    CHECK(undone.sites == before.sites);
    CHECK(undone.funds == doctest::Approx(before.funds));
    REQUIRE(test::run_countyatlas("stats '" + gpkg + "' --format csv -o '" + dir.file("fresh.csv") + "'").exit_code == 0);
    CHECK(jinbi(dir.file("fresh.csv")).sites == imported.sites);  // saved: all three placed by their names
    CHECK(jinbi(dir.file("fresh.csv")).funds == doctest::Approx(imported.funds));
}
