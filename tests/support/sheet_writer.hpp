// Writes small XLSX workbooks as offices make them (merged titles, units, text and numbers), with
// libxlsxwriter, for the tests of reading project sheets.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ca::test {

// One cell, by Excel's own row number (1 = the first row) and column (0 = A): text, possibly
// merged over the cells up to last_row / last_col, or a number.
struct SheetCell {
    SheetCell(int row_number, int column, std::string cell_text, int merged_to_row = 0, int merged_to_col = 0)
        : row(row_number), col(column), text(std::move(cell_text)), last_row(merged_to_row), last_col(merged_to_col) {}
    SheetCell(int row_number, int column, double value) : row(row_number), col(column), number(value) {}

    int row = 1;
    int col = 0;
    std::string text;
    std::optional<double> number;  // written as a number cell instead of text
    int last_row = 0;              // 0: not merged
    int last_col = 0;
    std::string formula;  // when set: a formula ("=SUM(F7:F12)") whose cached result is `number`
};

struct Sheet {
    std::string name = "Sheet1";
    std::vector<SheetCell> cells;
};

// The project sheet of the tests, as a county office lays it out (Excel rows):
//   1 empty; 2 title merged over A:H; 3 a second title; 4 "单位：万元" in H;
//   5-6 header: 序号 乡镇 村委会 项目名称 计划投资 merged down, 受益情况 merged over 受益户数 / 受益人数, 年度;
//   7 金碧镇 马家营 "1,234.5"  10 40     8 金碧镇 李家村 "１２.５" 20 80     9 blank
//  10 三台乡 王家 "12.5万" (households empty) 15     11 三台乡 赵家 `row11_funds` (a number cell when
//     it reads as one) 5 20     12 三台乡 石头村 "125000元" 2 8 (no such village)
//  13 "合 计" merged A:D, `funds_total`, 37, 163     14 "填表人：张三"
// Funds in 万元: 1234.5 + 12.5 + 12.5 + 30 + 12.5 = 1302.
Sheet county_project_sheet(const std::string& funds_total, const std::string& row11_funds = "30");

// Throws std::runtime_error when libxlsxwriter cannot write the file.
void write_xlsx(const std::string& path, const std::vector<Sheet>& sheets);

// The four villages of two townships county_project_sheet names (石头村 is not among them), as a
// GeoPackage at `path`; returns the path.
std::string write_sheet_villages(const std::string& path);

}  // namespace ca::test
