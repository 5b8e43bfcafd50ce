// What a user sees when the database says no: one line naming the source, never the password,
// and a database left as it was when the connection drops in the middle of loading.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "bench/synthetic_region.hpp"
#include "postgis/test_database.hpp"
#include "support/fixtures.hpp"

namespace ca {
namespace {

// The test server's address with another user's words: "PG:host=… port=… dbname=… user=reader password=…".
std::string as_reader(const std::string& password_words) {
    std::string words = test::test_conninfo();
    words = words.substr(0, words.find(" user="));
    return "PG:" + words + " user=reader" + password_words;
}

bool one_line(const std::string& text) { return !text.empty() && text.find('\n') == text.size() - 1; }

TEST_CASE("a wrong password or a missing table is one line naming the source, without the password") {
    const auto wrong = test::run_countyatlas("stats --villages '" + as_reader(" password=not-the-password") + " public.villages'");
    CHECK(wrong.exit_code == 2);
    CHECK(one_line(wrong.err));
    CHECK(wrong.err.find("PG:host=127.0.0.1") != std::string::npos);
    CHECK(wrong.err.find("password authentication failed") != std::string::npos);
    CHECK(wrong.err.find("not-the-password") == std::string::npos);

    const auto missing = test::run_countyatlas("stats --villages '" + test::test_database() + " nowhere.no_such_villages'");
    CHECK(missing.exit_code == 2);
    CHECK(one_line(missing.err));
    CHECK(missing.err.find("no_such_villages") != std::string::npos);
    CHECK(missing.err.find("dbname=countyatlas_test") != std::string::npos);
}

TEST_CASE("a project file written by publish holds no password, and opens with libpq's PGPASSWORD") {
    test::TempDir dir;
    test::TestSchema schema;
    const std::string project = dir.file("shared.cap.json");
    schema.publish("'" + test::sample_county() + "'", project, as_reader(" password=right-password"));
    const std::string text = test::read_file(project);
    CHECK(text.find("user=reader") != std::string::npos);
    CHECK(text.find("right-password") == std::string::npos);
    CHECK(text.find("password") == std::string::npos);

    const auto without = test::run_countyatlas("stats '" + project + "'");
    CHECK(without.exit_code == 2);
    CHECK(one_line(without.err));
    CHECK(without.err.find("user=reader") != std::string::npos);
    const auto with = test::run("PGPASSWORD=right-password '" + std::string(CA_BINARY) + "' stats '" + project + "' --format csv");
    CHECK_MESSAGE(with.exit_code == 0, with.err);
    CHECK(with.out.find("金碧镇") != std::string::npos);
}

TEST_CASE("a connection dropped while publishing leaves the database without the county, and while counting stops with one line") {
    test::TempDir dir;
    test::TestSchema schema;
    bench::write_region({"drop-test", 30, 60000, 3000, 500}, dir.file("region.gpkg"));
    // Sessions named after the schema: only this test's are ended, not those of tests beside it.
    const std::string database = test::test_database() + " application_name=" + schema.name();
    const std::string ours = "application_name = '" + schema.name() + "'";
    const int pid = test::spawn_countyatlas({"publish", dir.file("region.gpkg"), "--to", database, "--schema", schema.name(),
                                             "--project-out", dir.file("p.cap.json")},
                                            dir.file("err.txt"));
    // The server ends the loading session once it is at work (as a restart or a network cut would).
    bool dropped = false;
    for (int i = 0; i < 600 && !dropped; ++i) {
        dropped = test::psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE " + ours + " AND query LIKE 'COPY%'")
                      .find('1') == 0;
        if (!dropped) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(dropped);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) != 0);
    const std::string err = test::read_file(dir.file("err.txt"));
    CHECK(err.find("dbname=countyatlas_test") != std::string::npos);
    CHECK(err.find("Segmentation") == std::string::npos);
    CHECK(test::psql("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema.name() + "'") == "0\n");
    CHECK_FALSE(std::filesystem::exists(dir.file("p.cap.json")));

    // Dropped while the server counts: one line naming the database, no figures, no crash.
    schema.publish("'" + dir.file("region.gpkg") + "'", dir.file("p.cap.json"), database);
    const int counting = test::spawn_countyatlas({"stats", dir.file("p.cap.json"), "--engine", "server", "-o", dir.file("stats.txt")}, dir.file("err2.txt"));
    dropped = false;
    for (int i = 0; i < 600 && !dropped; ++i) {
        dropped = test::psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE " + ours + " AND query LIKE 'CREATE TEMP TABLE%'")
                      .find('1') == 0;
        if (!dropped) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    waitpid(counting, &status, 0);
    REQUIRE(dropped);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    const std::string counted = test::read_file(dir.file("err2.txt"));
    CHECK(counted.find("dbname=countyatlas_test") != std::string::npos);
    CHECK(counted.find("terminat") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.file("stats.txt")));
}

}  // namespace
}  // namespace ca
