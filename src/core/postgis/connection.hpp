// One libpq connection to a PostGIS database, for what GDAL's driver cannot do: counting by SQL on
// the server, loading a county with COPY, and saving edits in one transaction with row versions.
// Every failure is a ca::Error of one line naming the source (without its password).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace ca::postgis {

// The rows a statement returned; text cells as libpq gives them.
class Result {
public:
    explicit Result(pg_result* result);
    int rows() const;
    bool is_null(int row, int column) const;
    std::string_view text(int row, int column) const;
    double number(int row, int column) const;  // 0 for NULL
    std::int64_t integer(int row, int column) const;
    std::int64_t affected() const;  // rows an UPDATE or DELETE touched

private:
    std::shared_ptr<pg_result> m_result;
};

using Parameters = std::vector<std::optional<std::string>>;  // nullopt: NULL

class Connection {
public:
    // `source`: "PG:host=… dbname=…" as io::parse_source gives it (a password comes from libpq's
    // PGPASSWORD, ~/.pgpass or PGSERVICE).
    explicit Connection(const std::string& source);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Result exec(const std::string& sql, const Parameters& parameters = {});
    // COPY table (columns) FROM STDIN in text format, rows already escaped (copy_field): begun,
    // fed in pieces (a province's million rows need not be in memory at once), ended.
    void copy_begin(const std::string& copy_statement);
    void copy_put(std::string_view rows);
    void copy_end();
    void copy_rows(const std::string& copy_statement, const std::string& rows);  // all three at once
    const std::string& display_name() const { return m_display; }

private:
    pg_conn* m_connection = nullptr;
    std::string m_display;
    std::string m_copy_failure;  // the first failure of a COPY being fed, said at copy_end
};

// A transaction rolled back unless committed: an exception leaves the database as it was.
class Transaction {
public:
    explicit Transaction(Connection& connection);
    ~Transaction();
    void commit();

private:
    Connection& m_connection;
    bool m_done = false;
};

// "schema"."table", each part quoted as SQL wants.
std::string quote_identifier(std::string_view name);
std::string quote_table(std::string_view schema_dot_table);
// One field of COPY's text format: \N for NULL, tabs, newlines and backslashes escaped.
std::string copy_field(const std::optional<std::string>& value);

}  // namespace ca::postgis
