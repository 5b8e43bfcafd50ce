// Sheet layout: header, unit, data and total rows of a project sheet, decided from cell texts.
#include "core/io/sheet_layout.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

#include "core/model/error.hpp"
#include "core/model/text.hpp"
#include "core/model/value.hpp"

namespace ca::io {
namespace {

using model::Meaning;
using model::Problem;
using model::Severity;

// Columns a total row is checked on: sums make sense for them (not for years or incomes).
constexpr std::array kSummedMeanings = {Meaning::Households,          Meaning::Population,       Meaning::PoorHouseholds,
                                        Meaning::PoorPopulation,      Meaning::Funds,            Meaning::BeneficiaryHouseholds,
                                        Meaning::BeneficiaryPeople,   Meaning::Capacity};
// A total row's label sits in one of the first columns (after 序号 and the like).
constexpr std::size_t kTotalLabelColumns = 3;

// Normalised, with every space taken out: "合 计" is "合计", "单位： 万元" is "单位:万元".
std::string squeeze(std::string_view text) {
    std::string out;
    for (char c : model::normalize_text(text))
        if (c != ' ' && c != '\t') out += c;
    return out;
}

bool is_blank(const SheetRow& row) {
    return std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) { return squeeze(c).empty(); });
}

std::size_t non_empty_cells(const SheetRow& row) {
    return static_cast<std::size_t>(std::count_if(row.cells.begin(), row.cells.end(), [](const std::string& c) { return !squeeze(c).empty(); }));
}

// How many columns map to a known meaning ("类型" is both a project type and a kind: one column).
std::size_t recognised_columns(const std::vector<std::string>& names) {
    const model::FieldMapping mapping = model::map_fields(names);
    std::set<int> columns;
    for (std::size_t m = 0; m < model::kMeaningCount; ++m)
        if (mapping.has(static_cast<Meaning>(m))) columns.insert(mapping.index(static_cast<Meaning>(m)));
    return columns.size();
}

std::vector<std::string> texts(const SheetRow& row) {
    std::vector<std::string> out;
    for (const auto& c : row.cells) out.push_back(model::normalize_text(c));
    return out;
}

// A two-row header read column by column: the lower row's name, else the upper's (a cell merged
// down over both rows shows its text in the upper row only; a group title over several columns
// is in its first column and gives way to the names below it).
std::vector<std::string> combine(const SheetRow& upper, const SheetRow& lower) {
    std::vector<std::string> out(std::max(upper.cells.size(), lower.cells.size()));
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::string below = i < lower.cells.size() ? model::normalize_text(lower.cells[i]) : "";
        out[i] = !below.empty() ? below : i < upper.cells.size() ? model::normalize_text(upper.cells[i]) : "";
    }
    return out;
}

bool has_number(const SheetRow& row) {
    return std::any_of(row.cells.begin(), row.cells.end(), [](const std::string& c) { return model::parse_number(c).has_value(); });
}

struct Header {
    std::size_t index = 0;  // into the grid
    int rows = 1;
    std::vector<std::string> names;
};

std::optional<Header> find_header(const std::vector<SheetRow>& grid) {
    for (std::size_t i = 0; i < grid.size() && grid[i].number <= kHeaderSearchRows; ++i) {
        if (is_blank(grid[i])) continue;
        const std::size_t alone = recognised_columns(texts(grid[i]));
        // The row below completes a two-row header when it holds names, not figures, and the
        // two together name more columns than either does alone.
        if (i + 1 < grid.size() && grid[i + 1].number == grid[i].number + 1 && !is_blank(grid[i + 1]) && !has_number(grid[i + 1])) {
            auto both = combine(grid[i], grid[i + 1]);
            const std::size_t together = recognised_columns(both);
            if (together >= 2 && together > alone && together > recognised_columns(texts(grid[i + 1])))
                return Header{i, 2, std::move(both)};
        }
        if (alone >= 2) return Header{i, 1, texts(grid[i])};
    }
    return std::nullopt;
}

struct SheetUnit {
    model::NumberUnit unit = model::NumberUnit::None;
    std::int64_t row = 0;
    std::string said;  // what the sheet wrote, for the note
    const char* where = "unit row";
};

// "单位：万元", "金额单位:万元", "（单位：元）", or "（万元）" in a title, above the header.
std::optional<SheetUnit> find_unit(const std::vector<SheetRow>& grid, std::size_t header_index) {
    for (std::size_t i = 0; i < header_index; ++i) {
        for (const auto& cell : grid[i].cells) {
            const std::string s = squeeze(cell);
            const auto at = s.find("单位:");
            if (at != std::string::npos) {
                const std::string rest = s.substr(at + std::string_view("单位:").size());
                if (rest.rfind("万元", 0) == 0) return SheetUnit{model::NumberUnit::Wan, grid[i].number, "万元"};
                if (rest.rfind("元", 0) == 0) return SheetUnit{model::NumberUnit::Yuan, grid[i].number, "元"};
            }
            if (s.find("(万元)") != std::string::npos) return SheetUnit{model::NumberUnit::Wan, grid[i].number, "(万元)", "title row"};
        }
    }
    return std::nullopt;
}

