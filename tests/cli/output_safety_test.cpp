// Nothing the user has is lost by a command's output: a full disk, an output named like an input,
// two runs at once, a run killed half-way, an export with nothing to draw.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gdal.h>
#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"
#include "support/full_disk.hpp"

namespace fs = std::filesystem;
using namespace ca;

namespace {

bool is_temp_of(const std::string& name, const std::string& target) {
    return name.rfind("." + target + ".", 0) == 0 && name.size() > target.size() + 6 && name.ends_with(".part");
}

std::string countyatlas() { return std::string("'") + CA_BINARY + "' "; }

// countyatlas run in `folder`, so files can be named as a user types them.
test::CommandResult run_in(const fs::path& folder, const std::string& arguments) {
    return test::run("cd '" + folder.string() + "' && " + countyatlas() + arguments);
}

}  // namespace

TEST_CASE("on a full disk export and stats fail with one line and exit 3, keeping the old files byte for byte") {
    const std::string county = test::sample_county();
    for (const bool try_mount : {true, false}) {
        test::TempDir dir;
        const fs::path disk_dir = dir.path() / "disk";
        test::FullDisk disk(disk_dir, try_mount);
        MESSAGE("full disk variant: " << disk.variant());
        const std::vector<std::pair<std::string, std::string>> runs = {
            {"map.pdf", "export '" + county + "' --out '" + (disk_dir / "map.pdf").string() + "'"},
            {"map.png", "export '" + county + "' --dpi 72 --out '" + (disk_dir / "map.png").string() + "'"},
            {"t.xlsx", "stats '" + county + "' --format xlsx -o '" + (disk_dir / "t.xlsx").string() + "'"},
            {"t.gpkg", "stats '" + county + "' --by village --format gpkg -o '" + (disk_dir / "t.gpkg").string() + "'"},
        };
        std::set<std::string> names{"plans"};
        for (const auto& [name, args] : runs) {
            test::write_text((disk_dir / name).string(), "the good old " + name);
            names.insert(name);
        }
        fs::create_directory(disk_dir / "plans");
        const std::string filler = disk.fill();
        if (!filler.empty()) names.insert(filler);
        for (const auto& [name, args] : runs) {
            const std::string& command = args;  // CAPTURE's lambda cannot name a structured binding in clang 14
            CAPTURE(command);
            const auto r = test::run(disk.shell_prefix() + countyatlas() + args);
            CHECK(r.exit_code == 3);
            CHECK(r.err == "countyatlas: " + (disk_dir / name).string() + ": cannot write the file: " + disk.reason() + "; the old file is unchanged\n");
            CHECK(r.out.empty());
            CHECK(test::read_file(disk_dir / name) == "the good old " + name);
            CHECK(test::file_names_in(disk_dir) == names);
        }
        // The atlas: its PDF fails, nothing is left in its folder.
        const auto atlas = test::run(disk.shell_prefix() + countyatlas() + "export '" + county + "' --atlas township --out '" +
                                     (disk_dir / "plans").string() + "'");
        CHECK(atlas.exit_code == 3);
        CHECK(atlas.err == "countyatlas: " + (disk_dir / "plans" / "atlas.pdf").string() + ": cannot write the file: " + disk.reason() + "\n");
        CHECK(fs::is_empty(disk_dir / "plans"));
    }
}

