// Parsing `PG:…` sources: libpq's connection words, quoted values kept whole.
#include "core/model/database_source.hpp"

#include <vector>

#include "core/model/text.hpp"

namespace ca::model {
namespace {

// Words separated by spaces; a value in single or double quotes may hold spaces ("PG:\"host=a
// dbname=b\" t" arrives from the shell as one argument with its quotes when the user quoted twice).
std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    char quote = 0;
    for (const char c : text) {
        if (quote) {
            if (c == quote) quote = 0;
            else word += c;
            continue;
        }
        if (c == '"' || c == '\'') {
            quote = c;
            continue;
        }
        if (c == ' ' || c == '\t') {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
            continue;
        }
        word += c;
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

// libpq's quoting: a value with a space, a quote or a backslash goes in single quotes.
std::string quoted_value(const std::string& value) {
    if (!value.empty() && value.find_first_of(" '\\") == std::string::npos) return value;
    std::string out = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

}  // namespace

bool is_database_source(std::string_view source) { return source.size() >= 3 && fold_key(std::string(source.substr(0, 3))) == "pg:"; }

DatabaseSource parse_database_source(std::string_view source) {
    DatabaseSource out;
    if (!is_database_source(source)) return out;
    for (const std::string& word : words_of(source.substr(3))) {
        const auto equals = word.find('=');
        if (equals == std::string::npos) {
            out.table = word;
            continue;
        }
        const std::string key = word.substr(0, equals), value = word.substr(equals + 1);
        if (key == "password") {
            out.password = value;
            continue;
        }
        if (key == "tables" && out.table.empty()) {  // GDAL's own way of naming one table
            out.table = value;
            continue;
        }
        out.connection += (out.connection.empty() ? "" : " ") + key + "=" + quoted_value(value);
    }
    return out;
}

std::string database_connection_name(const DatabaseSource& source) { return "PG:" + source.connection; }

std::string database_display_name(std::string_view source) {
    const DatabaseSource parsed = parse_database_source(source);
    return database_connection_name(parsed) + (parsed.table.empty() ? "" : " " + parsed.table);
}

std::string libpq_connection(std::string_view source) {
    std::string words;
    for (const std::string& word : words_of(parse_database_source(source).connection)) {
        const auto equals = word.find('=');
        const std::string key = word.substr(0, equals);
        if (equals == std::string::npos || key == "schemas" || key == "active_schema" || key == "tables") continue;
        words += (words.empty() ? "" : " ") + key + "=" + quoted_value(word.substr(equals + 1));
    }
    return words;
}

bool asks_for_password(std::string_view message) {
    return message.find("no password supplied") != std::string_view::npos || message.find("password authentication failed") != std::string_view::npos;
}

std::string default_schema(std::string_view source) {
    for (const std::string& word : words_of(parse_database_source(source).connection)) {
        const auto equals = word.find('=');
        const std::string key = word.substr(0, equals), value = equals == std::string::npos ? "" : word.substr(equals + 1);
        if ((key == "active_schema" || key == "schemas") && !value.empty() && value.find(',') == std::string::npos) return value;
    }
    return "public";
}

TableName split_table_name(std::string_view table, const std::string& schema) {
    const auto dot = table.find('.');
    if (dot == std::string_view::npos) return {schema, std::string(table)};
    return {std::string(table.substr(0, dot)), std::string(table.substr(dot + 1))};
}

}  // namespace ca::model
