// The worksheet XML as text under patch_xlsx: cells written as Excel, WPS and others write them
// (self-closing, rows and cells without r), references moved as Excel moves them.
#include <doctest/doctest.h>

#include "core/io/xlsx_refs.hpp"
#include "core/io/xlsx_sheet_patch.hpp"

using namespace ca;

TEST_CASE("a sheet's XML patched as text: self-closing cells keep their style, rows and cells without r, missing ones made in order") {
    const std::string xml =
        "<worksheet><dimension ref=\"A1:C5\"/><sheetData>"
        "<row><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"2\"/></row>"
        "<row><c t=\"s\"><v>1</v></c><c s=\"3\"><v>5</v></c></row>"
        "<row r=\"5\"><c r=\"A5\"><v>9</v></c></row>"
        "</sheetData></worksheet>";
    io::TablePatch patch;
    patch.changed = {{1, {{1, std::string("名 & \"号\"")}}},  // B1: an empty styled cell
                     {2, {{2, std::int64_t{7}}, {1, model::Value{}}}},  // C2 absent; B2 (no r) emptied
                     {3, {{0, std::string(" 新 ")}}}};                  // row 3 absent
    const auto result = io::patch_sheet_xml(xml, "Sheet1", patch);
    CHECK(result.xml ==
          "<worksheet><dimension ref=\"A1:C5\"/><sheetData>"
          "<row><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"2\" t=\"inlineStr\"><is><t>名 &amp; \"号\"</t></is></c></row>"
          "<row><c t=\"s\"><v>1</v></c><c s=\"3\"/><c r=\"C2\"><v>7</v></c></row>"
          "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> 新 </t></is></c></row>"
          "<row r=\"5\"><c r=\"A5\"><v>9</v></c></row>"
          "</sheetData></worksheet>");
    CHECK_FALSE(result.recalculate);
}

TEST_CASE("rows deleted and added move formulas and merges; formulas reading edited cells lose their cached value") {
    const std::string xml =
        "<worksheet><dimension ref=\"A1:C4\"/><sheetData>"
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row><row r=\"3\"><c r=\"A3\"><v>3</v></c></row>"
        "<row r=\"4\"><c r=\"A4\"><f>SUM(A1:A3)+LOG10(A2)&amp;\"A3\"</f><v>7</v></c><c r=\"B4\" t=\"str\"><f>A3</f><v>x</v></c>"
        "<c r=\"C4\"><f>$A$1*2</f><v>2</v></c></row>"
        "<row r=\"6\"><c r=\"A6\"><f>A4</f><v>7</v></c></row>"
        "</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A3:B3\"/><mergeCell ref=\"A4:B4\"/></mergeCells>"
        "<conditionalFormatting sqref=\"A1:A3\"><cfRule type=\"top10\" priority=\"1\" rank=\"1\"/></conditionalFormatting></worksheet>";
    io::TablePatch patch;
    patch.deleted = {3};
    patch.insert_before = 4;
    patch.added = {{std::int64_t{4}, std::string("新")}, {5.5}};
    const auto result = io::patch_sheet_xml(xml, "Sheet1", patch);
    CHECK(result.xml ==
          "<worksheet><dimension ref=\"A1:C7\"/><sheetData>"
          "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row>"
          "<row r=\"3\"><c r=\"A3\"><v>4</v></c><c r=\"B3\" t=\"inlineStr\"><is><t>新</t></is></c></row>"
          "<row r=\"4\"><c r=\"A4\"><v>5.5</v></c></row>"
          // SUM's range ended above the insertion: it takes both new rows (A1:A4); LOG10 is a
          // function and "A3" a string; A3 itself was deleted: #REF!, as Excel writes it; $A$1
          // reads nothing edited and keeps its value; A6 reads A4, whose value went, and follows.
          "<row r=\"5\"><c r=\"A5\"><f>SUM(A1:A4)+LOG10(A2)&amp;\"A3\"</f></c><c r=\"B5\"><f>#REF!</f></c>"
          "<c r=\"C5\"><f>$A$1*2</f><v>2</v></c></row>"
          "<row r=\"7\"><c r=\"A7\"><f>A5</f></c></row>"
          "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A5:B5\"/></mergeCells>"
          "<conditionalFormatting sqref=\"A1:A4\"><cfRule type=\"top10\" priority=\"1\" rank=\"1\"/></conditionalFormatting></worksheet>");
    CHECK(result.recalculate);
}

TEST_CASE("shared formulas become a formula per cell once rows move") {
    const std::string xml =
        "<worksheet><sheetData>"
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><f t=\"shared\" ref=\"B1:B3\" si=\"0\">A1*$C$1</f><v>1</v></c></row>"
        "<row r=\"2\"><c r=\"A2\"><v>2</v></c><c r=\"B2\"><f t=\"shared\" si=\"0\"/><v>2</v></c></row>"
        "<row r=\"3\"><c r=\"A3\"><v>3</v></c><c r=\"B3\"><f t=\"shared\" si=\"0\"/><v>3</v></c></row>"
        "</sheetData></worksheet>";
    io::TablePatch patch;
    patch.deleted = {1};
    CHECK(io::patch_sheet_xml(xml, "Sheet1", patch).xml ==
          "<worksheet><sheetData>"
          "<row r=\"1\"><c r=\"A1\"><v>2</v></c><c r=\"B1\"><f>A1*#REF!</f></c></row>"
          "<row r=\"2\"><c r=\"A2\"><v>3</v></c><c r=\"B2\"><f>A2*#REF!</f></c></row>"
          "</sheetData></worksheet>");
}

TEST_CASE("references from other sheets and names follow the rows; others stay") {
    const io::RowMap map({10}, 13, 2, 14);
    CHECK(io::map_formula("SUM(Sheet1!E7:E12)+其他!E12+'Sheet1'!E14+E12", map, "Sheet1", false) ==
          "SUM(Sheet1!E7:E13)+其他!E12+Sheet1!E15+E12");
    CHECK(io::map_formula("SUM('项目 表'!$E$7:$E$12)", map, "项目 表", false) == "SUM('项目 表'!$E$7:$E$13)");
    CHECK(io::map_ref_list("A5:A6 E7:E12 E10", map, false) == "A5:A6 E7:E11");
    CHECK(io::shift_formula("A1+$B$2+'My Sheet'!C3+B$1", 2, 1) == "B3+$B$2+'My Sheet'!D5+C$1");
    CHECK(io::parse_cell_ref("LOG10").has_value());  // a cell's name, but read as a function before "("
    CHECK(io::map_formula("LOG10(E12)", map, "Sheet1", true) == "LOG10(E11)");
}
