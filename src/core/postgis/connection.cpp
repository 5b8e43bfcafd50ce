// libpq calls, each failure turned into one line naming the database.
#include "core/postgis/connection.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "core/model/database_source.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"

namespace ca::postgis {
namespace {

// libpq's words from a source's: GDAL's own (schemas, active_schema, tables) left out, text
// always UTF-8, and a name the server's activity list shows.
std::string connection_words(const std::string& source) {
    const std::string words = model::libpq_connection(source);
    // The server's activity list names us, unless the user named the session (an office's audit).
    const bool named = words.find("application_name=") != std::string::npos;
    return words + " client_encoding=UTF8 connect_timeout=20" + (named ? "" : " application_name=countyatlas");
}

}  // namespace

Result::Result(pg_result* result) : m_result(result, PQclear) {}
int Result::rows() const { return PQntuples(m_result.get()); }
bool Result::is_null(int row, int column) const { return PQgetisnull(m_result.get(), row, column) != 0; }
std::string_view Result::text(int row, int column) const {
    return {PQgetvalue(m_result.get(), row, column), static_cast<std::size_t>(PQgetlength(m_result.get(), row, column))};
}
double Result::number(int row, int column) const { return is_null(row, column) ? 0.0 : std::strtod(PQgetvalue(m_result.get(), row, column), nullptr); }
std::int64_t Result::integer(int row, int column) const {
    std::int64_t value = 0;
    const std::string_view t = text(row, column);
    std::from_chars(t.data(), t.data() + t.size(), value);
    return value;
}
std::int64_t Result::affected() const { return std::atoll(PQcmdTuples(m_result.get())); }

Connection::Connection(const std::string& source) : m_display(model::database_display_name(source)) {
    m_connection = PQconnectdb(connection_words(source).c_str());
    if (PQstatus(m_connection) != CONNECTION_OK) {
        const std::string reason = model::one_line(PQerrorMessage(m_connection));
        PQfinish(m_connection);
        m_connection = nullptr;
        throw Error("cannot connect to the database: " + reason).file(m_display);
    }
    PQsetNoticeProcessor(m_connection, [](void*, const char*) {}, nullptr);  // NOTICEs are not the user's business
}

Connection::~Connection() {
    if (m_connection) PQfinish(m_connection);
}

Result Connection::exec(const std::string& sql, const Parameters& parameters) {
    std::vector<const char*> values;
    for (const auto& p : parameters) values.push_back(p ? p->c_str() : nullptr);
    pg_result* raw = PQexecParams(m_connection, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
    const ExecStatusType status = PQresultStatus(raw);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const std::string reason = model::one_line(raw ? PQresultErrorMessage(raw) : PQerrorMessage(m_connection));
        PQclear(raw);
        throw Error("the database refused: " + reason).file(m_display);
    }
    return Result(raw);
}

void Connection::copy_begin(const std::string& copy_statement) {
    pg_result* start = PQexec(m_connection, copy_statement.c_str());
    const bool ready = PQresultStatus(start) == PGRES_COPY_IN;
    const std::string reason = ready ? "" : model::one_line(PQresultErrorMessage(start));
    PQclear(start);
    if (!ready) throw Error("the database refused: " + reason).file(m_display);
    m_copy_failure.clear();
}

void Connection::copy_put(std::string_view rows) {
    constexpr std::size_t kChunk = 1 << 20;
    for (std::size_t at = 0; at < rows.size() && m_copy_failure.empty(); at += kChunk) {
        const std::size_t n = std::min(kChunk, rows.size() - at);
        if (PQputCopyData(m_connection, rows.data() + at, static_cast<int>(n)) != 1) m_copy_failure = model::one_line(PQerrorMessage(m_connection));
    }
}

void Connection::copy_end() {
    std::string reason = m_copy_failure;
    PQputCopyEnd(m_connection, reason.empty() ? nullptr : "sending failed");
    while (pg_result* r = PQgetResult(m_connection)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && reason.empty()) reason = model::one_line(PQresultErrorMessage(r));
        PQclear(r);
    }
    if (!reason.empty()) throw Error("loading rows failed: " + reason).file(m_display);
}

void Connection::copy_rows(const std::string& copy_statement, const std::string& rows) {
    copy_begin(copy_statement);
    copy_put(rows);
    copy_end();
}

Transaction::Transaction(Connection& connection) : m_connection(connection) { m_connection.exec("BEGIN"); }

Transaction::~Transaction() {
    if (m_done) return;
    try {
        m_connection.exec("ROLLBACK");
    } catch (const std::exception&) {
        // The connection is gone: the server rolls back what it had on its own.
    }
}

void Transaction::commit() {
    m_connection.exec("COMMIT");
    m_done = true;
}

std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string quote_table(std::string_view schema_dot_table) {
    const model::TableName table = model::split_table_name(schema_dot_table);
    return quote_identifier(table.schema) + "." + quote_identifier(table.name);
}

std::string copy_field(const std::optional<std::string>& value) {
    if (!value) return "\\N";
    std::string out;
    out.reserve(value->size());
    for (const char c : *value) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace ca::postgis
