// The real viewer driven by --script under Xvfb: choropleth colours, selection, labels, legend.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/analysis/classification.hpp"
#include "core/analysis/metrics.hpp"
#include "core/analysis/statistics.hpp"
#include "core/analysis/triangulate.hpp"
#include "core/loading/load_project.hpp"
#include "core/model/pinyin.hpp"
#include "core/model/text.hpp"
#include "core/scene/build.hpp"
#include "core/scene/style.hpp"
#include "core/workspace/project_file.hpp"
#include "support/fixtures.hpp"
#include "support/viewer_run.hpp"
#include "support/village_probe.hpp"

using namespace ca;

namespace {

bool near(test::Rgb got, scene::Color want, int tolerance = 4) {
    return std::abs(got.r - want.r) <= tolerance && std::abs(got.g - want.g) <= tolerance && std::abs(got.b - want.b) <= tolerance;
}

// The classes the viewer must show for poverty rate, natural breaks, 5 classes.
struct Expected {
    model::Project project;
    analysis::Statistics stats;
    std::vector<double> bounds;
    Expected() : project(loading::load_project({{test::sample_county(), model::Role::Unknown}}, {})), stats(analysis::compute_statistics(project, {})) {
        std::vector<double> rates;
        for (const auto& v : stats.villages) rates.push_back(v.poverty_rate.value_or(NAN));
        bounds = analysis::class_bounds(rates, analysis::ClassMethod::NaturalBreaks, 5);
    }
    scene::Color color_of(const std::string& village) const {
        for (const auto& v : stats.villages)
            if (v.village_name == village)
                return scene::style::sequential(static_cast<std::size_t>(analysis::class_of(*v.poverty_rate, bounds)), bounds.size() - 1);
        FAIL("no village " << village);
        return {};
    }
};

const std::vector<std::string> kOnlyVillages = {"layer 2 visible off", "layer 3 visible off", "layer 4 visible off", "labels off"};

}  // namespace

TEST_CASE("a poverty choropleth paints each large village in its class colour") {
    test::TempDir dir;
    auto script = kOnlyVillages;
    script.push_back("choropleth poverty_rate jenks 5");
    script.push_back("screenshot " + dir.file("choropleth.png"));
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(), script);
    REQUIRE(shots.size() == 1);
    const Expected expected;
    const test::Image image(shots[0].path);
    for (const auto& probe : test::largest_villages(expected.project, 10)) {
        CAPTURE(probe.name);
        const auto [x, y] = shots[0].pixel(probe.inside_m);
        const auto got = image.at(x, y);
        const auto want = expected.color_of(probe.name);
        CAPTURE(got.r);
        CAPTURE(got.g);
        CAPTURE(got.b);
        CHECK(near(got, want));
    }
}

TEST_CASE("a township choropleth paints every village in its township's class colour") {
    test::TempDir dir;
    auto script = kOnlyVillages;
    script.push_back("choropleth poor_per_km2 quantile 4");
    script.push_back("choropleth-level townships");
    script.push_back("screenshot " + dir.file("townships.png"));
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(), script);
    REQUIRE(shots.size() == 1);
    // By hand: poor people per km² of each township, quartiles over the 12 townships.
    const Expected expected;
    std::vector<double> density;
    for (const auto& t : expected.stats.townships) density.push_back(t.poor_population / t.area_km2);
    const auto bounds = analysis::class_bounds(density, analysis::ClassMethod::Quantile, 4);
    const test::Image image(shots[0].path);
    for (const auto& probe : test::largest_villages(expected.project, 12)) {
        CAPTURE(probe.name);
        std::size_t t = 0;
        for (const auto& v : expected.stats.villages)
            if (v.village_name == probe.name)
                while (expected.stats.townships[t].township != v.township) ++t;
        const auto want = scene::style::sequential(static_cast<std::size_t>(analysis::class_of(density[t], bounds)), bounds.size() - 1);
        const auto [x, y] = shots[0].pixel(probe.inside_m);
        CHECK(near(image.at(x, y), want));
    }
}

