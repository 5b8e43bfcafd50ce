// patch_csv: edits written into a CSV file's own bytes. The file is split into rows and cells on
// its raw bytes (GBK, GB18030 and Big5 trail bytes are all >= 0x40, so no byte of a character is a
// delimiter, quote, CR or LF); only the bytes of changed cells, deleted rows and added rows differ.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string_view>

#include "core/io/cell_text.hpp"
#include "core/io/csv_grid.hpp"
#include "core/io/encoding.hpp"
#include "core/io/table_patch.hpp"
#include "core/model/error.hpp"
#include "core/model/layer.hpp"
#include "core/model/safe_write.hpp"

namespace ca::io {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct RawCell {
    std::size_t begin = 0, end = 0;  // offsets into the file's bytes
    bool quoted = false;
};

// One row as csv_grid reads it: the line it starts on, its bytes without and with its line end.
struct RawRow {
    std::int64_t line = 0;
    std::size_t begin = 0, end = 0, next = 0;
    std::vector<RawCell> cells;
};

struct RawCsv {
    std::string bytes;
    std::size_t body = 0;  // after the BOM
    char delimiter = ',';
    std::string line_end = "\r\n";
    std::vector<RawRow> rows;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot be read (permissions?)").file(model::file_name(path));
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Rows and cells by csv_grid's rules: a quote opens a cell only at its start, doubled quotes and
// line breaks stay inside it, blank lines are rows without cells.
void split_rows(RawCsv& csv, const std::string& file) {
    const std::string& b = csv.bytes;
    RawRow row{1, csv.body, 0, 0, {}};
    std::int64_t line = 1;
    std::size_t cell_begin = csv.body;
    bool quoted = false, cell_quoted = false, cell_started = false;
    auto close_cell = [&](std::size_t end) { row.cells.push_back({cell_begin, end, cell_quoted}); };
    for (std::size_t i = csv.body; i < b.size(); ++i) {
        const char c = b[i];
        if (c == '\n') ++line;
        if (quoted) {
            if (c == '"' && i + 1 < b.size() && b[i + 1] == '"') ++i;
            else if (c == '"') quoted = false;
            continue;
        }
        if (c == '"' && i == cell_begin) {
            quoted = cell_quoted = cell_started = true;
        } else if (c == csv.delimiter) {
            close_cell(i);
            cell_begin = i + 1, cell_quoted = false, cell_started = true;
        } else if (c == '\n') {
            row.end = i > row.begin && b[i - 1] == '\r' ? i - 1 : i;
            if (cell_started || row.end > cell_begin) close_cell(row.end);
            row.next = i + 1;
            csv.rows.push_back(std::move(row));
            row = RawRow{line, i + 1, 0, 0, {}};
            cell_begin = i + 1, cell_quoted = cell_started = false;
        }
    }
    if (quoted) throw Error("a quote (\") opens a cell and nothing closes it; close the quote or remove it").file(file);
    if (row.begin < b.size()) {
        row.end = row.next = b.size();
        close_cell(row.end);
        csv.rows.push_back(std::move(row));
    }
}

RawCsv read_raw(const std::string& path) {
    RawCsv csv;
    csv.bytes = read_file(path);
    if (std::string_view(csv.bytes).substr(0, kBom.size()) == kBom) csv.body = kBom.size();
    const std::string_view body = std::string_view(csv.bytes).substr(csv.body);
    csv.delimiter = guess_csv_delimiter(body);
    split_rows(csv, model::file_name(path));
    // The file's line end is that of its first row that has one.
    for (const RawRow& row : csv.rows)
        if (row.next > row.end) {
            csv.line_end = csv.bytes.substr(row.end, row.next - row.end);
            break;
        }
    return csv;
}

// The bytes of a new cell: encoded, quoted when a reader would otherwise split or trim it.
class CellEncoder {
public:
    CellEncoder(const std::string& encoding, char delimiter, std::string file)
        : m_encoder(encoding), m_delimiter(delimiter), m_file(std::move(file)) {}

