// Safe writes: a failure never costs the user the old file, and never leaves a temporary one.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "core/model/error.hpp"
#include "core/model/safe_write.hpp"
#include "support/fixtures.hpp"
#include "support/full_disk.hpp"

namespace fs = std::filesystem;
using namespace ca;

namespace {

mode_t mode_of(const fs::path& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("a safe write replaces the file whole, keeps its permissions and leaves no temporary file") {
    test::TempDir dir;
    const fs::path target = dir.path() / "table.csv";
    model::write_file_bytes(target, "first\n");
    CHECK(test::read_file(target) == "first\n");
    const mode_t umask_now = ::umask(022);
    ::umask(umask_now);
    CHECK(mode_of(target) == (0666 & ~umask_now));  // as any file the user makes, not mkstemp's 0600
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    model::write_file_bytes(target, "second, longer\n");
    CHECK(test::read_file(target) == "second, longer\n");
    CHECK(mode_of(target) == 0640);
    CHECK(test::file_names_in(dir.path()) == std::set<std::string>{"table.csv"});
    // A device or a pipe is written to, never replaced by a file (tests run as root, who could:
    // `-o /dev/null` once turned this machine's /dev/null into a file). A pipe stands in for the
    // device, so that a regression harms nothing outside the test's folder.
    const fs::path pipe = dir.path() / "pipe";
    REQUIRE(::mkfifo(pipe.c_str(), 0600) == 0);
    const int reader = ::open(pipe.c_str(), O_RDONLY | O_NONBLOCK);  // a reader, so the writer's open does not wait
    REQUIRE(reader >= 0);
    model::write_file_bytes(pipe, "through the pipe");
    char received[64] = {};
    const ssize_t n = ::read(reader, received, sizeof received - 1);
    ::close(reader);
    CHECK(std::string(received, n > 0 ? static_cast<std::size_t>(n) : 0) == "through the pipe");
    CHECK(fs::is_fifo(pipe));
    fs::remove(pipe);
    // A folder is never replaced by a file.
    CHECK_THROWS_WITH(model::write_file_bytes(dir.path(), "x"), (dir.path().string() + ": is a folder; give the name of a file to write").c_str());
    try {
        model::write_file_bytes(dir.path(), "x");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::CannotWrite);  // exit status 3, not "bad input"
    }
}

TEST_CASE("a writer that fails after writing leaves the old file byte for byte and no temporary file") {
    test::TempDir dir;
    const fs::path target = dir.path() / "map.pdf";
    model::write_file_bytes(target, "%PDF the good old map");
    fs::path temp_seen;
    auto failing = [&](model::TempFile& file) {
        temp_seen = file.path();
        file.write("%PDF half a new m");
        throw model::WriteFailure("No space left on device");
    };
    CHECK_THROWS_WITH(model::write_via_temp(target, failing), (target.string() + ": cannot write the file: No space left on device; the old file is unchanged").c_str());
    CHECK(temp_seen.parent_path() == dir.path());
    CHECK(temp_seen.filename().string().rfind(".map.pdf.", 0) == 0);
    CHECK(temp_seen.extension() == ".part");
    CHECK(test::read_file(target) == "%PDF the good old map");
    CHECK(test::file_names_in(dir.path()) == std::set<std::string>{"map.pdf"});

    // Without an old file there is nothing to keep, and nothing is left either.
    const fs::path fresh = dir.path() / "new.pdf";
    CHECK_THROWS_WITH(model::write_via_temp(fresh, failing), (fresh.string() + ": cannot write the file: No space left on device").c_str());
    try {
        model::write_via_temp(fresh, failing);
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::CannotWrite);
    }
    CHECK_FALSE(fs::exists(fresh));
    // Any other failure of the writer (a cancelled export) passes through as it is.
    CHECK_THROWS_WITH(model::write_via_temp(target, [](model::TempFile& file) {
                          file.write("partial");
                          throw Error("cancelled");
                      }),
                      "cancelled");
    CHECK(test::read_file(target) == "%PDF the good old map");
    CHECK(test::file_names_in(dir.path()) == std::set<std::string>{"map.pdf"});
}

TEST_CASE("a write onto a full disk fails with the system's reason and keeps the old file") {
    for (const bool try_mount : {true, false}) {
        test::TempDir dir;
        test::FullDisk disk(dir.path() / "disk", try_mount);
        MESSAGE("full disk variant: " << disk.variant());
        const fs::path target = dir.path() / "disk" / "stats.csv";
        model::write_file_bytes(target, "township,villages\n湾碧乡,12\n");
        const std::string filler = disk.fill();
        const std::string big(256 * 1024, 'y');
        {
            const test::FileSizeLimit limit(disk.mounted() ? RLIM_INFINITY : 4096);
            CHECK_THROWS_WITH(model::write_file_bytes(target, big),
                              (target.string() + ": cannot write the file: " + disk.reason() + "; the old file is unchanged").c_str());
        }
        CHECK(test::read_file(target) == "township,villages\n湾碧乡,12\n");
        std::set<std::string> expected{"stats.csv"};
        if (!filler.empty()) expected.insert(filler);
        CHECK(test::file_names_in(dir.path() / "disk") == expected);
    }
}

TEST_CASE("two threads writing one file leave exactly one whole version and no temporary file") {
    test::TempDir dir;
    const fs::path target = dir.path() / "same.csv";
    const std::string a(300 * 1024, 'a'), b(200 * 1024, 'b');
    for (int round = 0; round < 20; ++round) {
        bool a_ok = false, b_ok = false;
        {
            std::jthread first([&] { model::write_file_bytes(target, a), a_ok = true; });
            std::jthread second([&] { model::write_file_bytes(target, b), b_ok = true; });
        }
        CHECK(a_ok);  // neither is refused: each has its own temporary file
        CHECK(b_ok);
        const std::string result = test::read_file(target);
        CHECK((result == a || result == b));
        CHECK(test::file_names_in(dir.path()) == std::set<std::string>{"same.csv"});
    }
}

TEST_CASE("a stale temporary file of a killed run does not block or change the next write") {
    test::TempDir dir;
    const fs::path target = dir.path() / "t.csv";
    // What runs killed with SIGKILL left behind, in this version's names and the old fixed one.
    test::write_text(dir.file(".t.csv.AbC123.part"), "stale");
    test::write_text(dir.file(".t.csv.part"), "stale");
    model::write_file_bytes(target, "fresh\n");
    CHECK(test::read_file(target) == "fresh\n");
    CHECK(test::read_file(dir.path() / ".t.csv.AbC123.part") == "stale");  // another run's file: not ours to remove
    CHECK(test::file_names_in(dir.path()) == std::set<std::string>{".t.csv.AbC123.part", ".t.csv.part", "t.csv"});
}