TEST_CASE("an output that is one of the inputs is refused before anything is read, and the input is unchanged") {
    test::TempDir dir;
    fs::copy_file(test::sample_county(), dir.path() / "county.gpkg");
    fs::copy_file(fs::path(CA_SOURCE_DIR) / "data" / "sample" / "projects_by_name.csv", dir.path() / "projects.csv");
    test::write_layer(dir.file("villages.shp"), "ESRI Shapefile", 4490, {{"村名"}, {"人口", true}},
                      {{"POLYGON ((101 25, 101.1 25, 101.1 25.1, 101 25.1, 101 25))", {"马家营", "812"}}}, {"ENCODING=UTF-8"});
    test::write_text(dir.file("my.cap.json"), R"({"countyatlas_project": 1, "layers": [{"path": "county.gpkg"}]})" "\n");
    fs::create_directory(dir.path() / "sub");
    fs::create_symlink("county.gpkg", dir.path() / "link.gpkg");
    std::map<std::string, std::string> before;
    for (const auto& name : test::file_names_in(dir.path()))
        if (fs::is_regular_file(dir.path() / name)) before[name] = test::read_file(dir.path() / name);

    const std::string refused = ": the output is one of the inputs; write to another file\n";
    const std::vector<std::pair<std::string, std::string>> runs = {
        {"stats county.gpkg --format gpkg -o county.gpkg", "county.gpkg" + refused},
        {"stats --villages county.gpkg:villages --sites projects.csv --format csv -o projects.csv", "projects.csv" + refused},
        {"stats county.gpkg --format csv -o sub/../county.gpkg", "sub/../county.gpkg" + refused},
        {"stats link.gpkg --format json -o county.gpkg", "county.gpkg" + refused},
        {"rank county.gpkg --format csv -o link.gpkg", "link.gpkg" + refused},
        {"clusters county.gpkg --format gpkg -o county.gpkg", "county.gpkg" + refused},
        {"export county.gpkg --out county.gpkg", "county.gpkg" + refused},
        {"export county.gpkg --atlas township --out county.gpkg", "county.gpkg" + refused},
        {"stats my.cap.json --format gpkg -o county.gpkg", "county.gpkg" + refused},
        {"stats my.cap.json --format json -o my.cap.json", "my.cap.json" + refused},
        {"stats --villages villages.shp --format csv -o villages.dbf",
         "villages.dbf: the output is one of the inputs (a part of villages.shp); write to another file\n"},
        {"stats --villages villages.shp --format csv -o villages.cpg",
         "villages.cpg: the output is one of the inputs (a part of villages.shp); write to another file\n"},
    };
    for (const auto& [args, message] : runs) {
        const std::string& command = args;  // CAPTURE's lambda cannot name a structured binding in clang 14
        CAPTURE(command);
        const auto r = run_in(dir.path(), args);
        CHECK(r.exit_code == 2);
        CHECK(r.err == "countyatlas: " + message);
        CHECK(r.out.empty());
    }
    for (const auto& [name, bytes] : before) {
        const std::string& file = name;  // as above
        CAPTURE(file);
        CHECK(test::read_file(dir.path() / name) == bytes);
    }
    CHECK(test::file_names_in(dir.path()).size() == before.size() + 1);  // and the folder "sub": nothing new
    // A different file of the same name elsewhere is no input.
    const auto ok = run_in(dir.path(), "stats county.gpkg --format csv -o sub/county.csv");
    CHECK_MESSAGE(ok.exit_code == 0, ok.err);
}

TEST_CASE("two runs writing one file at once leave one of the two whole outputs and no temporary file") {
    test::TempDir dir, logs;
    const std::string county = test::sample_county();
    const std::string a = "stats '" + county + "' --format csv", b = "stats '" + county + "' --by village --format csv";
    const std::string expected_a = test::run_countyatlas(a).out, expected_b = test::run_countyatlas(b).out;
    REQUIRE(expected_a != expected_b);
    const std::string target = dir.file("same.csv");
    for (int round = 0; round < 3; ++round) {
        const auto r = test::run("(" + countyatlas() + a + " -o '" + target + "'; echo $? > '" + logs.file("a") + "') & (" + countyatlas() + b +
                                 " -o '" + target + "'; echo $? > '" + logs.file("b") + "') & wait");
        CHECK(test::read_file(logs.file("a")) == "0\n");  // each run has its own temporary file: neither fails
        CHECK(test::read_file(logs.file("b")) == "0\n");
        const std::string result = test::read_file(target);
        CHECK((result == expected_a || result == expected_b));
        CHECK(test::file_names_in(dir.path()) == std::set<std::string>{"same.csv"});
    }
}

