// CSV parsing for project lists: our own, because GDAL's CSV driver takes the column count from
// the first line (a title line "XX县项目表" without commas makes it refuse the file, one with too
// few commas cuts columns off), drops blank lines (so its row numbers are not line numbers) and
// reads an unclosed quote as one cell holding the rest of the file.
#include "core/io/csv_grid.hpp"

#include <array>

#include "core/model/error.hpp"

namespace ca::io {
namespace {

constexpr std::size_t kDelimiterSampleLines = 30;

}  // namespace

char guess_csv_delimiter(std::string_view text) {
    std::array<std::size_t, 3> counts{};
    constexpr std::array<char, 3> kCandidates = {',', ';', '\t'};
    bool quoted = false;
    std::size_t lines = 0;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' && ++lines >= kDelimiterSampleLines) break;
        for (std::size_t k = 0; k < kCandidates.size(); ++k) counts[k] += c == kCandidates[k];
    }
    std::size_t best = 0;
    for (std::size_t k = 1; k < counts.size(); ++k)
        if (counts[k] > counts[best]) best = k;
    return kCandidates[best];
}

std::vector<SheetRow> read_csv_grid(std::string_view text, const std::string& file) {
    const char delimiter = guess_csv_delimiter(text);
    std::vector<SheetRow> rows;
    SheetRow row{1, {}};
    std::string cell;
    std::int64_t line = 1;
    std::int64_t quote_line = 0;  // where the open quote started; 0 outside quotes
    bool cell_started = false;    // the row has a cell, even an empty one before a delimiter
    auto end_row = [&] {
        if (cell_started || !cell.empty()) row.cells.push_back(std::move(cell));
        rows.push_back(std::move(row));
        row = SheetRow{line, {}};
        cell.clear();
        cell_started = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote_line != 0) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quote_line = 0;
            } else {
                if (c == '\n') ++line;
                cell += c;
            }
            continue;
        }
        if (c == '"' && cell.empty()) {
            quote_line = line;  // RFC 4180: a quote opens a cell only at its start
            cell_started = true;
        } else if (c == delimiter) {
            row.cells.push_back(std::move(cell));
            cell.clear();
            cell_started = true;
        } else if (c == '\n') {
            ++line;
            end_row();
        } else if (c != '\r') {
            cell += c;
        }
    }
    if (quote_line != 0)
        throw Error("a quote (\") opens a cell here and nothing closes it, so the rest of the file would read as one cell; "
                    "close the quote or remove it")
            .file(file)
            .feature("line " + std::to_string(quote_line));
    if (cell_started || !cell.empty() || !row.cells.empty()) end_row();
    return rows;
}

}  // namespace ca::io
