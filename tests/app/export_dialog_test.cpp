// The viewer's export dialog writes the figure `export` writes for the same ground: zoomed to one
// township, the file's legend lists only the line kinds and project types on the page.
#include <doctest/doctest.h>

#include <string>

#include "support/fixtures.hpp"
#include "support/viewer_run.hpp"

using namespace ca;

namespace {

// Two townships 30 km apart: 甲镇 around 101.95°E with a ditch and a 整村推进 site, 乙乡 around
// 102.3°E with a pipeline and a 危房改造 site. A score field to colour the villages by.
struct TwoTownships {
    test::TempDir dir;
    std::string project;
    TwoTownships() {
        test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}, {"得分", true}},
                          {{test::square_wkt(101.95, 25.45, 0.05), {"甲村", "甲镇", "1"}},
                           {test::square_wkt(101.95, 25.5, 0.05), {"乙村", "甲镇", "2"}},
                           {test::square_wkt(102.3, 25.45, 0.05), {"丙村", "乙乡", "3"}},
                           {test::square_wkt(102.3, 25.5, 0.05), {"丁村", "乙乡", "4"}}});
        test::write_layer(dir.file("lines.gpkg"), "GPKG", 4490, {{"类型"}},
                          {{"LINESTRING(101.96 25.46,101.99 25.54)", {"沟渠"}}, {"LINESTRING(102.31 25.46,102.34 25.54)", {"管道"}}});
        test::write_layer(dir.file("sites.gpkg"), "GPKG", 4490, {{"项目类型"}, {"乡镇"}, {"村名"}},
                          {{"POINT(101.97 25.47)", {"整村推进", "甲镇", "甲村"}}, {"POINT(102.32 25.52)", {"危房改造", "乙乡", "丁村"}}});
        project = dir.file("county.cap.json");
        test::write_text(project, "{\"countyatlas_project\": 1, \"layers\": [{\"path\": \"villages.gpkg\", \"role\": \"villages\"}, "
                                  "{\"path\": \"lines.gpkg\", \"role\": \"lines\"}, {\"path\": \"sites.gpkg\", \"role\": \"sites\"}]}");
    }
    std::string text_of(const std::string& pdf) const {
        const auto r = test::run("pdftotext '" + pdf + "' -");
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return r.out;
    }
};

bool has(const std::string& text, const std::string& word) { return text.find(word) != std::string::npos; }

}  // namespace

TEST_CASE("zoomed to one township, the viewer's exported legend lists only the kinds and types on the page") {
    const TwoTownships county;
    const std::string whole = county.dir.file("whole.pdf"), township = county.dir.file("township.pdf");
    test::run_viewer_script(county.dir.path().string(), county.project,
                            {"choropleth field:得分 jenks 5", "export " + whole + " A4-landscape 100", "zoom-to township 甲镇",
                             "export-dialog on", "screenshot " + county.dir.file("dialog.png"), "export " + township + " A4-landscape 100"});
    // The whole county: both kinds and both types.
    const std::string all = county.text_of(whole);
    for (const std::string word : {"沟渠", "管道", "整村推进", "危房改造"}) {
        CAPTURE(word);
        CHECK(has(all, word));
    }
    // 甲镇 alone: its ditch and its site's type; the pipeline and 危房改造 of 乙乡 are off the page.
    const std::string page = county.text_of(township);
    CHECK(has(page, "沟渠"));
    CHECK(has(page, "整村推进"));
    CHECK_FALSE(has(page, "管道"));
    CHECK_FALSE(has(page, "危房改造"));
    // The heading `export` gives the same choropleth: field, classification, and the classes four
    // distinct scores make of the five asked.
    CHECK(has(page, "得分，自然断点，4 级"));

    // The same ground through `export --extent township:甲镇` (natural breaks, five classes asked, by
    // default) lists the same entries under the same heading.
    const std::string cli = county.dir.file("cli.pdf");
    const auto r = test::run_countyatlas("export '" + county.project + "' --choropleth field:得分 --extent township:甲镇 --out '" + cli + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string cli_text = county.text_of(cli);
    for (const std::string word : {"沟渠", "整村推进", "得分，自然断点，4 级"}) {
        CAPTURE(word);
        CHECK(has(cli_text, word));
    }
    CHECK_FALSE(has(cli_text, "管道"));
    CHECK_FALSE(has(cli_text, "危房改造"));
}
