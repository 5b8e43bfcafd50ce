// What an exported map shows, read back from the file: township borders and names without a
// township layer, a scale the stray site does not change, a legend of what is on the page, and
// works told apart by their pixels.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "core/io/working_crs.hpp"
#include "core/scene/style.hpp"
#include "support/fixtures.hpp"
#include "support/page_probe.hpp"

using namespace ca;

namespace {

using test::is;
using test::on_page;

std::string square(double lon, double lat, double side = 0.05) { return test::square_wkt(lon, lat, side); }

// Four villages of 5 km around 102°E (a Gauss-Krüger central meridian: EPSG:4543), 25.5°N, and
// no township layer: 甲镇 west of 102°E, 乙乡 east.
struct County {
    test::TempDir dir;
    std::string args;
    County() {
        test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}},
                          {{square(101.95, 25.45), {"甲村", "甲镇"}}, {square(101.95, 25.5), {"乙村", "甲镇"}},
                           {square(102.0, 25.45), {"丙村", "乙乡"}}, {square(102.0, 25.5), {"丁村", "乙乡"}}});
        args = " --villages '" + dir.file("villages.gpkg") + "'";
    }
    nlohmann::json export_to(const std::string& out, const std::string& options = "") const {
        const auto r = test::run_countyatlas("export" + args + " --out '" + out + "' " + options);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return nlohmann::json::parse(r.out);
    }
};


}  // namespace

TEST_CASE("an exported county without a township layer shows township borders and names") {
    const County county;
    const std::string png = county.dir.file("map.png");
    const auto report = county.export_to(png, "--dpi 150");
    const test::Image image(png);
    auto pixel = [&](double lon, double lat) {
        const auto p = on_page(report, lon, lat);
        return image.at(static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)));
    };
    // The border between 甲镇 and 乙乡 along 102°E, a quarter and three quarters up: township grey.
    CHECK(is(pixel(102.0, 25.475), scene::style::kTownshipBorder));
    CHECK(is(pixel(102.0, 25.525), scene::style::kTownshipBorder));
    // The border between 甲村 and 乙村 (both 甲镇) is a village border only: white.
    CHECK(is(pixel(101.975, 25.5), scene::style::kVillageBorder));
    // Inside a village: neither.
    CHECK_FALSE(is(pixel(101.975, 25.47), scene::style::kTownshipBorder, 40));

    const std::string pdf = county.dir.file("map.pdf");
    county.export_to(pdf);
    const auto text = test::run("pdftotext '" + pdf + "' -");
    REQUIRE_MESSAGE(text.exit_code == 0, text.err);
    for (const char* township : {"甲镇", "乙乡"}) {
        CAPTURE(township);
        CHECK(text.out.find(township) != std::string::npos);
    }
}

TEST_CASE("a site typed 30 km outside the county does not change the exported map's scale or legend") {
    const County county;
    const auto before = county.export_to(county.dir.file("a.png"), "--dpi 60");
    test::write_layer(county.dir.file("sites.gpkg"), "GPKG", 4490, {{"项目类型"}, {"乡镇"}, {"村名"}},
                      {{"POINT(101.97 25.47)", {"整村推进", "甲镇", "甲村"}}, {"POINT(102.33 25.5)", {"危房改造", "乙乡", "丁村"}}});
    County with_sites;  // the same county, with the sites
    with_sites.args = county.args + " --sites '" + county.dir.file("sites.gpkg") + "'";
    const std::string pdf = county.dir.file("b.pdf");
    const auto pdf_before = county.export_to(county.dir.file("a.pdf"));
    const auto after_pdf = with_sites.export_to(pdf);
    const auto after = with_sites.export_to(county.dir.file("b.png"), "--dpi 60");
    CHECK(after["map"]["m_per_unit"].get<double>() == doctest::Approx(before["map"]["m_per_unit"].get<double>()));
    CHECK(after_pdf["map"]["m_per_unit"].get<double>() == doctest::Approx(pdf_before["map"]["m_per_unit"].get<double>()));
    // The stray site is not on the page, so neither is its type in the legend.
    CHECK(after_pdf["legend_swatches"].size() == 1);
    const auto text = test::run("pdftotext '" + pdf + "' -").out;
    CHECK(text.find("整村推进") != std::string::npos);
    CHECK(text.find("危房改造") == std::string::npos);
}

