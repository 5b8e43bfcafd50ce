// Statistics on a 2x2 county worked by hand, and invariants on the sample county.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "core/analysis/measure.hpp"
#include "core/analysis/statistics.hpp"
#include "core/loading/load_project.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

// Squares of 0.01 degrees astride the equator, where a line along the equator is a geodesic
// and its length is exactly a * dlon (CGCS2000 semi-major axis a = 6378137 m).
//   north row (lat 0.005..0.02):  北村 | 中村   township 乙乡
//   south row (lat -0.01..0.005): 西村 | 东村   township 甲镇
// The equator runs through the south row.
std::string square(double lon0, double lat0, double lon1, double lat1) {
    char wkt[256];
    std::snprintf(wkt, sizeof wkt, "POLYGON((%g %g,%g %g,%g %g,%g %g,%g %g))", lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0);
    return wkt;
}

double equator_km(double dlon_deg) { return 6378137.0 * dlon_deg * std::numbers::pi / 180 / 1000; }

struct HandCounty {
    test::TempDir dir;
    model::Project project;

    HandCounty() {
        test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490,
                          {{"村名"}, {"乡镇"}, {"户数", true}, {"人口", true}, {"贫困人口", true}, {"人均纯收入", true}},
                          {{square(0, -0.01, 0.01, 0.005), {"西村", "甲镇", "100", "400", "200", "2000"}},
                           {square(0.01, -0.01, 0.02, 0.005), {"东村", "甲镇", "200", "800", "80", "3000"}},
                           {square(0, 0.005, 0.01, 0.02), {"北村", "乙乡", "50", "200", "20", "2200"}},
                           {square(0.01, 0.005, 0.02, 0.02), {"中村", "乙乡", "150", "600", "60", "4000"}}});
        test::write_layer(dir.file("sites.gpkg"), "GPKG", 4490, {{"项目类型"}, {"资金"}, {"受益户数"}, {"受益人数"}},
                          {{"POINT(0.005 -0.005)", {"整村推进", "100000", "", ""}},
                           {"POINT(0.002 0)", {"产业扶贫", "50000", "10", "40"}},
                           {"POINT(0.01 -0.002)", {"培训", "", "", ""}},  // on the 西村|东村 border
                           {"POINT(0.015 0.015)", {"危房改造", "20000", "", ""}},
                           {"POINT(0.05 0.05)", {"整村推进", "70000", "", ""}}});  // outside the county
        test::write_text(dir.file("named.csv"),
                         "项目名称,乡镇,村委会,总投资(万元)\n人饮工程,乙乡, 北村村委会 ,2.5\n道路,丙镇,北村,9\n");
        test::write_layer(dir.file("lines.gpkg"), "GPKG", 4490, {{"kind"}},
                          {{"LINESTRING(0.002 0,0.018 0)", {"三面光沟渠"}}, {"LINESTRING(0.012 0,0.014 0)", {"管道"}}});
        test::write_layer(dir.file("ponds.gpkg"), "GPKG", 4490, {{"kind"}, {"capacity_m3", true}},
                          {{"POINT(0.015 -0.005)", {"坝塘", "3000"}}, {"POINT(0.005 0.01)", {"水窖", "50"}}});
        project = loading::load_project({{dir.file("villages.gpkg"), model::Role::Villages},
                                         {dir.file("sites.gpkg"), model::Role::Sites},
                                         {dir.file("named.csv"), model::Role::Sites},
                                         {dir.file("lines.gpkg"), model::Role::Lines},
                                         {dir.file("ponds.gpkg"), model::Role::Ponds}},
                                        {});
    }
};

const analysis::RegionStats& village(const analysis::Statistics& s, const std::string& name) {
    for (const auto& v : s.villages)
        if (v.village_name == name) return v;
    FAIL("no village " << name);
    return s.villages.front();
}

}  // namespace

