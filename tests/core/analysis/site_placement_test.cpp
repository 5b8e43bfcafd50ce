// Counting only what exists, how each site was placed, sites typed into the wrong village, and
// the problems counting reports: on a 2x2 county worked by hand.
#include <doctest/doctest.h>

#include <memory>

#include "core/analysis/counting_problems.hpp"
#include "core/analysis/statistics.hpp"
#include "core/loading/load_project.hpp"
#include "core/scene/build.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

std::string square(double lon0, double lat0) { return test::square_wkt(lon0, lat0, 0.01); }

// Squares of 0.01 degrees:   丙村 | 丁村   township 乙乡 (丁村 is not poor)
//                            甲村 | 乙村   township 甲镇
// Sites (GPKG feature ids 1-8):
//   1 in 甲村, planned (计划), 2010          5 no point, 乙乡 / 戊村 (no such village), 竣工, 2011
//   2 in 乙村, finished (已完工), 2012       6 no point, 甲镇, no village name, 已完工, 2013
//   3 in 丙村, no status, no year            7 in 丁村 but its row names 甲镇 / 甲村, 已完工, 2012
//   4 no point, 乙乡 / 丁村, 在建, 2011      8 no point, 丙镇 (no such township) / 甲村, no status, 2011
struct StatusCounty {
    test::TempDir dir;
    model::Project project;

    StatusCounty() {
        test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}, {"人口", true}, {"贫困人口", true}, {"人均纯收入", true}},
                          {{square(0, 0), {"甲村", "甲镇", "100", "50", "2000"}},
                           {square(0.01, 0), {"乙村", "甲镇", "100", "50", "2000"}},
                           {square(0, 0.01), {"丙村", "乙乡", "100", "50", "2000"}},
                           {square(0.01, 0.01), {"丁村", "乙乡", "100", "0", "5000"}}});
        test::write_layer(dir.file("sites.gpkg"), "GPKG", 4490, {{"项目名称"}, {"状态"}, {"年度"}, {"乡镇"}, {"村名"}, {"总投资"}},
                          {{"POINT(0.005 0.005)", {"一", "计划", "2010", "甲镇", "甲村", "100"}},
                           {"POINT(0.015 0.005)", {"二", "已完工", "2012", "甲镇", "乙村", "200"}},
                           {"POINT(0.005 0.015)", {"三", "", "", "", "", "400"}},
                           {"", {"四", "在建", "2011", "乙乡", "丁村", "800"}},
                           {"", {"五", "竣工", "2011", "乙乡", "戊村", "1600"}},
                           {"", {"六", "已完工", "2013", "甲镇", "", "3200"}},
                           {"POINT(0.015 0.015)", {"七", "已完工", "2012", "甲镇", "甲村", "6400"}},
                           {"", {"八", "", "2011", "丙镇", "甲村", "12800"}}});
        project = loading::load_project({{dir.file("villages.gpkg"), model::Role::Villages}, {dir.file("sites.gpkg"), model::Role::Sites}}, {});
    }
};

const analysis::RegionStats& row(const std::vector<analysis::RegionStats>& rows, const std::string& name) {
    for (const auto& r : rows)
        if (r.village_name == name || (r.village_name.empty() && r.township == name)) return r;
    FAIL("no row " << name);
    return rows.front();
}

// The statistics options for a filter of the viewer's and the command line's kind.
analysis::StatsOptions filtered(const scene::SiteFilter& filter) {
    analysis::StatsOptions options;
    options.include_site = [filter, types = std::make_shared<model::CanonicalSpellings>(model::canonical_project_type)](
                               const model::Layer& layer, const model::Feature& site) { return scene::site_passes(filter, layer, site, *types); };
    return options;
}

}  // namespace

TEST_CASE("a planned site does not cover its poor village; a site without a status does") {
    StatusCounty county;
    const auto s = analysis::compute_statistics(county.project, {});
    CHECK(row(s.villages, "甲村").sites == 1);  // counted as a project ...
    CHECK(row(s.villages, "甲村").poor_villages == 1);
    CHECK(row(s.villages, "甲村").covered_poor_villages == 0);  // ... but planned: not there yet
    CHECK(row(s.villages, "乙村").covered_poor_villages == 1);  // finished
    CHECK(row(s.villages, "丙村").covered_poor_villages == 1);  // no status: taken to exist
    CHECK(s.total.poor_villages == 3);
    CHECK(s.total.covered_poor_villages == 2);
    CHECK(*s.total.coverage == doctest::Approx(2.0 / 3));
}

TEST_CASE("covering statuses chosen: planned and finished cover, a site without status does not") {
    StatusCounty county;
    analysis::StatsOptions options;
    options.covering_statuses = std::set<std::string>{"planned", "finished"};
    const auto s = analysis::compute_statistics(county.project, options);
    CHECK(row(s.villages, "甲村").covered_poor_villages == 1);
    CHECK(row(s.villages, "乙村").covered_poor_villages == 1);
    CHECK(row(s.villages, "丙村").covered_poor_villages == 0);
    CHECK(s.total.covered_poor_villages == 2);
    options.covering_statuses = std::set<std::string>{"in_progress"};  // 四 is in_progress, in 丁村, which is not poor
    CHECK(analysis::compute_statistics(county.project, options).total.covered_poor_villages == 0);
}

