// The real viewer (under Xvfb) adding a table of a database that wants a password: it asks, the
// answer opens the layer, and the project it saves holds no password.
#include <doctest/doctest.h>

#include "postgis/test_database.hpp"
#include "support/fixtures.hpp"
#include "support/viewer_run.hpp"

namespace ca {
namespace {

TEST_CASE("the viewer asks for a database's password, opens the table with it, and writes it nowhere") {
    test::TempDir dir;
    test::TestSchema schema;
    std::string address = test::test_conninfo();
    address = "PG:" + address.substr(0, address.find(" user=")) + " user=reader";
    const auto published = test::run("PGPASSWORD=right-password '" + std::string(CA_BINARY) + "' publish '" + test::sample_county() +
                                     "' --to '" + address + "' --schema " + schema.name() + " --project-out '" + dir.file("p.cap.json") + "'");
    REQUIRE_MESSAGE(published.exit_code == 0, published.err);
    test::run_viewer_script(dir.path().string(), test::sample_county() + ":villages",
                            {"open-database " + address + " " + schema.name() + ".ponds", "save-status " + dir.file("asked.txt"),
                             "password right-password", "wait", "save-status " + dir.file("opened.txt"), "save-project " + dir.file("v.cap.json"),
                             "wait"});
    const std::string asked = test::read_file(dir.file("asked.txt")), opened = test::read_file(dir.file("opened.txt"));
    CHECK(asked.find("ponds") == std::string::npos);  // refused until the password is given
    CHECK(opened.find("layer\t" + schema.name() + ".ponds\tponds\t144\n") != std::string::npos);
    const std::string project = test::read_file(dir.file("v.cap.json"));
    CHECK(project.find("user=reader") != std::string::npos);
    CHECK(project.find("right-password") == std::string::npos);
}

}  // namespace
}  // namespace ca