TEST_CASE("village rows of the hand-worked county") {
    HandCounty county;
    const auto s = analysis::compute_statistics(county.project, {});
    REQUIRE(s.villages.size() == 4);

    const auto& west = village(s, "西村");
    CHECK(west.sites == 3);  // two inside, and the border site: 西村 comes first in the layer
    CHECK(west.sites_by_type.at("whole_village") == 1);
    CHECK(west.sites_by_type.at("industry") == 1);
    CHECK(west.sites_by_type.at("training") == 1);
    CHECK(west.funds_yuan == 150000);
    CHECK(west.beneficiary_households == 10);
    CHECK(west.beneficiary_people == 40);
    CHECK(*west.poverty_rate == doctest::Approx(0.5));
    CHECK(west.poor_villages == 1);
    CHECK(west.covered_poor_villages == 1);
    CHECK(west.line_km_by_kind.at("ditch") == doctest::Approx(equator_km(0.008)).epsilon(1e-9));
    CHECK(west.line_km_by_kind.at("pipeline") == 0);

    const auto& east = village(s, "东村");
    CHECK(east.sites == 0);
    CHECK(east.poor_villages == 0);  // 10 % poor, income 3000
    CHECK(east.line_km_by_kind.at("ditch") == doctest::Approx(equator_km(0.008)).epsilon(1e-9));
    CHECK(east.line_km_by_kind.at("pipeline") == doctest::Approx(equator_km(0.002)).epsilon(1e-9));
    CHECK(east.ponds == 1);
    CHECK(east.pond_capacity_m3 == 3000);

    const auto& north = village(s, "北村");
    CHECK(north.poor_villages == 1);  // 10 % poor, but income 2200 is under the 2300 line
    CHECK(north.sites == 1);          // placed by name: " 北村村委会 " in 乙乡
    CHECK(north.funds_yuan == 25000);  // 2.5 万元
    CHECK(north.covered_poor_villages == 1);
    CHECK(north.ponds == 1);
    CHECK(north.pond_capacity_m3 == 50);

    const auto& middle = village(s, "中村");
    CHECK(middle.sites == 1);
    CHECK(middle.sites_by_type.at("housing") == 1);
    CHECK(middle.poor_villages == 0);
    CHECK_FALSE(middle.coverage.has_value());
}

TEST_CASE("township rows and the total of the hand-worked county") {
    HandCounty county;
    const auto s = analysis::compute_statistics(county.project, {});
    REQUIRE(s.townships.size() == 2);
    const auto& yi = s.townships[0];  // no codes: by name, 乙 (U+4E59) before 甲 (U+7532)
    const auto& jia = s.townships[1];
    CHECK(yi.township == "乙乡");
    CHECK(jia.township == "甲镇");

    CHECK(jia.villages == 2);
    CHECK(jia.households == 300);
    CHECK(jia.population == 1200);
    CHECK(jia.poor_population == 280);
    CHECK(*jia.poverty_rate == doctest::Approx(280.0 / 1200));
    CHECK(*jia.income_per_capita == doctest::Approx((2000.0 * 400 + 3000.0 * 800) / 1200));
    CHECK(jia.poor_villages == 1);
    CHECK(*jia.coverage == 1.0);
    CHECK(jia.sites == 3);
    CHECK(*jia.funds_per_poor_person == doctest::Approx(150000.0 / 280));
    CHECK(jia.line_km_by_kind.at("ditch") == doctest::Approx(equator_km(0.016)).epsilon(1e-9));

    CHECK(yi.population == 800);
    CHECK(*yi.income_per_capita == doctest::Approx(3550.0));
    CHECK(yi.sites == 2);
    CHECK(yi.funds_yuan == 45000);
    CHECK(*yi.funds_per_poor_person == doctest::Approx(562.5));
    CHECK(yi.pond_capacity_m3 == 50);

    CHECK(s.total.villages == 4);
    CHECK(s.total.population == 2000);
    CHECK(*s.total.poverty_rate == doctest::Approx(0.18));
    CHECK(*s.total.income_per_capita == doctest::Approx(3020.0));
    CHECK(s.total.poor_villages == 2);
    CHECK(s.total.covered_poor_villages == 2);
    CHECK(s.total.sites == 5);
    CHECK(s.total.funds_yuan == 195000);
    CHECK(s.total.ponds == 2);
}

TEST_CASE("sites outside every village or with unknown names are listed, not counted") {
    HandCounty county;
    const auto s = analysis::compute_statistics(county.project, {});
    REQUIRE(s.unmatched_sites.size() == 2);
    CHECK(s.unmatched_sites[0].file == "sites.gpkg");
    CHECK(s.unmatched_sites[0].row == 5);
    CHECK(s.unmatched_sites[0].reason == "outside every village");
    CHECK(s.unmatched_sites[1].file == "named.csv");
    CHECK(s.unmatched_sites[1].row == 3);  // the CSV's line: header line 1, 人饮工程 line 2
    CHECK(s.unmatched_sites[1].reason == "no township \"丙镇\" among the villages");
}