TEST_CASE("each site says how it was placed: by its point, its village name, or its township only") {
    StatusCounty county;
    const auto s = analysis::compute_statistics(county.project, {});
    CHECK(row(s.villages, "甲村").sites_exact == 1);
    CHECK(row(s.villages, "丁村").sites == 2);
    CHECK(row(s.villages, "丁村").sites_exact == 1);    // 七, by its point whatever its row says
    CHECK(row(s.villages, "丁村").sites_by_name == 1);  // 四
    const auto& jia = row(s.townships, "甲镇");
    const auto& yi = row(s.townships, "乙乡");
    CHECK(jia.sites == 3);  // 一, 二 in villages, 六 known only by township
    CHECK(jia.sites_township_only == 1);
    CHECK(jia.funds_yuan == 100 + 200 + 3200);
    CHECK(yi.sites == 4);  // 三, 四, 七 in villages, 五 known only by township
    CHECK(yi.sites_township_only == 1);
    CHECK(yi.sites_exact == 2);
    CHECK(yi.sites_by_name == 1);
    CHECK(s.total.sites == 7);  // 八 is counted nowhere
    CHECK(s.total.sites_exact == 4);  // 一, 二, 三, 七
    CHECK(s.total.sites_by_name == 1);
    CHECK(s.total.sites_township_only == 2);
    CHECK(s.total.funds_yuan == 100 + 200 + 400 + 800 + 1600 + 3200 + 6400);  // all but 八's 12800

    // A township holds its villages' sites and its township-only ones; the county its townships'.
    int township_sites = 0, township_only = 0;
    for (const auto& t : s.townships) {
        int in_villages = 0;
        for (const auto& v : s.villages) {
            CHECK(v.sites_township_only == 0);
            CHECK(v.sites == v.sites_exact + v.sites_by_name);
            if (v.township == t.township) in_villages += v.sites;
        }
        CHECK(t.sites == in_villages + t.sites_township_only);
        township_sites += t.sites;
        township_only += t.sites_township_only;
    }
    CHECK(township_sites == s.total.sites);
    CHECK(township_only == s.total.sites_township_only);

    REQUIRE(s.township_only_sites.size() == 2);
    CHECK(s.township_only_sites[0].row == 5);
    CHECK(s.township_only_sites[0].township == "乙乡");
    CHECK(s.township_only_sites[0].village_name == "戊村");
    CHECK(s.township_only_sites[0].reason == "no village \"戊村\" in township \"乙乡\"");
    CHECK(s.township_only_sites[1].row == 6);
    CHECK(s.township_only_sites[1].reason == "no village name");
    REQUIRE(s.unmatched_sites.size() == 1);
    CHECK(s.unmatched_sites[0].row == 8);
    CHECK(s.unmatched_sites[0].reason == "no township \"丙镇\" among the villages");
}

TEST_CASE("a site whose point lies in another village than its row names is a conflict, counted where it lies") {
    StatusCounty county;
    const auto s = analysis::compute_statistics(county.project, {});
    REQUIRE(s.conflicts.size() == 1);
    const auto& c = s.conflicts[0];
    CHECK(c.file == "sites.gpkg");
    CHECK(c.row == 7);
    CHECK_FALSE(c.is_row);  // a GeoPackage feature id
    CHECK(c.project_name == "七");
    CHECK(c.named_village == "甲村");
    CHECK(s.villages[c.named_index].village_name == "甲村");
    CHECK(s.villages[c.found_index].village_name == "丁村");
    CHECK(row(s.villages, "甲村").sites == 1);  // not moved to the village it names
}

TEST_CASE("status and year filters change the counts exactly") {
    StatusCounty county;
    scene::SiteFilter finished;
    finished.statuses = {"finished"};  // 二, 五, 六, 七
    const auto f = analysis::compute_statistics(county.project, filtered(finished));
    CHECK(row(f.townships, "甲镇").sites == 2);  // 二, and 六 by township
    CHECK(row(f.townships, "乙乡").sites == 2);  // 七, and 五 by township
    CHECK(f.total.sites == 4);
    CHECK(f.total.funds_yuan == 200 + 1600 + 3200 + 6400);
    CHECK(f.total.covered_poor_villages == 1);  // 乙村 only: 丙村's site has no status
    CHECK(f.unmatched_sites.empty());            // 八 has no status
    CHECK(f.conflicts.size() == 1);

    scene::SiteFilter years;
    years.from_year = 2011;
    years.to_year = 2012;  // 二, 四, 五, 七, 八; 三 has no year and is left out
    const auto y = analysis::compute_statistics(county.project, filtered(years));
    CHECK(row(y.townships, "甲镇").sites == 1);
    CHECK(row(y.townships, "乙乡").sites == 3);
    CHECK(y.total.sites == 4);
    CHECK(y.total.sites_township_only == 1);
    CHECK(y.unmatched_sites.size() == 1);
    // Recounting the kept placement with the filter gives the same.
    const auto recounted = analysis::recount_sites(county.project, analysis::compute_statistics(county.project, {}), filtered(years));
    CHECK(recounted.total.sites == 4);
    CHECK(row(recounted.townships, "乙乡").sites_township_only == 1);
    CHECK(recounted.total.covered_poor_villages == y.total.covered_poor_villages);

    years.from_year = years.to_year = 2010;
    CHECK(analysis::compute_statistics(county.project, filtered(years)).total.sites == 1);
}

