// Row moves and reference rewriting for patch_xlsx. Formulas are read as Excel writes them in
// the XML (no leading '='): string literals skipped, 'quoted sheet'! and Sheet! prefixes, A1
// references with $ marks, ranges A1:B2; a name followed by '(' is a function, not a cell.
#include "core/io/xlsx_refs.hpp"

#include <algorithm>
#include <cctype>

namespace ca::io {
namespace {

constexpr int kMaxColumns = 16384;  // XFD
constexpr std::int64_t kMaxRows = 1048576;

bool is_ascii_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Characters that end a name or reference in a formula.
bool ends_name(char c) {
    return std::string_view(" +-*/^&=<>(),;:{}\"'!%\t\r\n").find(c) != std::string_view::npos;
}

// A sheet name as a formula must write it: quoted unless plain letters, digits and '_'.
std::string sheet_prefix(const std::string& sheet) {
    if (sheet.empty()) return {};
    const bool plain = std::all_of(sheet.begin(), sheet.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80; });
    if (plain && !is_digit(sheet[0])) return sheet + "!";
    std::string quoted = "'";
    for (char c : sheet) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    return quoted + "'!";
}

// A reference at `at`: a cell, or a range of two cells. Moves `at` past it when found.
std::optional<FormulaRef> reference_at(std::string_view f, std::size_t& at, std::string sheet) {
    auto name_end = [&](std::size_t from) {
        std::size_t end = from;
        while (end < f.size() && !ends_name(f[end])) ++end;
        return end;
    };
    const std::size_t end = name_end(at);
    const auto first = parse_cell_ref(f.substr(at, end - at));
    if (!first || (end < f.size() && f[end] == '(')) return std::nullopt;
    FormulaRef ref{std::move(sheet), *first, std::nullopt};
    at = end;
    if (at < f.size() && f[at] == ':') {
        const std::size_t last_end = name_end(at + 1);
        if (const auto last = parse_cell_ref(f.substr(at + 1, last_end - at - 1)); last && !(last_end < f.size() && f[last_end] == '(')) {
            ref.last = *last;
            at = last_end;
        }
    }
    return ref;
}

std::string ref_text(const FormulaRef& ref) {
    return cell_ref_text(ref.first) + (ref.last ? ":" + cell_ref_text(*ref.last) : std::string());
}

}  // namespace

std::optional<CellRef> parse_cell_ref(std::string_view text) {
    CellRef ref;
    std::size_t i = 0;
    if (i < text.size() && text[i] == '$') ref.abs_col = true, ++i;
    const std::size_t letters = i;
    int col = 0;
    while (i < text.size() && is_ascii_alpha(text[i]) && i - letters < 3)
        col = col * 26 + (std::toupper(static_cast<unsigned char>(text[i++])) - 'A' + 1);
    if (i == letters || col > kMaxColumns) return std::nullopt;
    if (i < text.size() && text[i] == '$') ref.abs_row = true, ++i;
    const std::size_t digits = i;
    std::int64_t row = 0;
    while (i < text.size() && is_digit(text[i]) && i - digits < 8) row = row * 10 + (text[i++] - '0');
    if (i == digits || i != text.size() || row < 1 || row > kMaxRows) return std::nullopt;
    ref.row = row;
    ref.col = col - 1;
    return ref;
}