TEST_CASE("a numeric field of the villages layer can colour the map") {
    test::TempDir dir;
    const Expected expected;
    const auto& villages = *expected.project.layers_with(model::Role::Villages)[0];
    const std::string field = villages.field_names.at(static_cast<std::size_t>(villages.mapping.index(model::Meaning::Households)));
    auto script = kOnlyVillages;
    script.push_back("choropleth field:" + field + " equal 3");
    script.push_back("screenshot " + dir.file("field.png"));
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(), script);
    REQUIRE(shots.size() == 1);
    std::vector<double> households;
    for (const auto& v : expected.stats.villages) households.push_back(v.households);
    const auto bounds = analysis::class_bounds(households, analysis::ClassMethod::EqualInterval, 3);
    const test::Image image(shots[0].path);
    for (const auto& probe : test::largest_villages(expected.project, 8)) {
        CAPTURE(probe.name);
        double h = 0;
        for (const auto& v : expected.stats.villages)
            if (v.village_name == probe.name) h = v.households;
        const auto want = scene::style::sequential(static_cast<std::size_t>(analysis::class_of(h, bounds)), 3);
        const auto [x, y] = shots[0].pixel(probe.inside_m);
        CHECK(near(image.at(x, y), want));
    }
}

TEST_CASE("a LISA choropleth paints villages in their cluster colours, kept across restyles") {
    test::TempDir dir;
    auto script = kOnlyVillages;
    script.push_back("choropleth lisa");
    script.push_back("layer 1 width 2");  // a restyle: the classes are reused, not recomputed
    script.push_back("screenshot " + dir.file("lisa.png"));
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(), script);
    const Expected expected;
    const auto classes = scene::lisa_classes(expected.project, expected.stats);
    const test::Image image(shots.at(0).path);
    int clustered = 0;
    for (const auto& probe : test::largest_villages(expected.project, 20)) {
        std::size_t i = 0;
        while (expected.stats.villages[i].village_name != probe.name) ++i;
        const std::string cls(analysis::to_string(classes[i]));
        clustered += cls != "ns";
        CAPTURE(probe.name);
        CAPTURE(cls);
        const auto [x, y] = shots[0].pixel(probe.inside_m);
        CHECK(near(image.at(x, y), scene::style::lisa_color(cls)));
    }
    CHECK(clustered > 0);  // the sample has poverty clusters: some probe must be in one
}

TEST_CASE("the legend shows the choropleth's class swatches in class order") {
    test::TempDir dir;
    auto script = kOnlyVillages;
    script.push_back("choropleth poverty_rate jenks 5");
    script.push_back("screenshot " + dir.file("legend.png"));
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(), script);
    const Expected expected;
    // Swatches sit at the left edge of the side panel: find each class colour's first row there.
    const test::Image image(shots[0].path);
    int previous_row = -1;
    for (std::size_t k = 0; k + 1 < expected.bounds.size(); ++k) {
        const scene::Color want = scene::style::sequential(k, expected.bounds.size() - 1);
        int row = -1;
        for (int y = 0; y < image.height() && row < 0; ++y)
            if (near(image.at(14, y), want, 2)) row = y;
        CAPTURE(k);
        CHECK(row > previous_row);
        previous_row = row;
    }
}

TEST_CASE("a selected village is outlined on the map") {
    test::TempDir dir;
    const Expected expected;
    const auto probe = test::largest_villages(expected.project, 1).at(0);
    auto script = kOnlyVillages;
    script.push_back("screenshot " + dir.file("before.png"));
    script.push_back("select village " + probe.name);
    script.push_back("screenshot " + dir.file("after.png"));
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(), script);
    REQUIRE(shots.size() == 2);
    // Along the village's border, the selection blue (0, 90, 255) appears after selecting, not before.
    std::size_t village = 0;
    while (expected.stats.villages[village].village_name != probe.name) ++village;
    model::Geometry border = expected.project.layers_with(model::Role::Villages)[0]->features[village].geometry;
    expected.project.working->forward(border.coords);
    const test::Image before(shots[0].path), after(shots[1].path);
    int blue_after = 0, blue_before = 0, samples = 0;
    for (std::size_t i = 0; i < border.coords.size(); i += 3) {
        const auto [x, y] = shots[1].pixel(border.coords[i]);
        ++samples;
        auto is_blue = [](test::Rgb c) { return c.b > 200 && c.r < 80 && c.g < 150; };
        blue_after += is_blue(after.at(x, y));
        blue_before += is_blue(before.at(x, y));
    }
    CHECK(blue_before == 0);
    CHECK(blue_after * 10 >= samples * 6);
}

