// `countyatlas export`: page sizes and DPI, a true scale bar, searchable Chinese text, safe writes.
#include <doctest/doctest.h>

#include <algorithm>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <cpl_minixml.h>
#include <nlohmann/json.hpp>

#include "core/analysis/measure.hpp"
#include "core/io/working_crs.hpp"
#include "core/print/atlas.hpp"
#include "core/scene/style.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

int count_text_nodes(const CPLXMLNode* node) {
    int n = 0;
    for (; node; node = node->psNext) {
        if (node->eType == CXT_Element && std::string(node->pszValue) == "text") ++n;
        n += count_text_nodes(node->psChild);
    }
    return n;
}

}  // namespace

TEST_CASE("a PNG figure has the pixel size of its page at its DPI, and says its DPI") {
    test::TempDir dir;
    const std::string png = dir.file("map.png");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + png + "' --page A4-portrait --dpi 150");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(test::png_size(png) == std::pair{1240, 1754});  // 210 x 297 mm at 150 dpi
    const std::string bytes = test::read_file(png);
    const auto phys = bytes.find("pHYs");
    REQUIRE(phys != std::string::npos);
    const auto u8 = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
    const std::uint32_t per_metre = u8(phys + 4) << 24 | u8(phys + 5) << 16 | u8(phys + 6) << 8 | u8(phys + 7);
    CHECK(per_metre == 5906);  // 150 dpi
    CHECK(bytes[phys + 12] == 1);  // the unit is the metre
}

TEST_CASE("the scale bar is as long on the page as the ground distance it claims, within 1 %") {
    test::TempDir dir;
    const std::string png = dir.file("map.png");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + png + "' --dpi 200");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    const double claimed_m = j["scale_bar"]["length_m"];
    // Measure the bar in the picture: its black first half, along a row through the bar.
    const test::Image image(png);
    const int row = static_cast<int>(j["scale_bar"]["y"].get<double>()) + 3;
    int x = static_cast<int>(j["scale_bar"]["x"].get<double>()) - 2;
    auto dark = [&](int px) { const auto c = image.at(px, row); return c.r < 60 && c.g < 60 && c.b < 60; };
    while (!dark(x)) ++x;
    const int start = x;
    while (dark(x)) ++x;
    const double half_px = x - start;
    // That many pixels at the map's centre, as ground distance on the ellipsoid.
    const double m_per_px = j["map"]["m_per_unit"];
    const model::Vec2 centre{j["map"]["centre_m"][0].get<double>(), j["map"]["centre_m"][1].get<double>()};
    std::vector<model::Vec2> ends = {centre, {centre.x + 2 * half_px * m_per_px, centre.y}};
    io::make_projection("EPSG:4543")->inverse(ends);
    const double ground_m = analysis::segment_length_m(ends[0], ends[1]);
    CHECK(ground_m == doctest::Approx(claimed_m).epsilon(0.01));
}

TEST_CASE("a PDF figure keeps its title and Chinese township names as text") {
    test::TempDir dir;
    const std::string pdf = dir.file("map.pdf");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + pdf + "' --title '大姚县扶贫项目分布图'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto text = test::run("pdftotext '" + pdf + "' -");
    REQUIRE_MESSAGE(text.exit_code == 0, "pdftotext (poppler-utils) failed: " << text.err);
    CHECK(text.out.find("大姚县扶贫项目分布图") != std::string::npos);
    for (const char* township : {"金碧镇", "湾碧乡", "昙华乡", "三岔河镇"}) {
        CAPTURE(township);
        CHECK(text.out.find(township) != std::string::npos);
    }
}

TEST_CASE("place names can be written in pinyin, from the option or a project file's style") {
    test::TempDir dir;
    const std::string pdf = dir.file("map.pdf");
    auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + pdf + "' --labels pinyin");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto text = test::run("pdftotext '" + pdf + "' -").out;
    for (const char* township : {"Jinbi Zhen", "Wanbi Xiang", "Tanhua Xiang", "Sanchahe Zhen"}) {
        CAPTURE(township);
        CHECK(text.find(township) != std::string::npos);
    }
    // A project saved with pinyin labels exports with them, and --labels chinese overrides it.
    const std::string project = dir.file("county.cap.json");
    test::write_text(project, "{\"countyatlas_project\": 1, \"layers\": [{\"path\": \"" + test::sample_county() +
                                  "\"}], \"style\": {\"label_script\": \"pinyin\"}}\n");
    r = test::run_countyatlas("export '" + project + "' --out '" + pdf + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(test::run("pdftotext '" + pdf + "' -").out.find("Jinbi Zhen") != std::string::npos);
    r = test::run_countyatlas("export '" + project + "' --out '" + pdf + "' --labels chinese");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    text = test::run("pdftotext '" + pdf + "' -").out;
    CHECK(text.find("Jinbi Zhen") == std::string::npos);
    CHECK(text.find("金碧镇") != std::string::npos);
}