TEST_CASE("the legend of a county with only ponds and wells lists those two, and a cellar and a well look different") {
    const County county;
    test::write_layer(county.dir.file("works.gpkg"), "GPKG", 4490, {{"类型"}},
                      {{"POINT(101.97 25.47)", {"坝塘"}}, {"POINT(102.03 25.47)", {"水井"}}, {"POINT(101.97 25.53)", {"坝塘"}}});
    County ponds;
    ponds.args = county.args + " --ponds '" + county.dir.file("works.gpkg") + "'";
    const std::string pdf = county.dir.file("map.pdf");
    const auto report = ponds.export_to(pdf);
    CHECK(report["legend_swatches"].size() == 2);
    const auto text = test::run("pdftotext '" + pdf + "' -").out;
    CHECK(text.find("坝塘") != std::string::npos);
    CHECK(text.find("水井") != std::string::npos);
    CHECK(text.find("水窖") == std::string::npos);

    // A cellar and a well, side by side in one village (one fill behind both): the pixels of their
    // symbols differ.
    test::write_layer(county.dir.file("two.gpkg"), "GPKG", 4490, {{"类型"}}, {{"POINT(101.96 25.47)", {"水窖"}}, {"POINT(101.99 25.47)", {"水井"}}});
    County two;
    two.args = county.args + " --ponds '" + county.dir.file("two.gpkg") + "' --labels off";
    const std::string png = county.dir.file("two.png");
    const auto r = two.export_to(png, "--dpi 300");
    const test::Image image(png);
    int differing = 0, inked = 0;
    const auto cellar = on_page(r, 101.96, 25.47), well = on_page(r, 101.99, 25.47);
    for (int dy = -12; dy <= 12; ++dy)
        for (int dx = -12; dx <= 12; ++dx) {
            const auto a = image.at(static_cast<int>(cellar.x) + dx, static_cast<int>(cellar.y) + dy);
            const auto b = image.at(static_cast<int>(well.x) + dx, static_cast<int>(well.y) + dy);
            differing += std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b) > 60;
            inked += is(a, scene::style::pond_marker("cellar").color, 20);
        }
    CHECK(inked > 20);        // the cellar is drawn in its colour where it stands
    CHECK(differing > 20);    // and the well is not drawn the same
}

TEST_CASE("a township's figure draws and lists the sites its wide frame shows beside the township, and lists none off the frame") {
    // 甲镇 is one village wide and two high; an A4-landscape frame fitted to it also shows 乙乡's
    // villages east of it. A fifth village lies 40 km east, off the frame.
    test::TempDir dir;
    test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}},
                      {{square(101.95, 25.45), {"甲村", "甲镇"}}, {square(101.95, 25.5), {"乙村", "甲镇"}},
                       {square(102.0, 25.45), {"丙村", "乙乡"}}, {square(102.0, 25.5), {"丁村", "乙乡"}},
                       {square(102.4, 25.45), {"戊村", "乙乡"}}});
    test::write_layer(dir.file("sites.gpkg"), "GPKG", 4490, {{"项目类型"}, {"乡镇"}, {"村名"}},
                      {{"POINT(101.975 25.475)", {"整村推进", "甲镇", "甲村"}},
                       {"POINT(102.025 25.525)", {"危房改造", "乙乡", "丁村"}},
                       {"POINT(102.425 25.475)", {"产业扶贫", "乙乡", "戊村"}}});
    const std::string args = " --villages '" + dir.file("villages.gpkg") + "' --sites '" + dir.file("sites.gpkg") + "' --extent township:甲镇";
    const std::string pdf = dir.file("town.pdf"), png = dir.file("town.png");
    const auto r = test::run_countyatlas("export" + args + " --out '" + pdf + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto text = test::run("pdftotext '" + pdf + "' -").out;
    CHECK(text.find("整村推进") != std::string::npos);
    CHECK(text.find("危房改造") != std::string::npos);  // in 乙乡, but on the frame
    CHECK(text.find("产业扶贫") == std::string::npos);  // off the frame
    CHECK(nlohmann::json::parse(r.out)["legend_swatches"].size() == 2);
    // And drawn: the 危房改造 site's pixel is not the village's fill.
    const auto drawn = test::run_countyatlas("export" + args + " --out '" + png + "' --dpi 100");
    REQUIRE_MESSAGE(drawn.exit_code == 0, drawn.err);
    const auto report = nlohmann::json::parse(drawn.out);
    const test::Image image(png);
    const auto site = on_page(report, 102.025, 25.525), beside = on_page(report, 102.035, 25.535);
    REQUIRE(site.x < report["map"]["x"].get<double>() + report["map"]["width"].get<double>());
    const auto at_site = image.at(static_cast<int>(std::lround(site.x)), static_cast<int>(std::lround(site.y)));
    const auto at_fill = image.at(static_cast<int>(std::lround(beside.x)), static_cast<int>(std::lround(beside.y)));
    CHECK_FALSE(is(at_site, {static_cast<std::uint8_t>(at_fill.r), static_cast<std::uint8_t>(at_fill.g), static_cast<std::uint8_t>(at_fill.b), 255}, 20));
}