TEST_CASE("searching a village by pinyin selects it and outlines it on the map") {
    test::TempDir dir;
    const Expected expected;
    // A large village whose pinyin names no other place, spelled as a user would type it.
    std::string name, query;
    for (const auto& probe : test::largest_villages(expected.project, 10)) {
        std::string spelled;
        for (const char* c = probe.name.c_str(); *c;) {
            std::uint32_t cp = 0;
            const std::size_t len = model::decode_utf8(c, 0, cp);
            spelled += std::string(model::han_readings(cp).at(0));
            c += len;
        }
        int hits = 0;
        for (const auto& v : expected.stats.villages) hits += model::PinyinKey(v.village_name).matches(spelled);
        for (const auto& t : expected.stats.townships) hits += model::PinyinKey(t.township).matches(spelled);
        if (hits == 1) {
            name = probe.name, query = spelled;
            break;
        }
    }
    REQUIRE(!query.empty());
    CAPTURE(name);
    CAPTURE(query);
    auto script = kOnlyVillages;
    script.push_back("search " + query);
    script.push_back("screenshot " + dir.file("found.png"));
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(), script);
    REQUIRE(shots.size() == 1);
    std::size_t village = 0;
    while (expected.stats.villages[village].village_name != name) ++village;
    model::Geometry border = expected.project.layers_with(model::Role::Villages)[0]->features[village].geometry;
    expected.project.working->forward(border.coords);
    const test::Image found(shots[0].path);
    int blue = 0, samples = 0;
    for (std::size_t i = 0; i < border.coords.size(); i += 3, ++samples) {
        const auto [x, y] = shots[0].pixel(border.coords[i]);
        const auto c = found.at(x, y);
        blue += c.b > 200 && c.r < 80 && c.g < 150;
    }
    CHECK(blue * 10 >= samples * 6);
    // Zoomed to it: the village spans a good part of the canvas.
    const auto e = border.extent();
    CHECK(e.width() / shots[0].viewport.m_per_px > 0.25 * shots[0].viewport.width_px);
}

TEST_CASE("a search that finds nothing is a script error naming the line") {
    test::TempDir dir;
    test::write_text(dir.file("s.txt"), "search zzzzqqq\n");
    const auto r = test::run(test::on_a_display("'" CA_BINARY "' view '" + test::sample_county() + "' --script '" + dir.file("s.txt") + "'"));
    CHECK(r.exit_code == 2);
    CHECK(r.err == "countyatlas: " + dir.file("s.txt") + ":1: nothing found for \"zzzzqqq\"\n");
}

TEST_CASE("a script line with a bad number, or data it cannot open, fails naming the script line") {
    test::TempDir dir;
    test::write_text(dir.file("s.txt"), "labels on\n# a comment\nlayer 0 opacity half\n");
    const auto r = test::run(test::on_a_display("'" CA_BINARY "' view '" + test::sample_county() + "' --script '" + dir.file("s.txt") + "'"));
    CHECK(r.exit_code == 2);
    CHECK(r.err == "countyatlas: " + dir.file("s.txt") + ":3: \"layer 0 opacity half\" has a word that should be a number and is not\n");

    test::write_text(dir.file("open.txt"), "open " + dir.file("missing.gpkg") + "\n");
    const auto o = test::run(test::on_a_display("'" CA_BINARY "' view '" + test::sample_county() + "' --script '" + dir.file("open.txt") + "'"));
    CHECK(o.exit_code == 2);
    CHECK(o.err.rfind("countyatlas: " + dir.file("open.txt") + ":1: " + dir.file("missing.gpkg") + ": ", 0) == 0);
    CHECK(o.err.find('\n') == o.err.size() - 1);

    // A screenshot the script asks for where nothing can be written: the line, and exit 3.
    test::write_text(dir.file("FILE.txt"), "a file, not a folder");
    test::write_text(dir.file("shot.txt"), "labels on\nscreenshot " + dir.file("FILE.txt/shot.png") + "\n");
    const auto w = test::run(test::on_a_display("'" CA_BINARY "' view '" + test::sample_county() + "' --script '" + dir.file("shot.txt") + "'"));
    CHECK(w.exit_code == 3);
    CHECK(w.err == "countyatlas: " + dir.file("shot.txt") + ":2: " + dir.file("FILE.txt/shot.png") +
                       ": cannot write the file: Not a directory (is the folder there and writable?)\n");
}

