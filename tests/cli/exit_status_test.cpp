// One exit status per kind of failure, through the real binary: 2 an input it cannot use, 3 an
// output it cannot write, 4 a run cancelled with Ctrl-C (and no temporary file left behind).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>

#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using namespace ca;

TEST_CASE("an input that cannot be read exits 2 with one line naming it") {
    test::TempDir dir;
    test::write_text(dir.file("villages.gpkg"), "not a GeoPackage, a text file renamed");
    const auto r = test::run_countyatlas("stats '" + dir.file("villages.gpkg") + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err == "countyatlas: villages.gpkg: cannot open as vector data: GDAL does not recognise it as vector data\n");
    CHECK(r.out.empty());
}

TEST_CASE("an output that cannot be written exits 3: a folder that is a file, a full device") {
    test::TempDir dir;
    test::write_text(dir.file("FILE.txt"), "a file where a folder is asked for");
    // Root writes through any permission bits, so the folder is made impossible, not forbidden.
    const std::string under_file = dir.file("FILE.txt/out.csv");
    const auto r = test::run_countyatlas("stats '" + test::sample_county() + "' --format csv -o '" + under_file + "'");
    CHECK(r.exit_code == 3);
    CHECK(r.err == "countyatlas: " + under_file + ": cannot write the file: Not a directory (is the folder there and writable?)\n");
    CHECK(test::file_names_in(dir.path()) == std::set<std::string>{"FILE.txt"});

    // /dev/full takes no byte: every write fails with ENOSPC, as on a full disk.
    const auto full = test::run_countyatlas("stats '" + test::sample_county() + "' --format csv -o /dev/full");
    CHECK(full.exit_code == 3);
    CHECK(full.err == "countyatlas: /dev/full: cannot write the file: No space left on device\n");
}

TEST_CASE("Ctrl-C while an export is drawn exits 4, says cancelled and leaves no temporary file") {
    test::TempDir dir;
    const fs::path target = dir.path() / "big.png";
    test::write_text(target.string(), "the good old figure");
    const std::string said = dir.file("stderr.txt");
    const pid_t pid = test::spawn_countyatlas({"export", test::sample_county(), "--out", target.string(), "--page", "A3-landscape", "--dpi", "600"},
                                              said);
    // Loading and drawing take seconds: interrupt them a little way in, as a person would.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    int status = 0;
    REQUIRE_MESSAGE(waitpid(pid, &status, WNOHANG) == 0, "the export finished before it could be interrupted");
    kill(pid, SIGINT);
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 4);
    CHECK(test::read_file(said) == "countyatlas: cancelled\n");
    CHECK(test::read_file(target) == "the good old figure");
    CHECK(test::file_names_in(dir.path()) == std::set<std::string>{"big.png", "stderr.txt"});  // no .big.png.XXXXXX.part
}

TEST_CASE("every command's help ends with the table of exit statuses") {
    for (const std::string command : {"info", "check", "stats", "rank", "clusters", "export", "view"}) {
        CAPTURE(command);
        const auto help = test::run_countyatlas(command + " --help");
        CHECK(help.exit_code == 0);
        CHECK(help.out.find("Exit status: 0 success; 2 bad input") != std::string::npos);
        CHECK(help.out.find("3 the output cannot be written (permission, full disk, missing folder); 4 cancelled (Ctrl-C)") != std::string::npos);
    }
}