std::string column_name(int col) {
    std::string letters;
    for (int c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return letters;
}

std::string cell_ref_text(const CellRef& ref) {
    return (ref.abs_col ? "$" : "") + column_name(ref.col) + (ref.abs_row ? "$" : "") + std::to_string(ref.row);
}

RowMap::RowMap(std::set<std::int64_t> deleted, std::int64_t insert_before, std::int64_t added, std::int64_t last_row)
    : m_deleted(std::move(deleted)), m_insert_old(insert_before > 0 ? insert_before : last_row + 1), m_added(added),
      m_last_row(last_row), m_extends(insert_before > 0 && added > 0) {
    m_first_added = m_insert_old - deleted_above(m_insert_old);
}

std::int64_t RowMap::deleted_above(std::int64_t old_row) const {
    return static_cast<std::int64_t>(std::distance(m_deleted.begin(), m_deleted.lower_bound(old_row)));
}

std::optional<std::int64_t> RowMap::row(std::int64_t old_row) const {
    if (m_deleted.count(old_row)) return std::nullopt;
    return old_row - deleted_above(old_row) + (old_row >= m_insert_old ? m_added : 0);
}

std::optional<std::pair<std::int64_t, std::int64_t>> RowMap::rows(std::int64_t first, std::int64_t last, bool extend) const {
    std::int64_t kept_first = first, kept_last = last;
    while (kept_first <= last && m_deleted.count(kept_first)) ++kept_first;
    while (kept_last >= kept_first && m_deleted.count(kept_last)) --kept_last;
    if (kept_first > kept_last) return std::nullopt;
    std::int64_t new_last = *row(kept_last);
    // The rows between the range's end and the insertion are all deleted (or there are none).
    if (extend && m_extends && last < m_insert_old && deleted_above(m_insert_old) - deleted_above(last + 1) == m_insert_old - last - 1)
        new_last = m_first_added + m_added - 1;
    return std::make_pair(*row(kept_first), new_last);
}

std::string rewrite_formula_refs(std::string_view f, const std::function<std::optional<std::string>(const FormulaRef&)>& rewrite) {
    std::string out;
    std::size_t i = 0;
    while (i < f.size()) {
        const char c = f[i];
        if (c == '"') {  // a string literal, "" inside it
            const std::size_t start = i++;
            while (i < f.size() && !(f[i] == '"' && (i + 1 >= f.size() || f[i + 1] != '"'))) i += f[i] == '"' ? 2 : 1;
            out.append(f.substr(start, ++i - start));
            continue;
        }
        if (ends_name(c) && c != '\'') {
            out += c, ++i;
            continue;
        }
        // A name, possibly a sheet before '!': 'My sheet'!A1 or 其他!A1.
        const std::size_t start = i;
        std::string sheet;
        if (c == '\'') {
            for (++i; i < f.size(); ++i) {
                if (f[i] == '\'' && i + 1 < f.size() && f[i + 1] == '\'') sheet += '\'', ++i;
                else if (f[i] == '\'') break;
                else sheet += f[i];
            }
            ++i;
        } else {
            while (i < f.size() && !ends_name(f[i])) ++i;
            sheet = std::string(f.substr(start, i - start));
        }
        std::size_t at = i < f.size() && f[i] == '!' ? i + 1 : start;
        if (at == start) sheet.clear();
        const auto ref = reference_at(f, at, sheet);
        const auto replaced = ref ? rewrite(*ref) : std::nullopt;
        if (!ref) at = std::max(i, start + 1);
        out += replaced ? *replaced : std::string(f.substr(start, at - start));
        i = at;
    }
    return out;
}

std::string map_formula(std::string_view formula, const RowMap& map, const std::string& sheet, bool own_sheet, std::vector<Area>* areas) {
    return rewrite_formula_refs(formula, [&](const FormulaRef& ref) -> std::optional<std::string> {
        if (!(ref.sheet == sheet || (own_sheet && ref.sheet.empty()))) return std::nullopt;
        FormulaRef moved = ref;
        const std::int64_t last_row = ref.last ? ref.last->row : ref.first.row;
        std::optional<std::pair<std::int64_t, std::int64_t>> rows;
        if (ref.last) rows = map.rows(std::min(ref.first.row, last_row), std::max(ref.first.row, last_row), true);
        else if (const auto row = map.row(ref.first.row)) rows = std::make_pair(*row, *row);
        if (!rows) return std::string("#REF!");
        moved.first.row = rows->first;
        if (moved.last) moved.last->row = rows->second;
        if (areas) {
            const int col_a = ref.first.col, col_b = ref.last ? ref.last->col : ref.first.col;
            areas->push_back({rows->first, rows->second, std::min(col_a, col_b), std::max(col_a, col_b)});
        }
        return (ref.sheet.empty() ? std::string() : sheet_prefix(ref.sheet)) + ref_text(moved);
    });
}

std::string shift_formula(std::string_view formula, std::int64_t rows, int cols) {
    return rewrite_formula_refs(formula, [&](const FormulaRef& ref) -> std::optional<std::string> {
        FormulaRef moved = ref;
        for (CellRef* cell : {&moved.first, moved.last ? &*moved.last : nullptr}) {
            if (!cell) continue;
            if (!cell->abs_row) cell->row += rows;
            if (!cell->abs_col) cell->col += cols;
        }
        return (ref.sheet.empty() ? std::string() : sheet_prefix(ref.sheet)) + ref_text(moved);
    });
}

std::string map_ref_list(std::string_view refs, const RowMap& map, bool extend) {
    std::string out;
    std::size_t at = 0;
    while (at < refs.size()) {
        std::size_t end = refs.find(' ', at);
        if (end == std::string_view::npos) end = refs.size();
        const std::string_view item = refs.substr(at, end - at);
        at = end + 1;
        const std::size_t colon = item.find(':');
        const auto first = parse_cell_ref(item.substr(0, colon));
        const auto last = colon == std::string_view::npos ? first : parse_cell_ref(item.substr(colon + 1));
        if (!first || !last) {
            out += (out.empty() ? "" : " ") + std::string(item);  // a whole column or row: no single rows to move
            continue;
        }
        const auto rows = map.rows(first->row, last->row, extend);
        if (!rows) continue;
        CellRef a = *first, b = *last;
        a.row = rows->first, b.row = rows->second;
        out += (out.empty() ? "" : " ") + cell_ref_text(a) + (colon == std::string_view::npos && a.row == b.row ? "" : ":" + cell_ref_text(b));
    }
    return out;
}

}  // namespace ca::io