TEST_CASE("the year play starts at the first project year, steps a year at a time and ends showing all") {
    test::TempDir dir;
    const Expected expected;
    int first = 9999, last = 0;
    for (const auto* layer : expected.project.layers_with(model::Role::Sites))
        for (const auto& f : layer->features)
            if (const auto y = model::to_number(layer->value(f, model::Meaning::Year))) first = std::min(first, static_cast<int>(*y)), last = std::max(last, static_cast<int>(*y));
    REQUIRE(first < last);
    std::vector<std::string> script = {"filter year play", "save-project " + dir.file("p0.cap.json"), "filter year step",
                                       "save-project " + dir.file("p1.cap.json")};
    for (int y = first + 1; y <= last; ++y) script.push_back("filter year step");
    script.push_back("save-project " + dir.file("end.cap.json"));
    test::run_viewer_script(dir.path().string(), test::sample_county(), script);
    auto up_to = [&](const std::string& file) {
        std::ifstream in(dir.file(file));
        return nlohmann::json::parse(in)["style"]["sites"]["up_to_year"].get<int>();
    };
    CHECK(up_to("p0.cap.json") == first);
    CHECK(up_to("p1.cap.json") == first + 1);
    CHECK(up_to("end.cap.json") == 0);  // every year again
}

TEST_CASE("a layer's role set in the viewer is kept in the project file") {
    test::TempDir dir;
    test::run_viewer_script(dir.path().string(), test::sample_county(),
                            {"layer 2 role unknown", "save-project " + dir.file("p.cap.json")});
    std::ifstream in(dir.file("p.cap.json"));
    const auto layers = nlohmann::json::parse(in)["layers"];
    REQUIRE(layers.size() == 5);
    CHECK(layers[2]["role"] == "unknown");
    CHECK(layers[1]["role"] == "villages");
}

TEST_CASE("the township table counts only the projects the filter shows, and saves as shown") {
    test::TempDir dir;
    const Expected expected;
    int first = 9999;
    for (const auto* layer : expected.project.layers_with(model::Role::Sites))
        for (const auto& f : layer->features)
            if (const auto y = model::to_number(layer->value(f, model::Meaning::Year))) first = std::min(first, static_cast<int>(*y));
    test::run_viewer_script(dir.path().string(), test::sample_county(),
                            {"save-statistics " + dir.file("all.csv"), "filter year " + std::to_string(first + 1),
                             "save-statistics " + dir.file("filtered.csv")});
    // By hand: the same statistics with only the projects of the first two years (or without a year).
    analysis::StatsOptions options;
    options.include_site = [&](const model::Layer& layer, const model::Feature& f) {
        const auto y = model::to_number(layer.value(f, model::Meaning::Year));
        return !y || *y <= first + 1;
    };
    const auto filtered = analysis::compute_statistics(expected.project, options);
    CHECK(std::stoi(test::csv_total_row(dir.file("all.csv")).at("sites")) == expected.stats.total.sites);
    CHECK(std::stoi(test::csv_total_row(dir.file("filtered.csv")).at("sites")) == filtered.total.sites);
    CHECK(filtered.total.sites < expected.stats.total.sites);
}

TEST_CASE("a field chosen by hand for a meaning drives the statistics and is kept in the project file") {
    test::TempDir dir;
    test::run_viewer_script(dir.path().string(), test::sample_county(),
                            {"layer 1 field poor_population=households", "save-statistics " + dir.file("t.csv"),
                             "save-project " + dir.file("p.cap.json")});
    const Expected expected;
    const auto total = test::csv_total_row(dir.file("t.csv"));
    auto cell = [&](const std::string& name) { return std::stod(total.at(name)); };
    CHECK(cell("poor_population") == doctest::Approx(expected.stats.total.households));
    CHECK(cell("households") == doctest::Approx(expected.stats.total.households));
    std::ifstream in(dir.file("p.cap.json"));
    const auto fields = nlohmann::json::parse(in)["layers"][1]["fields"];
    CHECK(fields["poor_population"] == "households");
    CHECK(fields["village_name"] == "village_name");
    // Opened again, the hand-made choice holds.
    const auto reopened = workspace::load_project_file(workspace::read_project_file(dir.file("p.cap.json")));
    const auto& villages = *reopened.project.layers_with(model::Role::Villages)[0];
    CHECK(villages.mapping[model::Meaning::PoorPopulation]->source_name == "households");
}