    std::string operator()(const model::Value& value, bool was_quoted, const std::string& where) {
        const std::string text = cell_text(value);
        std::string bad;
        const auto bytes = m_encoder.encode(text, &bad);
        if (!bytes)
            throw Error("the character \"" + bad + "\" cannot be written in " + m_encoder.name() +
                        ", the file's encoding; change the text or save the file as UTF-8")
                .file(m_file)
                .feature(where);
        const bool needs = text.find_first_of(std::string{m_delimiter, '"', '\r', '\n'}) != std::string::npos ||
                           (!text.empty() && (text.front() == ' ' || text.back() == ' '));
        if (!(needs || (was_quoted && !model::is_null(value)))) return *bytes;
        std::string quoted = "\"";
        for (char c : *bytes) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        return quoted + "\"";
    }

private:
    TextEncoder m_encoder;
    char m_delimiter;
    std::string m_file;
};

// A row's bytes with some cells replaced; cells beyond the row's last are added after delimiters.
std::string changed_row(const RawCsv& csv, const RawRow& row, const std::map<int, std::string>& cells) {
    std::string out;
    std::size_t at = row.begin;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
        const auto it = cells.find(static_cast<int>(i));
        if (it == cells.end()) continue;
        out.append(csv.bytes, at, row.cells[i].begin - at);
        out += it->second;
        at = row.cells[i].end;
    }
    out.append(csv.bytes, at, row.end - at);
    // From the last cell written: one delimiter per column further, one fewer after no cell at all.
    int last = static_cast<int>(row.cells.size()) - 1;
    for (auto it = cells.lower_bound(last + 1); it != cells.end(); ++it) {
        out.append(static_cast<std::size_t>(it->first - last - (last < 0 ? 1 : 0)), csv.delimiter);
        out += it->second;
        last = it->first;
    }
    return out;
}

std::string line_name(std::int64_t line) {
    return "line " + std::to_string(line);
}

}  // namespace

void patch_csv(const std::string& path, const std::string& encoding, const TablePatch& patch) {
    const std::string file = model::file_name(path);
    const RawCsv csv = read_raw(path);
    std::map<std::int64_t, const RawRow*> by_line;
    for (const RawRow& row : csv.rows) by_line[row.line] = &row;
    auto require = [&](std::int64_t line) {
        if (!by_line.count(line))
            throw Error("no such row to change; the file may have changed since it was read, so read it again").file(file).feature(line_name(line));
    };
    for (const RowChange& change : patch.changed) require(change.row);
    for (std::int64_t line : patch.deleted) require(line);
    // The line a row added at the end would start on is the end too.
    const auto breaks = std::count(csv.bytes.begin() + static_cast<std::ptrdiff_t>(csv.body), csv.bytes.end(), '\n');
    const std::int64_t end_line = breaks + 1 + (csv.bytes.size() > csv.body && csv.bytes.back() != '\n' ? 1 : 0);
    const std::int64_t insert_before = patch.insert_before == end_line ? 0 : patch.insert_before;
    if (insert_before != 0) require(insert_before);

    // Layer::encoding reads "GBK (detected: not valid UTF-8)": the name is before the parenthesis.
    CellEncoder encode(encoding.substr(0, encoding.find(" (")), csv.delimiter, file);
    const std::set<std::int64_t> deleted(patch.deleted.begin(), patch.deleted.end());
    std::map<std::int64_t, std::map<int, std::string>> changes;
    for (const RowChange& change : patch.changed) {
        const RawRow& row = *by_line[change.row];
        for (const auto& [column, value] : change.cells) {
            if (column < 0) throw Error("a cell left of the first column cannot be changed").file(file).feature(line_name(change.row));
            const auto c = static_cast<std::size_t>(column);
            const bool was_quoted = c < row.cells.size() && row.cells[c].quoted;
            changes[change.row][column] = encode(value, was_quoted, line_name(change.row));
        }
    }
    std::string added;
    for (const auto& values : patch.added) {
        for (std::size_t i = 0; i < values.size(); ++i)
            added += (i ? std::string(1, csv.delimiter) : std::string()) + encode(values[i], false, "a new row");
        added += csv.line_end;
    }

    std::string out = csv.bytes.substr(0, csv.body);
    for (const RawRow& row : csv.rows) {
        if (row.line == insert_before) out += added;
        if (deleted.count(row.line)) continue;
        const auto change = changes.find(row.line);
        out += change == changes.end() ? csv.bytes.substr(row.begin, row.end - row.begin) : changed_row(csv, row, change->second);
        out.append(csv.bytes, row.end, row.next - row.end);
    }
    if (insert_before == 0 && !added.empty()) {
        if (out.size() > csv.body && out.back() != '\n') out += csv.line_end;
        out += added;
    }
    model::write_file_bytes(path, out);
}

}  // namespace ca::io