TEST_CASE("counting's problems name file, layer and row: unmatched, township only, conflicts, ponds, duplicate names") {
    StatusCounty county;
    test::write_layer(county.dir.file("ponds.gpkg"), "GPKG", 4490, {{"kind"}}, {{"POINT(0.005 0.005)", {"坝塘"}}, {"POINT(0.5 0.5)", {"水窖"}}});
    test::write_layer(county.dir.file("more.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}},
                      {{square(0.02, 0), {"甲村村委会", "甲镇"}}});  // a second 甲村 in 甲镇
    county.project = loading::load_project({{county.dir.file("villages.gpkg"), model::Role::Villages},
                                            {county.dir.file("more.gpkg"), model::Role::Villages},
                                            {county.dir.file("sites.gpkg"), model::Role::Sites},
                                            {county.dir.file("ponds.gpkg"), model::Role::Ponds}},
                                           {});
    const auto s = analysis::compute_statistics(county.project, {});
    model::ProblemLog log;
    analysis::add_counting_problems(county.project, s, log);
    std::vector<std::string> lines;
    for (const auto& p : log.all()) lines.push_back(p.kind + " | " + p.line());
    const std::vector<std::string> expected = {
        "unmatched site | sites.gpkg, layer sites, feature 8: counted in no region: no township \"丙镇\" among the villages",
        "site placed by township only | sites.gpkg, layer sites, feature 5: counted in township \"乙乡\" but in no village: no village "
        "\"戊村\" in township \"乙乡\"",
        "site placed by township only | sites.gpkg, layer sites, feature 6: counted in township \"甲镇\" but in no village: no village name",
        // With two 甲村 in 甲镇, 七's row names no single village: no conflict can be told.
        "pond outside villages | ponds.gpkg, layer ponds, feature 2: lies outside every village: counted in no region",
        "duplicate village name | villages.gpkg, layer villages, feature 1: 2 villages of 甲镇 are called \"甲村\": project rows that name "
        "it without a location cannot be placed in a village; give them distinct names",
        "duplicate village name | more.gpkg, layer more, feature 1: 2 villages of 甲镇 are called \"甲村村委会\": project rows that name "
        "it without a location cannot be placed in a village; give them distinct names",
    };
    CHECK(lines == expected);
    CHECK(log.all().front().severity == model::Severity::Warning);

    model::ProblemLog conflicts;  // the county as it was: one conflict
    StatusCounty plain;
    analysis::add_counting_problems(plain.project, analysis::compute_statistics(plain.project, {}), conflicts);
    REQUIRE(conflicts.counts().at(analysis::kLocationConflict) == 1);
    for (const auto& p : conflicts.all())
        if (p.kind == analysis::kLocationConflict)
            CHECK(p.line() == "sites.gpkg, layer sites, feature 7: the row names village \"甲村\" but its point lies in \"丁村\" (乙乡), "
                              "where it is counted; check the village name or the coordinates");
}

TEST_CASE("a row naming a village its township holds twice is counted in the township only") {
    StatusCounty county;
    test::write_layer(county.dir.file("more.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}}, {{square(0.02, 0), {"甲村", "甲镇"}}});
    test::write_text(county.dir.file("named.csv"), "项目名称,乡镇,村名\n九,甲镇,甲村\n十,,甲村\n");
    const auto project = loading::load_project({{county.dir.file("villages.gpkg"), model::Role::Villages},
                                                {county.dir.file("more.gpkg"), model::Role::Villages},
                                                {county.dir.file("named.csv"), model::Role::Sites}},
                                               {});
    const auto s = analysis::compute_statistics(project, {});
    REQUIRE(s.township_only_sites.size() == 1);
    CHECK(s.township_only_sites[0].project_name == "九");
    CHECK(s.township_only_sites[0].reason == "several villages of township \"甲镇\" are called \"甲村\"");
    CHECK(row(s.townships, "甲镇").sites_township_only == 1);
    REQUIRE(s.unmatched_sites.size() == 1);  // without a township it cannot even be put in one
    CHECK(s.unmatched_sites[0].reason == "several villages are called \"甲村\"; give the township");
}
