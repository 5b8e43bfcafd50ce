// The viewer's "Save table" as .xlsx: the same formatted workbook as `stats --format xlsx`, in
// the viewer's language, with the numbers of the table it shows.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/fixtures.hpp"
#include "support/viewer_run.hpp"
#include "support/workbook_probe.hpp"

using namespace ca;

namespace {

// The last line of a CSV as column -> text (the total row of a statistics table).
std::vector<std::pair<std::string, std::string>> last_csv_row(const std::string& path) {
    std::ifstream in(path);
    std::string header, line, last;
    std::getline(in, header);
    while (std::getline(in, line))
        if (!line.empty()) last = line;
    std::vector<std::pair<std::string, std::string>> cells;
    std::stringstream names(header), values(last);
    for (std::string name, value; std::getline(names, name, ',');) {
        std::getline(values, value, ',');
        cells.emplace_back(name, value);
    }
    return cells;
}

}  // namespace

TEST_CASE("Save table as .xlsx writes the report workbook: title, 万元, bold 合计, in the viewer's language") {
    test::TempDir dir;
    test::run_viewer_script(dir.path().string(), test::sample_county(),
                            {"save-statistics " + dir.file("t.csv"), "save-statistics " + dir.file("t.xlsx"), "language en",
                             "save-statistics " + dir.file("en.xlsx")});
    double funds_yuan = -1;
    for (const auto& [name, value] : last_csv_row(dir.file("t.csv")))
        if (name == "funds_yuan") funds_yuan = std::stod(value);
    REQUIRE(funds_yuan > 0);

    const auto cells = test::workbook_cells(dir.file("t.xlsx"), "乡镇统计");
    REQUIRE(cells.size() > 4);
    CHECK(cells[1][0] == "扶贫项目乡镇统计表");
    CHECK(cells[3][0] == "乡镇");
    std::size_t funds = 0;
    while (funds < cells[3].size() && cells[3][funds] != "资金（万元）") ++funds;
    REQUIRE(funds < cells[3].size());
    int total = 0;
    for (std::size_t row = 0; row < cells.size(); ++row)
        if (!cells[row].empty() && cells[row][0] == "合计") total = static_cast<int>(row);
    REQUIRE(total > 4);
    CHECK(std::stod(cells[static_cast<std::size_t>(total)][funds]) == doctest::Approx(funds_yuan / 10000));
    CHECK(test::workbook_cell_style(dir.file("t.xlsx"), 1, total, static_cast<int>(funds)).bold);

    const auto english = test::workbook_cells(dir.file("en.xlsx"), "By township");
    REQUIRE(english.size() > 3);
    CHECK(english[3][0] == "Township");
}
