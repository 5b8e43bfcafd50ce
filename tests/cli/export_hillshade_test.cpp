// `export --dem`: the hillshade drawn by Cairo at the page's resolution, in PNG, PDF and SVG.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/dem_writer.hpp"
#include "support/fixtures.hpp"
#include "support/page_probe.hpp"

using namespace ca;

namespace {

// One village of 20 km over a north-south ridge along 102°E (see write_ridge_dem).
struct Ridge {
    test::TempDir dir;
    std::string args;
    Ridge() {
        test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}}, {{test::square_wkt(101.9, 25.4, 0.2), {"岭村", "岭乡"}}});
        test::write_ridge_dem(dir.file("dem.tif"));
        args = " --villages '" + dir.file("villages.gpkg") + "' --dem '" + dir.file("dem.tif") + "' --labels off";
    }
    nlohmann::json export_to(const std::string& out, const std::string& options) const {
        const auto r = test::run_countyatlas("export" + args + " --out '" + out + "' " + options);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return nlohmann::json::parse(r.out);
    }
};

// Mean of r + g + b over the 5 × 5 pixels around a lon/lat point of the page.
double brightness(const test::Image& image, const nlohmann::json& report, double lon, double lat) {
    const auto p = test::on_page(report, lon, lat);
    double sum = 0;
    for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx) {
            const auto rgb = image.at(static_cast<int>(p.x) + dx, static_cast<int>(p.y) + dy);
            sum += rgb.r + rgb.g + rgb.b;
        }
    return sum / 25;
}

}  // namespace

TEST_CASE("an exported PNG shades the ridge's flank facing away from the sun, and --sun turns it") {
    const Ridge ridge;
    // Slope 0.3, sun 45° high: the lit flank keeps 0.93 of the fill, the other 0.71 (hillshade_test).
    const std::string west = ridge.dir.file("west.png"), east = ridge.dir.file("east.png"), plain = ridge.dir.file("plain.png");
    const auto west_report = ridge.export_to(west, "--dpi 72 --sun 270");
    const auto east_report = ridge.export_to(east, "--dpi 72 --sun 90,45");
    const auto plain_report = ridge.export_to(plain, "--dpi 72 --hillshade off");
    const test::Image west_sun(west), east_sun(east), unshaded(plain);
    CHECK(brightness(west_sun, west_report, 101.95, 25.5) > brightness(west_sun, west_report, 102.05, 25.5) * 1.2);
    CHECK(brightness(east_sun, east_report, 102.05, 25.5) > brightness(east_sun, east_report, 101.95, 25.5) * 1.2);
    const double fill = brightness(unshaded, plain_report, 101.95, 25.5);
    CHECK(fill == doctest::Approx(brightness(unshaded, plain_report, 102.05, 25.5)).epsilon(0.01));
    CHECK(brightness(west_sun, west_report, 101.95, 25.5) == doctest::Approx(fill * (0.45 + 0.55 * 0.880)).epsilon(0.03));
    // The elevation tint colours the same point: half-way up (3,800 m of 500–6,500 m), between
    // the yellow and the brown of the ramp, whose blue is low.
    const std::string tinted = ridge.dir.file("tint.png");
    const auto tint_report = ridge.export_to(tinted, "--dpi 72 --sun 270 --hillshade tint");
    const auto p = test::on_page(tint_report, 101.91, 25.5), q = test::on_page(west_report, 101.91, 25.5);
    const auto with_tint = test::Image(tinted).at(static_cast<int>(p.x), static_cast<int>(p.y));
    const auto without = west_sun.at(static_cast<int>(q.x), static_cast<int>(q.y));
    CHECK(with_tint.b < without.b * 0.8);
    CHECK(with_tint.r > without.r * 0.8);
}

TEST_CASE("an exported PDF multiplies the hillshade into the village fill, and an SVG carries it too") {
    const Ridge ridge;
    const std::string pdf = ridge.dir.file("map.pdf");
    const auto report = ridge.export_to(pdf, "--dpi 72 --sun 270");
    // At 72 dpi a PDF point is a pixel: the report's page coordinates read straight off the raster.
    const auto shown = test::run("pdftoppm -r 72 -png -singlefile '" + pdf + "' '" + ridge.dir.file("page") + "'");
    REQUIRE_MESSAGE(shown.exit_code == 0, shown.err);
    const test::Image page(ridge.dir.file("page.png"));
    CHECK(brightness(page, report, 101.95, 25.5) > brightness(page, report, 102.05, 25.5) * 1.2);
    const std::string svg = ridge.dir.file("map.svg");
    ridge.export_to(svg, "--dpi 72");
    // The shade is an image among the map's shapes, which stay shapes (not one picture of the page).
    const std::string text = test::read_file(svg);
    CHECK(text.find("<image") != std::string::npos);
    CHECK(text.find("<path") != std::string::npos);
    CHECK(test::run_countyatlas("export" + ridge.args + " --out '" + ridge.dir.file("x.png") + "' --hillshade sideways").exit_code != 0);
    const auto bad_sun = test::run_countyatlas("export" + ridge.args + " --out '" + ridge.dir.file("x.png") + "' --sun 400");
    CHECK(bad_sun.exit_code == 2);
    CHECK(bad_sun.err.find("--sun 400: give the azimuth (0 to 360, clockwise from north)") != std::string::npos);
}