TEST_CASE("a run killed while it writes leaves no temporary file and the old figure intact") {
    test::TempDir dir;
    const fs::path target = dir.path() / "big.png";
    for (const int sig : {SIGTERM, SIGINT}) {
        CAPTURE(sig);
        test::write_text(target.string(), "the good old figure");
        const pid_t pid = test::spawn_countyatlas({"export", test::sample_county(), "--out", target.string(), "--page", "A3-landscape", "--dpi", "600"},
                                                  "/dev/null");
        // The temporary file appears once the page is drawn and lives while the PNG is encoded.
        bool seen = false;
        int status = 0;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
        while (!seen && std::chrono::steady_clock::now() < deadline && waitpid(pid, &status, WNOHANG) == 0) {
            for (const auto& name : test::file_names_in(dir.path())) seen = seen || is_temp_of(name, "big.png");
            if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        if (seen) {
            kill(pid, sig);
            waitpid(pid, &status, 0);
        }
        CHECK(seen);
        if (sig == SIGINT) {  // Ctrl-C cancels: exit status 4
            CHECK(WIFEXITED(status));
            CHECK(WEXITSTATUS(status) == 4);
        } else {  // any other signal still ends the run as the signal says
            CHECK(WIFSIGNALED(status));
            CHECK(WTERMSIG(status) == sig);
        }
        CHECK(test::read_file(target) == "the good old figure");
        std::string left;
        for (const auto& name : test::file_names_in(dir.path())) left += name + " ";
        CHECK(left == "big.png ");
    }
}

TEST_CASE("a stale temporary file of a killed run does not block the next GeoPackage write") {
    test::TempDir dir;
    // What runs killed with SIGKILL leave: this version's names, and the fixed name older ones used.
    test::write_text(dir.file(".t.gpkg.Zz9Yx8.part"), "half a database");
    test::write_text(dir.file(".t-part.gpkg"), "half a database");
    const auto r = test::run_countyatlas("stats '" + test::sample_county() + "' --format gpkg -o '" + dir.file("t.gpkg") + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(dir.file("t.gpkg").c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    REQUIRE(ds != nullptr);
    CHECK(OGR_L_GetFeatureCount(GDALDatasetGetLayer(ds, 0), TRUE) == 12);  // the sample's twelve townships
    GDALClose(ds);
    CHECK(test::file_names_in(dir.path()) == std::set<std::string>{".t.gpkg.Zz9Yx8.part", ".t-part.gpkg", "t.gpkg"});
}

TEST_CASE("an export with nothing to draw ends in one line and exit 2, not an empty figure") {
    test::TempDir dir;
    test::write_text(dir.file("p.cap.json"), R"({"countyatlas_project": 1, "layers": [{"path": "gone.shp", "role": "villages"}, {"path": "gone.csv", "role": "sites"}]})"
                                             "\n");
    auto r = test::run_countyatlas("export '" + dir.file("p.cap.json") + "' --out '" + dir.file("map.pdf") + "'");
    CHECK(r.exit_code == 2);
    // Loading's summary of the missing files comes first, then the one line that stops the export.
    CHECK(r.err == "countyatlas: warning: 2 × missing data file, first: " + dir.file("gone.shp") +
                       ": file not found; all in `countyatlas check`\n"
                       "countyatlas: " + dir.file("p.cap.json") + ": nothing to draw: every data file is missing (" + dir.file("gone.shp") +
                       ": file not found; and 1 more); check the paths in the project file\n");
    CHECK(r.out.empty());  // no JSON with -nan in it
    test::write_text(dir.file("empty.csv"), "village_name,lon,lat\n");
    r = test::run_countyatlas("export '" + dir.file("empty.csv") + "' --out '" + dir.file("map.pdf") + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err == "countyatlas: nothing to draw: no layer has any features\n");
    CHECK(test::file_names_in(dir.path()) == std::set<std::string>{"empty.csv", "p.cap.json"});
    // With data, the printed line is JSON with plain numbers.
    r = test::run_countyatlas("export '" + test::sample_county() + "' --dpi 72 --out '" + dir.file("map.png") + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find("nan") == std::string::npos);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["file"] == dir.file("map.png"));
    CHECK(j["map"]["m_per_unit"].get<double>() > 0);
}