TEST_CASE("a mapping that makes the data uncountable leaves the viewer running, and setting it back restores the numbers") {
    test::TempDir dir;
    // Villages without a name field cannot be counted: no statistics for a while, but no crash,
    // and picking a village on the map is off meanwhile.
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(),
                                               {"layer 1 field village_name=none", "save-statistics " + dir.file("none.csv"),
                                                "screenshot " + dir.file("odd.png"), "layer 1 field village_name=village_name",
                                                "save-statistics " + dir.file("t.csv")});
    CHECK(shots.size() == 1);
    CHECK(test::csv_total_row(dir.file("none.csv")).at("villages") == "0");
    const Expected expected;
    CHECK(std::stoi(test::csv_total_row(dir.file("t.csv")).at("sites")) == expected.stats.total.sites);
}

TEST_CASE("township labels draw glyphs at their anchors") {
    test::TempDir dir;
    const std::vector<std::string> script = {"layer 2 visible off", "layer 3 visible off", "layer 4 visible off",
                                             "labels off", "screenshot " + dir.file("off.png"),
                                             "labels on", "screenshot " + dir.file("on.png")};
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(), script);
    REQUIRE(shots.size() == 2);
    // The township label of 金碧镇 sits at its inside point: the text changes pixels around it.
    const Expected expected;
    const auto& townships = *expected.project.layers_with(model::Role::Townships)[0];
    const test::Image off(shots[0].path), on(shots[1].path);
    int labelled = 0;
    for (const auto& f : townships.features) {
        model::Geometry g = f.geometry;
        expected.project.working->forward(g.coords);
        analysis::GeosContext geos;
        const auto [x, y] = shots[1].pixel(analysis::point_inside(geos, g));
        int changed = 0;
        for (int dy = -6; dy <= 6; ++dy)
            for (int dx = -20; dx <= 20; ++dx) {
                const auto a = off.at(x + dx, y + dy), b = on.at(x + dx, y + dy);
                changed += a.r != b.r || a.g != b.g || a.b != b.b;
            }
        labelled += changed > 30;
    }
    CHECK(labelled >= 10);  // 12 townships; a label can give way to a neighbour's
}

TEST_CASE("a script with an unknown command fails before any window, naming the line") {
    test::TempDir dir;
    test::write_text(dir.file("bad.txt"), "labels on\nzoom village 马家营\n");
    const auto r = test::run_countyatlas("view '" + test::sample_county() + "' --script '" + dir.file("bad.txt") + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err == "countyatlas: " + dir.file("bad.txt") + ":2: unknown command \"zoom\"\n");
}

TEST_CASE("the viewer saves a project that opens and saves again to the same file") {
    test::TempDir dir;
    const std::string first = dir.file("first.cap.json"), second = dir.file("second.cap.json");
    test::run_viewer_script(dir.path().string(), test::sample_county(),
                            {"choropleth poverty_rate quantile 4", "layer 3 visible off", "zoom-to township 湾碧乡", "save-project " + first});
    const auto shots = test::run_viewer_script(dir.path().string(), first, {"save-project " + second, "screenshot " + dir.file("reopened.png")});
    std::ifstream a(first), b(second);
    std::stringstream sa, sb;
    sa << a.rdbuf();
    sb << b.rdbuf();
    CHECK(!sa.str().empty());
    CHECK(sa.str() == sb.str());
    // Reopened where it was saved: zoomed on 湾碧乡, not the whole county.
    REQUIRE(shots.size() == 1);
    CHECK(shots[0].viewport.m_per_px < 90);
}

