// The fixture's server, found through the state folder ctest's setup test wrote.
#include "postgis/test_database.hpp"

#include <unistd.h>

#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <stdexcept>

#include "support/fixtures.hpp"

namespace ca::test {

std::string test_conninfo() {
    std::ifstream in(std::string(CA_POSTGIS_STATE) + "/conninfo");
    std::string line;
    if (!std::getline(in, line) || line.empty())
        throw std::runtime_error("no test PostgreSQL running: ctest starts it (postgis_server_start); by hand: scripts/postgis_server.sh start " +
                                 std::string(CA_POSTGIS_STATE));
    return line;
}

std::string test_database() { return "PG:" + test_conninfo(); }

std::string psql(const std::string& sql) {
    const CommandResult r = run("psql -X -q -A -t -v ON_ERROR_STOP=1 '" + test_conninfo() + "' -c \"" + sql + "\"");
    if (r.exit_code != 0) throw std::runtime_error("psql failed: " + r.err);
    return r.out;
}

TestSchema::TestSchema() {
    static std::atomic<int> counter{0};
    m_name = "t" + std::to_string(getpid()) + "_" + std::to_string(counter++);
}

TestSchema::~TestSchema() {
    try {
        psql("DROP SCHEMA IF EXISTS " + m_name + " CASCADE");
    } catch (const std::exception&) {
        // The server is gone; its folder goes with it.
    }
}

std::string TestSchema::publish(const std::string& sources, const std::string& project, const std::string& database) const {
    const CommandResult r = run_countyatlas("publish " + sources + " --to '" + database + "' --schema " + m_name + " --project-out '" + project + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return project;
}

std::string TestSchema::table_argument(const std::string& table) const { return "'" + test_database() + " " + m_name + "." + table + "'"; }

}  // namespace ca::test
