// XLSX fixtures through libxlsxwriter (Debian's libxlsxwriter-dev).
#include "support/sheet_writer.hpp"

#include <stdexcept>

#include <xlsxwriter.h>

#include "support/fixtures.hpp"

namespace ca::test {

Sheet county_project_sheet(const std::string& funds_total, const std::string& row11_funds) {
    Sheet sheet;
    auto& c = sheet.cells;
    c.push_back({2, 0, "XX县2015年扶贫项目计划表", 2, 7});
    c.push_back({3, 0, "填报单位：县扶贫办"});
    c.push_back({4, 7, "单位：万元"});
    const char* down[] = {"序号", "乡镇", "村委会", "项目名称", "计划投资"};
    for (int col = 0; col < 5; ++col) c.push_back({5, col, down[col], 6, col});
    c.push_back({5, 5, "受益情况", 5, 6});
    c.push_back({6, 5, "受益户数"});
    c.push_back({6, 6, "受益人数"});
    c.push_back({5, 7, "年度", 6, 7});
    struct Data {
        int row;
        const char *township, *village, *project;
        std::string funds;
        std::optional<double> households, people;
    };
    const Data rows[] = {{7, "金碧镇", "马家营", "水窖", "1,234.5", 10, 40},  {8, "金碧镇", "李家村", "沟渠", "１２.５", 20, 80},
                         {10, "三台乡", "王家", "道路", "12.5万", {}, 15}, {11, "三台乡", "赵家", "管道", row11_funds, 5, 20},
                         {12, "三台乡", "石头村", "水池", "125000元", 2, 8}};
    for (const Data& d : rows) {
        c.push_back({d.row, 0, d.row - 6.0});
        c.push_back({d.row, 1, d.township});
        c.push_back({d.row, 2, d.village});
        c.push_back({d.row, 3, d.project});
        SheetCell funds{d.row, 4, d.funds};
        if (d.funds.find_first_not_of("0123456789.") == std::string::npos) funds.number = std::stod(d.funds);
        c.push_back(funds);
        if (d.households) c.push_back({d.row, 5, *d.households});
        c.push_back({d.row, 6, *d.people});
        c.push_back({d.row, 7, 2015.0});
    }
    c.push_back({13, 0, "合 计", 13, 3});
    c.push_back({13, 4, funds_total});
    c.push_back({13, 5, 37.0});
    c.push_back({13, 6, 163.0});
    c.push_back({14, 0, "填表人：张三"});
    return sheet;
}

void write_xlsx(const std::string& path, const std::vector<Sheet>& sheets) {
    lxw_workbook* book = workbook_new(path.c_str());
    if (!book) throw std::runtime_error("cannot create " + path);
    for (const Sheet& sheet : sheets) {
        lxw_worksheet* ws = workbook_add_worksheet(book, sheet.name.c_str());
        for (const SheetCell& c : sheet.cells) {
            const auto row = static_cast<lxw_row_t>(c.row - 1);
            const auto col = static_cast<lxw_col_t>(c.col);
            if (c.last_row > 0 || c.last_col > 0) {
                const auto last_row = static_cast<lxw_row_t>((c.last_row > 0 ? c.last_row : c.row) - 1);
                const auto last_col = static_cast<lxw_col_t>(c.last_col > 0 ? c.last_col : c.col);
                worksheet_merge_range(ws, row, col, last_row, last_col, "", nullptr);
            }
            if (!c.formula.empty()) worksheet_write_formula_num(ws, row, col, c.formula.c_str(), nullptr, c.number.value_or(0));
            else if (c.number) worksheet_write_number(ws, row, col, *c.number, nullptr);
            else worksheet_write_string(ws, row, col, c.text.c_str(), nullptr);
        }
    }
    if (workbook_close(book) != LXW_NO_ERROR) throw std::runtime_error("cannot write " + path);
}

std::string write_sheet_villages(const std::string& path) {
    write_layer(path, "GPKG", 4490, {{"村名"}, {"乡镇"}, {"总人口", true}, {"贫困人口", true}},
                {{"POLYGON((101 25,101.1 25,101.1 25.1,101 25.1,101 25))", {"马家营", "金碧镇", "1000", "400"}},
                 {"POLYGON((101.1 25,101.2 25,101.2 25.1,101.1 25.1,101.1 25))", {"李家村", "金碧镇", "800", "100"}},
                 {"POLYGON((101 25.1,101.1 25.1,101.1 25.2,101 25.2,101 25.1))", {"王家", "三台乡", "600", "300"}},
                 {"POLYGON((101.1 25.1,101.2 25.1,101.2 25.2,101.1 25.2,101.1 25.1))", {"赵家", "三台乡", "500", "50"}}});
    return path;
}

}  // namespace ca::test
