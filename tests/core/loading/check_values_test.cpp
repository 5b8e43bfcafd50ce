// Figures checked after reading: converted to the field's unit, bad cells an error or a skipped
// row, empty cells noted as missing.
#include <doctest/doctest.h>

#include "core/loading/check_values.hpp"
#include "core/loading/load_project.hpp"
#include "core/model/error.hpp"
#include "support/fixtures.hpp"
#include "support/sheet_writer.hpp"

using namespace ca;
using model::Meaning;

namespace {

std::vector<double> funds_of(const model::Layer& layer) {
    std::vector<double> out;
    for (const auto& f : layer.features) out.push_back(model::to_number(layer.value(f, Meaning::Funds)).value_or(-1));
    return out;
}

// A sites table built in code: one text field per name, values as typed.
model::Layer sites_table(const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& rows) {
    model::Layer layer;
    layer.source_path = "/data/projects.xlsx";
    layer.name = "Sheet1";
    layer.driver = "XLSX";
    layer.role = model::Role::Sites;
    layer.fids_are_rows = true;
    layer.field_names = names;
    layer.mapping = model::map_fields(names);
    std::int64_t row = 2;
    for (const auto& cells : rows) {
        model::Feature f;
        f.fid = row++;
        for (const auto& c : cells) f.values.push_back(c.empty() ? model::Value{} : model::Value{c});
        layer.features.push_back(std::move(f));
    }
    return layer;
}

}  // namespace

TEST_CASE("money cells are read in the field's own unit, whatever unit each cell writes") {
    auto wan = sites_table({"村名", "总投资(万元)"}, {{"a", "12.5万"}, {"b", "125000元"}, {"c", "１２.５"}, {"d", "1,234.5"}});
    model::ProblemLog log;
    loading::check_values(wan, false, log);
    CHECK(funds_of(wan) == std::vector<double>{12.5, 12.5, 12.5, 1234.5});
    auto yuan = sites_table({"村名", "资金"}, {{"a", "12.5万"}, {"b", "125000元"}, {"c", "1,234.5"}});
    loading::check_values(yuan, false, log);
    CHECK(funds_of(yuan) == std::vector<double>{125000, 125000, 1234.5});
    CHECK(log.empty());
}

TEST_CASE("a figure that is not a number stops loading with file, row, field and what to do") {
    for (const char* bad : {"十二万", "约5", "#DIV/0!", "NaN", "inf", "2015/03/02"}) {
        auto layer = sites_table({"村名", "计划投资(万元)"}, {{"a", "5"}, {"b", bad}});
        model::ProblemLog log;
        CHECK_THROWS_WITH_AS(loading::check_values(layer, false, log),
                             ("projects.xlsx, layer Sheet1, row 3, field 计划投资(万元): \"" + std::string(bad) +
                              "\" is not a number; type it as digits (120000 or 12万) or pass --skip-bad-rows to leave such rows out")
                                 .c_str(),
                             Error);
    }
}

TEST_CASE("negative counts and money, and money that overflows, are errors too") {
    auto negative = sites_table({"村名", "受益户数"}, {{"a", "-5"}});
    model::ProblemLog log;
    CHECK_THROWS_WITH_AS(loading::check_values(negative, false, log),
                         "projects.xlsx, layer Sheet1, row 2, field 受益户数: -5 is negative, which counts, people and money cannot be; "
                         "correct it or pass --skip-bad-rows to leave such rows out",
                         Error);
    auto huge = sites_table({"村名", "总投资(万元)"}, {{"a", "1e308"}});
    CHECK_THROWS_WITH_AS(loading::check_values(huge, false, log),
                         "projects.xlsx, layer Sheet1, row 2, field 总投资(万元): 1e308 is too large to count (it overflows); "
                         "correct it or pass --skip-bad-rows to leave such rows out",
                         Error);
}

TEST_CASE("with --skip-bad-rows bad rows are left out, each a warning; empty cells are notes, not silent zeros") {
    auto layer = sites_table({"村名", "资金", "受益人数", "年度"},
                             {{"a", "5", "10", "2015年"}, {"b", "十二万", "10", "2015"}, {"c", "7", "", "2016"}, {"d", "3", "-1", "2016"}});
    model::ProblemLog log;
    loading::check_values(layer, true, log);
    CHECK(funds_of(layer) == std::vector<double>{5, 7});
    CHECK(model::to_number(layer.value(layer.features[0], Meaning::Year)) == 2015.0);
    CHECK(model::is_null(layer.value(layer.features[1], Meaning::BeneficiaryPeople)));
    std::vector<std::string> lines;
    for (const auto& p : log.all()) lines.push_back(std::string(model::to_string(p.severity)) + ": " + p.line());
    CHECK(lines == std::vector<std::string>{
                       "warning: projects.xlsx, layer Sheet1, row 3: left out (--skip-bad-rows): field 资金: \"十二万\" is not a number; "
                       "type it as digits (120000 or 12万)",
                       "note: projects.xlsx, layer Sheet1, row 4: field 受益人数 is empty: no figure, it adds nothing to the sums",
                       "warning: projects.xlsx, layer Sheet1, row 5: left out (--skip-bad-rows): field 受益人数: -1 is negative, which "
                       "counts, people and money cannot be; correct it"});
}

TEST_CASE("loading a messy sheet brings the reader's notes and the value checks into the project's problems") {
    test::TempDir dir;
    const std::string path = dir.file("projects.xlsx");
    test::write_xlsx(path, {test::county_project_sheet("1302", "十二万")});
    CHECK_THROWS_WITH_AS(loading::load_project({{path, model::Role::Sites}}, {}),
                         "projects.xlsx, layer Sheet1, row 11, field 计划投资: \"十二万\" is not a number; type it as digits "
                         "(120000 or 12万) or pass --skip-bad-rows to leave such rows out",
                         Error);
    loading::LoadOptions skip;
    skip.skip_bad_rows = true;
    const auto project = loading::load_project({{path, model::Role::Sites}}, skip);
    const auto& layer = project.layers.at(0);
    CHECK(funds_of(layer) == std::vector<double>{1234.5, 12.5, 12.5, 12.5});  // row 11 left out
    const auto counts = project.problems.counts();
    CHECK(counts.at("sheet layout") == 2);   // the header note and the footnote
    CHECK(counts.at("total row") == 1);
    CHECK(counts.at("total mismatch") == 1); // 1302 written, 1272 without row 11
    CHECK(counts.at("missing value") == 1);  // row 10's households
    CHECK(counts.at("bad row left out") == 1);
}
