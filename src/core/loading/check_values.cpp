// Numeric cells checked and converted to the field's unit; bad rows thrown or left out, gaps noted.
#include "core/loading/check_values.hpp"

#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>

#include "core/model/error.hpp"
#include "core/model/text.hpp"

namespace ca::loading {
namespace {

using model::kNumericMeanings;
using model::Meaning;

bool is_money(Meaning m) { return m == Meaning::Funds || m == Meaning::IncomePerCapita; }

struct CellCheck {
    bool missing = false;
    std::optional<double> value;  // in the field's unit; empty with `why` when the cell is bad
    std::string why;
};

CellCheck check_text(std::string text, Meaning meaning, double scale) {
    const std::string written = model::normalize_text(text);
    if (written.empty()) return {true, {}, {}};
    std::string digits = written;
    if (meaning == Meaning::Year && model::ends_with(digits, "年")) digits.resize(digits.size() - std::string_view("年").size());
    const auto parsed = model::parse_number(digits);
    const bool unit_fits = parsed && (parsed->unit == model::NumberUnit::None ||
                                      (meaning != Meaning::Year && (parsed->unit == model::NumberUnit::Wan || is_money(meaning))));
    if (!unit_fits)
        return {false, {}, "\"" + written + "\" is not a number; type it as digits (" +
                               std::string(meaning == Meaning::Year ? "a year: 2015" : "120000 or 12万") + ")"};
    return {false, model::in_field_unit(*parsed, scale), {}};
}

// One cell of a numeric field: its number in the field's unit, missing, or why it is bad.
CellCheck check_cell(const model::Value& value, Meaning meaning, double scale) {
    CellCheck check;
    if (model::is_null(value)) return {true, {}, {}};
    if (const auto* text = std::get_if<std::string>(&value)) {
        check = check_text(*text, meaning, scale);
        if (check.missing || !check.value) return check;
    } else {
        check.value = model::to_number(value);
        if (!check.value) return {false, {}, "\"" + model::to_text(value) + "\" is not a number; correct it"};
    }
    if (*check.value < 0) return {false, {}, model::to_text(value) + " is negative, which counts, people and money cannot be; correct it"};
    if (!std::isfinite(*check.value * scale)) return {false, {}, model::to_text(value) + " is too large to count (it overflows); correct it"};
    return check;
}

std::string place(const model::Layer& layer, const model::Feature& f) {
    return (layer.fids_are_rows ? "row " : "feature ") + std::to_string(f.fid);
}

}  // namespace

void check_values(model::Layer& layer, bool skip_bad_rows, model::ProblemLog& problems) {
    const std::string file = layer.file_name();
    // A CSV holds one table named after the file: naming it again says nothing.
    const std::string layer_name = layer.driver == "CSV" ? "" : layer.name;
    std::vector<model::Feature> kept;
    kept.reserve(layer.features.size());
    // Empty cells are listed one by one up to a point, then counted: a province's sheet can have a
    // million, and the list is for finding them, the count for knowing how many.
    constexpr std::size_t kEmptyCellsListed = 20;
    std::map<std::string, std::size_t> empty_cells;  // by field
    for (auto& f : layer.features) {
        bool bad = false;
        for (Meaning meaning : kNumericMeanings) {
            const auto& match = layer.mapping[meaning];
            if (!match || !model::meaning_applies(layer.role, meaning)) continue;
            const auto column = static_cast<std::size_t>(match->field_index);
            if (column >= f.values.size()) continue;
            const CellCheck check = check_cell(f.values[column], meaning, match->scale);
            if (check.missing) {
                f.values[column] = {};
                if (++empty_cells[match->source_name] <= kEmptyCellsListed)
                    problems.add({model::Severity::Note, "missing value", file, layer_name, f.fid, layer.fids_are_rows,
                                  "field " + match->source_name + " is empty: no figure, it adds nothing to the sums"});
            } else if (check.value) {
                f.values[column] = *check.value;
            } else if (skip_bad_rows) {
                bad = true;
                problems.add({model::Severity::Warning, "bad row left out", file, layer_name, f.fid, layer.fids_are_rows,
                              "left out (--skip-bad-rows): field " + match->source_name + ": " + check.why});
            } else {
                throw Error(check.why + " or pass --skip-bad-rows to leave such rows out")
                    .file(file)
                    .layer(layer_name)
                    .feature(place(layer, f))
                    .field(match->source_name);
            }
        }
        if (!bad) kept.push_back(std::move(f));
    }
    layer.features = std::move(kept);
    for (const auto& [field, count] : empty_cells)
        if (count > kEmptyCellsListed)
            problems.add({model::Severity::Note, "missing value", file, layer_name, -1, layer.fids_are_rows,
                          "field " + field + " is empty in " + std::to_string(count) + " rows in all (the first " +
                              std::to_string(kEmptyCellsListed) + " are listed)"});
}

}  // namespace ca::loading
