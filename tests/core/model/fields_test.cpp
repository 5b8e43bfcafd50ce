// Field recognition of DATA-CONTRACT.md: English, Chinese, 万元, DBF-truncated names.
#include <doctest/doctest.h>

#include "core/model/fields.hpp"
#include "core/model/text.hpp"

using namespace ca::model;

TEST_CASE("English field names map to contract meanings, case-insensitively") {
    const auto m = map_fields({"Village", "TOWN", "HH", "Pop", "poor_pop", "Income", "Funds", "Year", "Longitude", "Latitude"});
    CHECK(m.index(Meaning::VillageName) == 0);
    CHECK(m.index(Meaning::Township) == 1);
    CHECK(m.index(Meaning::Households) == 2);
    CHECK(m.index(Meaning::Population) == 3);
    CHECK(m.index(Meaning::PoorPopulation) == 4);
    CHECK(m.index(Meaning::IncomePerCapita) == 5);
    CHECK(m.index(Meaning::Funds) == 6);
    CHECK(m[Meaning::Funds]->scale == 1.0);
    CHECK(m.index(Meaning::Year) == 7);
    CHECK(m.index(Meaning::Lon) == 8);
    CHECK(m.index(Meaning::Lat) == 9);
    CHECK_FALSE(m.has(Meaning::Capacity));
}

TEST_CASE("Chinese field names map to contract meanings") {
    const auto m = map_fields({"乡镇名称", "村委会", "总户数", "总人口", "贫困户数", "贫困人口", "人均纯收入", "项目类型", "受益户数", "受益人数", "年度", "经度", "纬度", "库容"});
    CHECK(m.index(Meaning::Township) == 0);
    CHECK(m.index(Meaning::VillageName) == 1);
    CHECK(m.index(Meaning::Households) == 2);
    CHECK(m.index(Meaning::Population) == 3);
    CHECK(m.index(Meaning::PoorHouseholds) == 4);
    CHECK(m.index(Meaning::PoorPopulation) == 5);
    CHECK(m.index(Meaning::IncomePerCapita) == 6);
    CHECK(m.index(Meaning::ProjectType) == 7);
    CHECK(m.index(Meaning::BeneficiaryHouseholds) == 8);
    CHECK(m.index(Meaning::BeneficiaryPeople) == 9);
    CHECK(m.index(Meaning::Year) == 10);
    CHECK(m.index(Meaning::Lon) == 11);
    CHECK(m.index(Meaning::Lat) == 12);
    CHECK(m.index(Meaning::Capacity) == 13);
}

TEST_CASE("the first alias in contract order wins when several fields could match") {
    // village_name's aliases list 村名 before 行政村: a layer with both uses 村名.
    const auto m = map_fields({"行政村", "村名"});
    CHECK(m.index(Meaning::VillageName) == 1);
    // The canonical name beats any alias.
    CHECK(map_fields({"name", "village_name"}).index(Meaning::VillageName) == 1);
}

TEST_CASE("full-width forms and surrounding spaces do not stop a match") {
    const auto m = map_fields({" 资金（元） ", "　乡镇 "});
    CHECK(m.index(Meaning::Funds) == 0);
    CHECK(m[Meaning::Funds]->scale == 1.0);
    CHECK(m.index(Meaning::Township) == 1);
}

TEST_CASE("funds in 万元 are scaled by 10,000") {
    for (const char* name : {"总投资(万元)", "资金（万元）", "funds_wan", "投资万元"}) {
        CAPTURE(name);
        const auto m = map_fields({"项目名称", name});
        REQUIRE(m.has(Meaning::Funds));
        CHECK(m.index(Meaning::Funds) == 1);
        CHECK(m[Meaning::Funds]->scale == 10000.0);
    }
    CHECK_FALSE(map_fields({"面积(万元)"}).has(Meaning::Funds));  // 万元 alone does not make funds
}

TEST_CASE("DBF names cut at 10 characters still match the names they began") {
    const auto m = map_fields({"village_na", "poor_popul", "income_per", "township_c", "township"});
    CHECK(m.index(Meaning::VillageName) == 0);
    CHECK(m.index(Meaning::PoorPopulation) == 1);
    CHECK(m.index(Meaning::IncomePerCapita) == 2);
    CHECK(m.index(Meaning::TownshipCode) == 3);
    CHECK(m.index(Meaning::Township) == 4);
}

TEST_CASE("project types and infrastructure kinds become canonical values") {
    CHECK(canonical_project_type("整村推进") == "whole_village");
    CHECK(canonical_project_type(" 易地扶贫搬迁 ") == "relocation");
    CHECK(canonical_project_type("贴息贷款") == "microcredit");
    CHECK(canonical_project_type("Industry") == "industry");
    CHECK(canonical_project_type("修路") == "other");
    CHECK(canonical_kind("三面光沟渠") == "ditch");
    CHECK(canonical_kind("U型槽") == "u_trough");
    CHECK(canonical_kind("ｕ型槽") == "u_trough");
    CHECK(canonical_kind("水窖") == "cellar");
    CHECK(canonical_kind("something") == "");
}

TEST_CASE("text normalisation trims ideographic spaces and folds full-width forms") {
    CHECK(normalize_text("\u3000李家湾\u3000 ") == "李家湾");
    CHECK(normalize_text("ＡＢＣ１２３（）") == "ABC123()");
    CHECK(fold_key(" Village_NAME ") == "village_name");
    CHECK(is_valid_utf8("李家湾"));
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));  // overlong
    CHECK_FALSE(is_valid_utf8("\xC0"));
}
