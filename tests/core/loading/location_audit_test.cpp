// Points read off a Chinese web map (GCJ-02) are found by counting them twice.
#include <doctest/doctest.h>

#include <cmath>

#include "core/io/web_map_offsets.hpp"
#include "core/loading/load_project.hpp"
#include "core/loading/location_audit.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

constexpr double kLon0 = 101.30, kLat0 = 25.70, kCell = 0.01;  // in the sample county's country

std::string cell_wkt(int c, int r) {
    const double x0 = kLon0 + c * kCell, y0 = kLat0 + r * kCell;
    char wkt[256];
    std::snprintf(wkt, sizeof wkt, "POLYGON((%.6f %.6f,%.6f %.6f,%.6f %.6f,%.6f %.6f,%.6f %.6f))", x0, y0, x0 + kCell, y0, x0 + kCell, y0 + kCell,
                  x0, y0 + kCell, x0, y0);
    return wkt;
}

std::string village_name(int c, int r) { return "村" + std::to_string(c) + std::to_string(r); }

std::string point_wkt(model::Vec2 p) {
    char wkt[96];
    std::snprintf(wkt, sizeof wkt, "POINT(%.7f %.7f)", p.x, p.y);
    return wkt;
}

// A 3x3 grid of villages of 甲镇, and project sites (one per village of the upper two rows) 0.001
// degrees inside the edge that GCJ-02 shifts them across: as typed in WGS84 each lies in the
// village its row names; read off a web map, each lies in the village south of it.
struct OffsetCounty {
    test::TempDir dir;
    std::vector<test::Row> true_sites, web_map_sites, typos;

    OffsetCounty() {
        std::vector<test::Row> villages;
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c) villages.push_back({cell_wkt(c, r), {village_name(c, r), "甲镇"}});
        test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}}, villages);
        const model::Vec2 centre{kLon0 + 1.5 * kCell, kLat0 + 1.5 * kCell};
        const model::Vec2 shift{io::wgs84_to_gcj02(centre).x - centre.x, io::wgs84_to_gcj02(centre).y - centre.y};
        REQUIRE(std::fabs(shift.y) > 0.002);  // GCJ-02 moves points here by some 300 m north-south
        int k = 0;
        for (int r = 1; r < 3; ++r)
            for (int c = 0; c < 3; ++c, ++k) {
                const double y = shift.y < 0 ? kLat0 + r * kCell + 0.001 : kLat0 + (r + 1) * kCell - 0.001;
                const model::Vec2 at{kLon0 + (c + 0.5) * kCell, y};
                const std::string project = "项目" + std::to_string(k);
                true_sites.push_back({point_wkt(at), {project, "甲镇", village_name(c, r)}});
                web_map_sites.push_back({point_wkt(io::wgs84_to_gcj02(at)), {project, "甲镇", village_name(c, r)}});
                // Typed into the wrong village: in the middle of the village south of the one named.
                const model::Vec2 middle{kLon0 + (c + 0.5) * kCell, kLat0 + (r - 0.5) * kCell};
                typos.push_back({point_wkt(middle), {project, "甲镇", village_name(c, r)}});
            }
    }

    std::vector<loading::OffsetFinding> findings(const std::string& name, const std::vector<test::Row>& sites, analysis::Statistics* out = nullptr) {
        test::write_layer(dir.file(name), "GPKG", 4490, {{"项目名称"}, {"乡镇"}, {"村名"}}, sites);
        const auto project =
            loading::load_project({{dir.file("villages.gpkg"), model::Role::Villages}, {dir.file(name), model::Role::Sites}}, {});
        auto stats = analysis::compute_statistics(project, {});
        auto result = loading::web_map_offset_findings(project, stats);
        model::ProblemLog log;
        loading::audit_site_locations(project, stats, log);
        m_warnings = log.all();
        if (out) *out = std::move(stats);
        return result;
    }
    std::vector<model::Problem> m_warnings;
};

}  // namespace

TEST_CASE("sites read off a web map in GCJ-02 are found, and --coords FILE=gcj02 is suggested") {
    OffsetCounty county;
    analysis::Statistics stats;
    const auto findings = county.findings("web.gpkg", county.web_map_sites, &stats);
    CHECK(stats.conflicts.size() == 6);  // every site lies one village south of the one it names
    CHECK(stats.conflicts.front().row == 1);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].file == "web.gpkg");
    CHECK(findings[0].coords == io::WebMapCoords::Gcj02);
    CHECK(findings[0].misplaced == 6);
    CHECK(findings[0].resolved == 6);
    CHECK(findings[0].made == 0);
    REQUIRE(county.m_warnings.size() == 1);
    const auto& w = county.m_warnings[0];
    CHECK(w.kind == loading::kWebMapOffset);
    CHECK(w.severity == model::Severity::Warning);
    CHECK(w.line() ==
          "web.gpkg, layer web: 6 of the 6 sites whose point lies outside every village or in another village than their row names fall in "
          "place when read as GCJ-02 (Chinese web map) coordinates (0 others would move out); if the points were read off such a map, pass "
          "--coords web.gpkg=gcj02");
}

TEST_CASE("sites typed in WGS84 raise no web-map suggestion, and neither do plain typing errors") {
    OffsetCounty county;
    analysis::Statistics stats;
    auto findings = county.findings("true.gpkg", county.true_sites, &stats);
    CHECK(stats.conflicts.empty());
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].misplaced == 0);
    CHECK(findings[0].made == 0);  // they stay in their villages either way
    CHECK(county.m_warnings.empty());

    findings = county.findings("typos.gpkg", county.typos, &stats);
    CHECK(stats.conflicts.size() == 6);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].misplaced == 6);
    CHECK(findings[0].resolved == 0);  // a shift of 300 m (GCJ-02) or 800 m (BD-09) does not undo a wrong village
    CHECK(county.m_warnings.empty());
}

TEST_CASE("under five misplaced sites are too few to suggest a conversion") {
    OffsetCounty county;
    const std::vector<test::Row> four(county.web_map_sites.begin(), county.web_map_sites.begin() + 4);
    const auto findings = county.findings("few.gpkg", four);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].resolved == 4);
    CHECK_FALSE(findings[0].suggests_conversion());
    CHECK(county.m_warnings.empty());
}