TEST_CASE("the export dialog previews the page and writes the current view to the file it names") {
    test::TempDir dir;
    const std::string out = dir.file("view.png");
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(),
                                               {"zoom-to township 湾碧乡", "screenshot " + dir.file("closed.png"), "export-dialog on",
                                                "screenshot " + dir.file("open.png"), "export " + out + " A4-portrait 100"});
    REQUIRE(shots.size() == 2);
    CHECK(test::png_size(out) == std::pair{827, 1169});  // A4 portrait at 100 dpi
    // With the dialog open, its preview of a white page covers part of the left side of the window.
    const test::Image closed(dir.file("closed.png")), open(dir.file("open.png"));
    int changed = 0, white = 0;
    for (int y = 300; y < 560; y += 4)
        for (int x = 80; x < 560; x += 4) {
            const auto a = closed.at(x, y), b = open.at(x, y);
            changed += a.r != b.r || a.g != b.g || a.b != b.b;
            white += b.r == 255 && b.g == 255 && b.b == 255;
        }
    CHECK(changed > 2000);
    CHECK(white > 100);
}

TEST_CASE("the viewer's exported page carries the frame texts: dated data sources, date and coordinate system") {
    test::TempDir dir;
    const std::string out = dir.file("view.pdf");
    test::run_viewer_script(dir.path().string(), test::sample_county(), {"export " + out + " A4-landscape 100"});
    const std::string text = test::run("pdftotext '" + out + "' -").out;
    CHECK(text.find("数据来源：county.gpkg（") != std::string::npos);
    CHECK(text.find("制图日期：") != std::string::npos);
    CHECK(text.find("坐标系：CGCS2000") != std::string::npos);
}

TEST_CASE("a project's figure block reaches the viewer's export and survives saving the project") {
    test::TempDir dir;
    const std::string project = dir.file("county.cap.json"), saved = dir.file("saved.cap.json"), out = dir.file("view.pdf");
    test::write_text(project, "{\"countyatlas_project\": 1, \"layers\": [{\"path\": \"" + test::sample_county() +
                                  "\"}], \"figure\": {\"review_number\": \"云S（2025）001号\", \"compiled_by\": \"县扶贫办\", "
                                  "\"sources\": [\"村级统计 2015\"], \"date\": \"2015-07-01\"}}");
    test::run_viewer_script(dir.path().string(), project, {"export " + out + " A4-landscape 100", "save-project " + saved});
    const std::string text = test::run("pdftotext '" + out + "' -").out;
    CHECK(text.find("审图号：云S（2025）001号") != std::string::npos);
    CHECK(text.find("数据来源：村级统计 2015") != std::string::npos);
    CHECK(text.find("制图日期：2015-07-01") != std::string::npos);
    const std::string file = test::read_file(saved);
    CHECK(file.find("云S（2025）001号") != std::string::npos);
    CHECK(file.find("村级统计 2015") != std::string::npos);
}

TEST_CASE("a layer's own fill colour shows inside its villages") {
    test::TempDir dir;
    auto script = kOnlyVillages;
    script.push_back("layer 1 fill 10,200,30");
    script.push_back("screenshot " + dir.file("fill.png"));
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(), script);
    const Expected expected;
    const test::Image image(shots.at(0).path);
    for (const auto& probe : test::largest_villages(expected.project, 5)) {
        CAPTURE(probe.name);
        const auto [x, y] = shots[0].pixel(probe.inside_m);
        CHECK(near(image.at(x, y), scene::Color{10, 200, 30, 255}));
    }
}

TEST_CASE("lines are drawn along their vertices in their layer's colour and width") {
    test::TempDir dir;
    const std::vector<std::string> script = {"layer 0 visible off", "layer 1 visible off", "layer 2 visible off", "layer 4 visible off",
                                             "labels off", "layer 3 stroke 255,0,255", "layer 3 width 5",
                                             "screenshot " + dir.file("lines.png")};
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(), script);
    const Expected expected;
    const test::Image image(shots.at(0).path);
    int magenta = 0, samples = 0;
    for (const auto& f : expected.project.layers_with(model::Role::Lines)[0]->features) {
        model::Geometry g = f.geometry;
        expected.project.working->forward(g.coords);
        for (std::size_t i = 0; i + 1 < g.coords.size(); ++i) {
            // Midpoints of segments: inside the stroke whatever the segment's direction.
            const model::Vec2 mid{(g.coords[i].x + g.coords[i + 1].x) / 2, (g.coords[i].y + g.coords[i + 1].y) / 2};
            const auto [x, y] = shots[0].pixel(mid);
            const auto c = image.at(x, y);
            ++samples;
            magenta += c.r > 200 && c.g < 60 && c.b > 200;
        }
    }
    REQUIRE(samples > 50);
    CHECK(magenta * 100 >= samples * 95);
}

