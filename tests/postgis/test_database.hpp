// The tests' PostgreSQL + PostGIS server, started by ctest's fixture (scripts/postgis_server.sh),
// and a schema of its own for each test, dropped afterwards, so tests run side by side.
#pragma once

#include <string>

namespace ca::test {

// "host=127.0.0.1 port=… dbname=countyatlas_test user=countyatlas". Throws when the fixture's
// server is not running: these tests never skip.
std::string test_conninfo();
std::string test_database();  // "PG:" + test_conninfo()

class TestSchema {
public:
    TestSchema();   // a fresh, unique, empty name (created by publish)
    ~TestSchema();  // DROP SCHEMA … CASCADE
    TestSchema(const TestSchema&) = delete;
    TestSchema& operator=(const TestSchema&) = delete;
    const std::string& name() const { return m_name; }
    // `PG:… schema.table`, quoted for the shell as one argument.
    std::string table_argument(const std::string& table) const;
    // `countyatlas publish SOURCES --to DATABASE --schema NAME --project-out PROJECT` (SOURCES as
    // shell words), required to succeed; returns PROJECT.
    std::string publish(const std::string& sources, const std::string& project, const std::string& database = test_database()) const;

private:
    std::string m_name;
};

// Runs SQL on the test database through psql; returns what it prints (unaligned, tuples only).
std::string psql(const std::string& sql);

}  // namespace ca::test