TEST_CASE("a choropleth of a field the villages do not have is one clear line and no file") {
    test::TempDir dir;
    const std::string pdf = dir.file("map.pdf");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + pdf + "' --choropleth field:人均耕地");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("field:人均耕地: the villages have no field \"人均耕地\"; their fields: village_name") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_FALSE(std::filesystem::exists(pdf));
    const auto ok = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + pdf + "' --choropleth field:households");
    CHECK_MESSAGE(ok.exit_code == 0, ok.err);
}

TEST_CASE("a township choropleth's legend counts townships, a village one villages") {
    test::TempDir dir;
    auto legend_total = [&](const std::string& options) {
        const std::string pdf = dir.file("map.pdf");
        const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + pdf + "' " + options);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        std::istringstream text(test::run("pdftotext '" + pdf + "' -").out);
        int total = 0;
        for (std::string line; std::getline(text, line);)  // legend rows end in "(count)"
            if (line.size() > 2 && line.back() == ')' && line.find(" (") != std::string::npos)
                total += std::stoi(line.substr(line.rfind('(') + 1));
        return total;
    };
    CHECK(legend_total("--choropleth poverty_rate --by-township") == 12);
    CHECK(legend_total("--choropleth poverty_rate") == 133);
}

TEST_CASE("an SVG figure parses and holds its text as text elements") {
    test::TempDir dir;
    const std::string svg = dir.file("map.svg");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + svg + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string xml = test::read_file(svg);
    CPLXMLNode* tree = CPLParseXMLString(xml.c_str());
    REQUIRE(tree != nullptr);
    CHECK(count_text_nodes(tree) >= 12 + 1);  // the township names and the title at least
    CPLDestroyXMLNode(tree);
    CHECK(xml.find(">金碧镇</text>") != std::string::npos);
}

TEST_CASE("exporting into a folder that cannot be written fails clearly and leaves no file") {
    test::TempDir dir;
    const std::string target = dir.file("no/such/folder/map.pdf");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + target + "'");
    CHECK(r.exit_code == 3);
    CHECK(r.err == "countyatlas: " + target + ": cannot write the file: No such file or directory (is the folder there and writable?)\n");
    CHECK(std::filesystem::is_empty(dir.path()));
    const auto bad = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + dir.file("map.tiff") + "'");
    CHECK(bad.exit_code == 2);
    CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("the township atlas has an overview, the statistics table and a page per township") {
    test::TempDir dir;
    const std::string folder = dir.file("plans");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --atlas township --out '" + folder + "' --png-dpi 60");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto stats = nlohmann::json::parse(test::run_countyatlas("stats '" + test::sample_county() + "' --format json").out);
    const std::size_t townships = stats["regions"].size();
    const auto j = nlohmann::json::parse(r.out);
    const auto info = test::run("pdfinfo '" + folder + "/atlas.pdf'");
    CHECK(info.out.find("Pages:           " + std::to_string(j["pages"].get<std::size_t>())) != std::string::npos);
    CHECK(j["pngs"] == j["pages"]);
    CHECK(std::filesystem::exists(folder + "/01-overview.png"));
    CHECK(std::filesystem::exists(folder + "/02-statistics.png"));
    // A page per township in the statistics' order, each maybe followed by its continued list.
    const auto names = test::file_names_in(folder);
    std::size_t last = 2;
    for (std::size_t i = 0; i < townships; ++i) {
        const std::string township = stats["regions"][i]["township"].get<std::string>();
        std::size_t page = 0;
        for (const auto& name : names)
            if (name.size() > 3 && name.substr(3) == township + ".png") page = std::stoul(name.substr(0, 2));
        CAPTURE(township);
        CHECK(page > last);
        last = page;
    }
    CHECK(last <= j["pages"].get<std::size_t>());
    const auto table = test::run("pdftotext -f 2 -l 2 '" + folder + "/atlas.pdf' -");
    CHECK(table.out.find("乡镇统计表") != std::string::npos);
    const auto first = test::run("pdftotext -f 3 -l 3 '" + folder + "/atlas.pdf' -");
    CHECK(first.out.find(stats["regions"][0]["township"].get<std::string>()) != std::string::npos);
    CHECK(first.out.find("项目清单") != std::string::npos);
}

TEST_CASE("file names from township names are safe on every system") {
    CHECK(print::safe_file_name("金碧镇") == "金碧镇");
    CHECK(print::safe_file_name("a/b\\c:d*e?f\"g<h>i|j") == "a_b_c_d_e_f_g_h_i_j");
    CHECK(print::safe_file_name("镇. ") == "镇");
    CHECK(print::safe_file_name("") == "_");
}