TEST_CASE("thresholds decide which villages are poor") {
    HandCounty county;
    analysis::StatsOptions strict;
    strict.poor_rate_threshold = 0.6;
    strict.poverty_line_yuan = 1000;
    CHECK(analysis::compute_statistics(county.project, strict).total.poor_villages == 0);
    analysis::StatsOptions loose;
    loose.poor_rate_threshold = 0.05;
    CHECK(analysis::compute_statistics(county.project, loose).total.poor_villages == 4);
}

TEST_CASE("the sample county's rows add up: villages to townships to the county") {
    const auto project = loading::load_project({{test::sample_county(), model::Role::Unknown}}, {});
    const auto s = analysis::compute_statistics(project, {});
    CHECK(s.villages.size() == project.layers_with(model::Role::Villages)[0]->features.size());
    CHECK(s.townships.size() == 12);
    CHECK(s.unmatched_sites.empty());
    double population = 0, funds = 0, ditch = 0;
    int sites = 0, poor = 0;
    for (const auto& t : s.townships) {
        population += t.population;
        funds += t.funds_yuan;
        ditch += t.line_km_by_kind.at("ditch");
        sites += t.sites;
        poor += t.poor_villages;
        double village_population = 0;
        int village_sites = 0;
        for (const auto& v : s.villages)
            if (v.township == t.township) village_population += v.population, village_sites += v.sites;
        CHECK(village_population == t.population);
        CHECK(village_sites == t.sites);
    }
    CHECK(population == s.total.population);
    CHECK(funds == doctest::Approx(s.total.funds_yuan));
    CHECK(ditch == doctest::Approx(s.total.line_km_by_kind.at("ditch")));
    CHECK(sites == s.total.sites);
    CHECK(poor == s.total.poor_villages);
    // Every site of the sample lies in a village, so all are counted.
    CHECK(s.total.sites == static_cast<int>(project.layers_with(model::Role::Sites)[0]->features.size()));
    // Lines cut at village borders add up to the whole lines (plus what lies outside).
    double whole_km = 0, cut_km = s.line_km_outside;
    for (const auto& f : project.layers_with(model::Role::Lines)[0]->features) whole_km += analysis::geodesic_length_m(f.geometry) / 1000;
    for (const auto& [kind, km] : s.total.line_km_by_kind) cut_km += km;
    CHECK(cut_km == doctest::Approx(whole_km).epsilon(1e-9));
    CHECK(s.line_km_outside < 0.001 * whole_km);
}

TEST_CASE("recounting with another project filter equals counting afresh with it, and back") {
    const auto project = loading::load_project({{test::sample_county(), model::Role::Unknown}}, {});
    analysis::StatsOptions early;
    early.include_site = [](const model::Layer& layer, const model::Feature& f) {
        const auto y = model::to_number(layer.value(f, model::Meaning::Year));
        return !y || *y <= 2009;
    };
    const auto all = analysis::compute_statistics(project, {});
    const auto fresh = analysis::compute_statistics(project, early);
    const auto recounted = analysis::recount_sites(project, all, early);
    const auto back = analysis::recount_sites(project, recounted, {});
    REQUIRE(fresh.townships.size() == recounted.townships.size());
    CHECK(fresh.total.sites < all.total.sites);
    auto same = [](const analysis::RegionStats& a, const analysis::RegionStats& b) {
        CHECK(a.township == b.township);
        CHECK(a.sites == b.sites);
        CHECK(a.sites_by_type == b.sites_by_type);
        CHECK(a.funds_yuan == doctest::Approx(b.funds_yuan));
        CHECK(a.beneficiary_people == doctest::Approx(b.beneficiary_people));
        CHECK(a.covered_poor_villages == b.covered_poor_villages);
        CHECK(a.coverage.value_or(-1) == doctest::Approx(b.coverage.value_or(-1)));
        CHECK(a.line_km_by_kind == b.line_km_by_kind);
        CHECK(a.ponds == b.ponds);
    };
    for (std::size_t i = 0; i < fresh.townships.size(); ++i) same(fresh.townships[i], recounted.townships[i]);
    same(fresh.total, recounted.total);
    same(all.total, back.total);
    CHECK(fresh.unmatched_sites.size() == recounted.unmatched_sites.size());
    CHECK(all.unmatched_sites.size() == back.unmatched_sites.size());
}