// "row 3", "rows 1-2", "rows 1, 4-5".
std::string row_list(const std::vector<std::int64_t>& rows) {
    std::string out = rows.size() == 1 ? "row " : "rows ";
    for (std::size_t i = 0; i < rows.size();) {
        std::size_t j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1) ++j;
        if (i > 0) out += ", ";
        out += std::to_string(rows[i]);
        if (j > i) out += "-" + std::to_string(rows[j]);
        i = j + 1;
    }
    return out;
}

// How many digits the text has after its point: a total typed as 1236 may round 1235.8.
int decimals_written(std::string_view text) {
    const std::string s = model::normalize_text(text);
    int count = 0;
    for (std::size_t i = s.find('.'); i != std::string::npos && ++i < s.size() && s[i] >= '0' && s[i] <= '9';) ++count;
    return count;
}

std::string format_number(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

// The sheet's money unit applied to the funds column, unless its own header names a unit.
// Returns the note's part about it, empty when there is nothing to say.
std::string apply_unit(const std::optional<SheetUnit>& unit, SheetLayout& layout) {
    if (!unit) return {};
    const std::string where = unit->where + (" " + std::to_string(unit->row)) + " says " + unit->said;
    auto& funds = layout.mapping[Meaning::Funds];
    if (!funds) return where + " (no funds column)";
    if (squeeze(funds->source_name).find("元") != std::string::npos)
        return where + " but the funds column " + funds->source_name + " names its own unit, which is used";
    if (unit->unit != model::NumberUnit::Wan) return where + ": funds in yuan";
    funds->scale = 10000.0;
    return where + ": funds ×10,000";
}

// "(万元)", "户", "（人）", "m³": a cell that only gives its column's unit.
bool is_unit_text(std::string_view text) {
    std::string s = squeeze(text);
    if (s.size() > 2 && s.front() == '(' && s.back() == ')') s = s.substr(1, s.size() - 2);
    for (const char* unit : {"万元", "元", "户", "人", "人次", "个", "处", "座", "条", "口", "公里", "km", "千米", "米", "m", "m3", "m³",
                             "立方米", "方", "万方", "亩", "吨", "%", "年"})
        if (s == unit) return true;
    return false;
}

// A row right under the header that only gives units, as in "(万元) (户) (人)" under the names.
bool is_units_row(const SheetRow& row) {
    std::size_t units = 0;
    for (const auto& cell : row.cells) {
        if (squeeze(cell).empty()) continue;
        if (!is_unit_text(cell)) return false;
        ++units;
    }
    return units > 0;
}

// The funds column's own unit from a units row under the header; the note's part about it.
std::string apply_units_row(const SheetRow& row, SheetLayout& layout) {
    auto& funds = layout.mapping[Meaning::Funds];
    const auto column = funds ? static_cast<std::size_t>(funds->field_index) : row.cells.size();
    if (column >= row.cells.size()) return "row " + std::to_string(row.number) + " gives units";
    std::string unit = squeeze(row.cells[column]);
    if (unit.size() > 2 && unit.front() == '(') unit = unit.substr(1, unit.size() - 2);
    if (unit != "万元" && unit != "元") return "row " + std::to_string(row.number) + " gives units";
    funds->scale = unit == "万元" ? 10000.0 : 1.0;
    return "units row " + std::to_string(row.number) + " says " + unit + " for " + funds->source_name + ": funds ×" +
           (unit == "万元" ? "10,000" : "1");
}

// The label when a row is a total: its first non-empty cell, in one of the first columns, reads
// 合计, 总计 or 小计 (spaces inside or a colon after do not matter).
std::string total_label(const SheetRow& row) {
    for (std::size_t i = 0; i < row.cells.size() && i < kTotalLabelColumns; ++i) {
        const std::string s = squeeze(row.cells[i]);
        if (s.empty()) continue;
        for (const char* label : {"合计", "总计", "小计"})
            if (s.rfind(label, 0) == 0) return label;
        return {};
    }
    return {};
}

// Data rows, and the total rows among them: every total row is left out; the closing block of
// them (after the last data row, before any one-cell footnotes such as 填表人) is checked.
void split_body(const std::vector<SheetRow>& grid, std::size_t first, SheetLayout& layout, const std::string& file,
                const std::string& layer) {
    std::size_t end = grid.size();
    // Footnotes below the totals: rows of at most one cell after the last total row.
    std::size_t last_total = grid.size();
    for (std::size_t i = first; i < grid.size(); ++i)
        if (!total_label(grid[i]).empty()) last_total = i;
    if (last_total < grid.size()) {
        bool only_notes = true;
        for (std::size_t i = last_total + 1; i < grid.size(); ++i) only_notes = only_notes && non_empty_cells(grid[i]) <= 1;
        if (only_notes) {
            end = last_total + 1;
            std::vector<std::int64_t> notes;
            for (std::size_t i = end; i < grid.size(); ++i)
                if (!is_blank(grid[i])) notes.push_back(grid[i].number);
            if (!notes.empty())
                layout.problems.add(Problem{Severity::Note, "sheet layout", file, layer, notes.front(), true,
                                            row_list(notes) + " below the totals " +
                                                (notes.size() == 1 ? "is a note, not a project" : "are notes, not projects")});
        }
    }
    for (std::size_t i = first; i < end; ++i) {
        if (is_blank(grid[i])) continue;
        const std::string label = total_label(grid[i]);
        if (label.empty()) {
            layout.data_rows.push_back(i);
            continue;
        }
        layout.total_rows.push_back(i);
        layout.problems.add(Problem{Severity::Note, "total row", file, layer, grid[i].number, true,
                                    "a " + label + " row: checked against the rows above, not counted as a project"});
    }
}

// Each figure of the closing 合计 / 总计 rows (their 小计 rows when there is no other) against the
// sum of the data rows, in the column's own unit. Rounding of the written total is allowed for.
void check_totals(const std::vector<SheetRow>& grid, SheetLayout& layout, const std::string& file, const std::string& layer) {
    std::vector<std::size_t> block;
    const std::size_t last_data = layout.data_rows.empty() ? 0 : layout.data_rows.back();
    for (std::size_t t : layout.total_rows)
        if (layout.data_rows.empty() || t > last_data) block.push_back(t);
    const bool has_grand = std::any_of(block.begin(), block.end(), [&](std::size_t t) { return total_label(grid[t]) != "小计"; });
    for (std::size_t t : block) {
        if (has_grand && total_label(grid[t]) == "小计") continue;
        for (Meaning meaning : kSummedMeanings) {
            const auto& match = layout.mapping[meaning];
            if (!match) continue;
            const auto column = static_cast<std::size_t>(match->field_index);
            if (column >= grid[t].cells.size()) continue;
            const auto written = model::parse_number(grid[t].cells[column]);
            if (!written) continue;
            double sum = 0;
            for (std::size_t r : layout.data_rows)
                if (column < grid[r].cells.size())
                    if (const auto n = model::parse_number(grid[r].cells[column])) sum += model::in_field_unit(*n, match->scale);
            const double total = model::in_field_unit(*written, match->scale);
            const double tolerance = 0.5 * std::pow(10.0, -decimals_written(grid[t].cells[column])) + 1e-9 * std::max(std::fabs(sum), std::fabs(total));
            if (std::fabs(total - sum) <= tolerance) continue;
            layout.problems.add(Problem{Severity::Warning, "total mismatch", file, layer, grid[t].number, true,
                                        total_label(grid[t]) + " row, column " + match->source_name + ": the total written is " +
                                            format_number(total) + " but the rows above sum to " + format_number(sum) +
                                            "; the rows are counted, check the sheet"});
        }
    }
}

}  // namespace