TEST_CASE("the exported legend's swatches have their choropleth class colours, in class order") {
    test::TempDir dir;
    const std::string png = dir.file("map.png");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + png + "' --dpi 120 --choropleth poverty_rate");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    const test::Image image(png);
    // The first five entries are the natural-breaks classes, light to dark on the YlOrRd ramp.
    REQUIRE(j["legend_swatches"].size() >= 5);
    for (std::size_t k = 0; k < 5; ++k) {
        const auto& at = j["legend_swatches"][k];
        const auto got = image.at(static_cast<int>(at[0].get<double>()), static_cast<int>(at[1].get<double>()));
        const auto want = scene::style::sequential(k, 5);
        CAPTURE(k);
        CHECK(std::abs(got.r - want.r) <= 2);
        CHECK(std::abs(got.g - want.g) <= 2);
        CHECK(std::abs(got.b - want.b) <= 2);
    }
}

TEST_CASE("a page given in pixels gives a PNG of exactly those pixels") {
    test::TempDir dir;
    const std::string png = dir.file("screen.png");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + png + "' --page 1600x900px --margin 5");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(test::png_size(png) == std::pair{1600, 900});
    CHECK(test::run_countyatlas("export '" + test::sample_county() + "' --out '" + png + "' --page B5").exit_code == 2);
}

TEST_CASE("--ticks labels the frame with round longitudes and latitudes around the county") {
    test::TempDir dir;
    const std::string pdf = dir.file("map.pdf");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + pdf + "' --ticks");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto text = test::run("pdftotext '" + pdf + "' -").out;
    // The sample county spans about 100.9-101.7 E and 25.3-26.1 N: 101°15′E and 25°45′N are inside.
    CHECK(text.find("101°15′E") != std::string::npos);
    CHECK(text.find("25°45′N") != std::string::npos);
}

TEST_CASE("a layout file places the map frame and the legend where it says") {
    test::TempDir dir;
    test::write_text(dir.file("layout.json"), R"({"map": {"x_mm": 10, "y_mm": 25, "width_mm": 190, "height_mm": 170},
        "legend": {"x_mm": 210, "y_mm": 30}, "north_arrow": {"show": false}})");
    const std::string pdf = dir.file("map.pdf");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + pdf + "' --layout '" + dir.file("layout.json") + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    const double pt_per_mm = 72 / 25.4;
    CHECK(j["map"]["x"].get<double>() == doctest::Approx(10 * pt_per_mm).epsilon(1e-3));
    CHECK(j["map"]["width"].get<double>() == doctest::Approx(190 * pt_per_mm).epsilon(1e-3));
    // The legend's first swatch sits right of the map, near its top.
    CHECK(j["legend_swatches"][0][0].get<double>() > (10 + 190) * pt_per_mm);
    CHECK(j["legend_swatches"][0][1].get<double>() < 40 * pt_per_mm);
    // The north arrow is gone: no "北" on the page.
    CHECK(test::run("pdftotext '" + pdf + "' -").out.find("北") == std::string::npos);

    test::write_text(dir.file("bad.json"), R"({"legend": {"x_mm": "left"}})");
    const auto bad = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + dir.file("x.pdf") + "' --layout '" + dir.file("bad.json") + "'");
    CHECK(bad.exit_code == 2);
    CHECK(bad.err == "countyatlas: " + dir.file("bad.json") + ": legend.x_mm must be a number of millimetres\n");
    CHECK_FALSE(std::filesystem::exists(dir.file("x.pdf")));
}

TEST_CASE("a layout file's map frame height is the frame drawn: its border line lies where the file says, the page white below") {
    test::TempDir dir;
    test::write_text(dir.file("layout.json"), R"({"map": {"x_mm": 20, "y_mm": 30, "width_mm": 150, "height_mm": 80}})");
    const std::string png = dir.file("map.png");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + png + "' --dpi 100 --layout '" + dir.file("layout.json") + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const double px_per_mm = 100 / 25.4;
    const test::Image image(png);
    const int x = static_cast<int>(std::lround(95 * px_per_mm));  // the frame's middle, across
    const int bottom = static_cast<int>(std::lround((30 + 80) * px_per_mm));
    auto dark = [&](int y) { const auto p = image.at(x, y); return p.r < 120 && p.g < 120 && p.b < 120; };
    CHECK((dark(bottom) || dark(bottom - 1)));  // the frame's line, 0.35 mm wide
    for (int y = bottom + 3; y < bottom + 40; ++y) {
        CAPTURE(y);
        const auto p = image.at(x, y);
        CHECK((p.r == 255 && p.g == 255 && p.b == 255));  // the page below the frame, where a taller frame would have drawn map
    }
}

TEST_CASE("an atlas whose folder cannot be made fails with one line and writes nothing") {
    test::TempDir dir;
    test::write_text(dir.file("blocker"), "a file where the folder should go");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --atlas township --out '" + dir.file("blocker/plans") + "'");
    CHECK(r.exit_code == 3);
    CHECK(r.err.rfind("countyatlas: " + dir.file("blocker/plans") + ": cannot create the atlas folder", 0) == 0);
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
}