TEST_CASE("a point layer's symbol shape and size are drawn, and kept in the project file") {
    test::TempDir dir;
    const std::vector<std::string> common = {"layer 0 visible off", "layer 1 visible off", "layer 3 visible off", "layer 4 visible off",
                                             "labels off", "layer 2 fill 255,0,255", "layer 2 size 16"};
    auto squares = common, circles = common;
    squares.insert(squares.end(), {"layer 2 symbol square", "screenshot " + dir.file("square.png"), "save-project " + dir.file("p.cap.json")});
    circles.insert(circles.end(), {"layer 2 symbol circle", "screenshot " + dir.file("circle.png")});
    const auto square_shot = test::run_viewer_script(dir.path().string(), test::sample_county(), squares).at(0);
    const auto circle_shot = test::run_viewer_script(dir.path().string(), test::sample_county(), circles).at(0);
    const Expected expected;
    const test::Image square(square_shot.path), circle(circle_shot.path);
    auto magenta = [](test::Rgb c) { return c.r > 200 && c.g < 60 && c.b > 200; };
    // A 16 px square covers the points 6 px off its centre diagonally; a 16 px circle does not.
    int in_square = 0, in_circle = 0, sites = 0;
    for (const auto& f : expected.project.layers_with(model::Role::Sites)[0]->features) {
        if (f.geometry.empty() || sites == 40) continue;
        model::Vec2 p = f.geometry.coords.front();
        expected.project.working->forward(std::span(&p, 1));
        const auto [x, y] = square_shot.pixel(p);
        ++sites;
        in_square += magenta(square.at(x + 6, y + 6)) && magenta(square.at(x - 6, y - 6));
        in_circle += magenta(circle.at(x + 6, y + 6)) && magenta(circle.at(x - 6, y - 6));
    }
    CHECK(in_square >= sites * 7 / 10);  // neighbours may overlap a few
    CHECK(in_circle <= sites / 10);
    std::ifstream in(dir.file("p.cap.json"));
    const auto layer = nlohmann::json::parse(in)["layers"][2];
    CHECK(layer["symbol"] == "square");
    CHECK(layer["symbol_px"] == 16);
}

TEST_CASE("a box selection outlines every village inside it and the attribute table shares it") {
    test::TempDir dir;
    auto script = kOnlyVillages;
    // The county seat's area: a box around 101.3E 25.72N.
    script.push_back("select-box 101.22 25.66 101.38 25.78");
    script.push_back("tab attributes");
    script.push_back("screenshot " + dir.file("box.png"));
    const auto shots = test::run_viewer_script(dir.path().string(), test::sample_county(), script);
    const Expected expected;
    const test::Image image(shots.at(0).path);
    // Villages whose label point is in the box get the orange (or the first, blue) outline.
    int outlined = 0, inside = 0;
    for (const auto& f : expected.project.layers_with(model::Role::Villages)[0]->features) {
        model::Geometry g = f.geometry;
        expected.project.working->forward(g.coords);
        std::vector<model::Vec2> p = {analysis::label_point(g)};
        expected.project.working->inverse(p);
        if (p[0].x < 101.22 || p[0].x > 101.38 || p[0].y < 25.66 || p[0].y > 25.78) continue;
        ++inside;
        int hits = 0, samples = 0;
        for (std::size_t i = 0; i < g.coords.size(); i += 4, ++samples) {
            const auto [x, y] = shots[0].pixel(g.coords[i]);
            const auto c = image.at(x, y);
            hits += (c.r > 200 && c.g > 90 && c.g < 150 && c.b < 60) || (c.b > 200 && c.r < 80);
        }
        outlined += hits * 2 > samples;
    }
    CHECK(inside >= 3);
    CHECK(outlined == inside);
}