SheetLayout lay_out_sheet(const std::vector<SheetRow>& grid, const std::string& file, const std::string& layer) {
    const auto header = find_header(grid);
    if (!header)
        throw Error("no header row found: none of the first " + std::to_string(kHeaderSearchRows) +
                    " rows names a known column (村名, 乡镇, 项目名称, 资金…)")
            .file(file)
            .layer(layer);
    SheetLayout layout;
    layout.header_row = grid[header->index].number;
    layout.header_row_count = header->rows;
    layout.field_names = header->names;
    std::size_t width = layout.field_names.size();
    for (const auto& row : grid) width = std::max(width, row.cells.size());
    layout.field_names.resize(width);
    for (std::size_t i = 0; i < width; ++i)
        if (layout.field_names[i].empty()) layout.field_names[i] = "column " + std::to_string(i + 1);
    layout.mapping = model::map_fields(layout.field_names);

    std::vector<std::int64_t> titles;
    for (std::size_t i = 0; i < header->index; ++i)
        if (!is_blank(grid[i])) titles.push_back(grid[i].number);
    std::string note = header->rows == 2 ? "header rows " + std::to_string(layout.header_row) + "-" + std::to_string(layout.header_row + 1) +
                                               " (group titles over column names)"
                                         : "header row " + std::to_string(layout.header_row);
    if (!titles.empty()) note += "; " + row_list(titles) + (titles.size() == 1 ? " is a title" : " are titles");
    std::string unit_note = apply_unit(find_unit(grid, header->index), layout);
    std::size_t body = header->index + static_cast<std::size_t>(header->rows);
    if (body < grid.size() && grid[body].number == grid[body - 1].number + 1 && is_units_row(grid[body])) {
        const std::string units = apply_units_row(grid[body], layout);
        unit_note += (unit_note.empty() ? "" : "; ") + units;
        ++body;
    }
    if (!unit_note.empty()) note += "; " + unit_note;
    // A plain table (header on its first row, nothing above) needs no note.
    if (header->rows == 2 || !titles.empty() || !unit_note.empty() || layout.header_row != grid.front().number)
        layout.problems.add(Problem{Severity::Note, "sheet layout", file, layer, -1, true, note});

    split_body(grid, body, layout, file, layer);
    check_totals(grid, layout, file, layer);
    return layout;
}

}  // namespace ca::io
