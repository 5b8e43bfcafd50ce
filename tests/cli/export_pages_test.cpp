// Pages an office can hand in: legend headings, frame texts (审图号...), elements that never cover
// labels, project lists that are never cut, the atlas PDF alone by default.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

using namespace ca;

namespace {

std::string page_text(const std::string& pdf, int page, bool layout = false) {
    const std::string p = std::to_string(page);
    return test::run("pdftotext " + std::string(layout ? "-layout " : "") + "-f " + p + " -l " + p + " '" + pdf + "' -").out;
}

int pdf_pages(const std::string& pdf) {
    const auto info = test::run("pdfinfo '" + pdf + "'").out;
    std::smatch m;
    REQUIRE(std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)")));
    return std::stoi(m[1]);
}

bool overlap(const nlohmann::json& a, const nlohmann::json& b) {
    return a[0].get<double>() < b[2].get<double>() && b[0].get<double>() < a[2].get<double>() && a[1].get<double>() < b[3].get<double>() &&
           b[1].get<double>() < a[3].get<double>();
}

std::string square(double lon0, double lat0, double size) { return test::square_wkt(lon0, lat0, size); }

}  // namespace

TEST_CASE("the legend heading names the metric, its unit and the classification, in the page's language") {
    test::TempDir dir;
    const std::string pdf = dir.file("map.pdf");
    auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + pdf + "' --choropleth poverty_rate");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(test::run("pdftotext '" + pdf + "' -").out.find("贫困发生率（%），自然断点，5 级") != std::string::npos);
    r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + pdf + "' --choropleth income_per_capita --language en");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(test::run("pdftotext '" + pdf + "' -").out.find("Net income per capita (yuan), natural breaks, 5 classes") != std::string::npos);
}

TEST_CASE("on a township's atlas page the legend counts that township's villages") {
    test::TempDir dir;
    const std::string folder = dir.file("atlas");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --atlas township --choropleth poverty_rate --out '" + folder + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto stats = nlohmann::json::parse(test::run_countyatlas("stats '" + test::sample_county() + "' --format json").out);
    // Page 3 is the first township's: its class counts "0% – 12%  (4)" add up to its villages.
    for (std::size_t t = 0; t < 2; ++t) {
        const std::string text = page_text(folder + "/atlas.pdf", static_cast<int>(t) + 3);
        const std::regex entry("%\\s+\\((\\d+)\\)");
        int sum = 0, entries = 0;
        for (auto it = std::sregex_iterator(text.begin(), text.end(), entry); it != std::sregex_iterator(); ++it) sum += std::stoi((*it)[1]), ++entries;
        CAPTURE(t);
        CHECK(entries >= 2);
        CHECK(sum == stats["regions"][t]["villages"].get<int>());
    }
}

TEST_CASE("审图号, 编制单位, dated sources, date and CRS are on every page of an atlas") {
    test::TempDir dir;
    const std::string folder = dir.file("atlas");
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --atlas township --out '" + folder +
                                         "' --review-number '云S（2026）012号' --compiled-by '大姚县扶贫办' --map-date 2026-06-30");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string pdf = folder + "/atlas.pdf";
    const int pages = pdf_pages(pdf);
    CHECK(pages >= 3);
    for (int p = 1; p <= pages; ++p) {
        CAPTURE(p);
        const std::string text = page_text(pdf, p);
        CHECK(text.find("审图号：云S（2026）012号") != std::string::npos);
        CHECK(text.find("编制单位：大姚县扶贫办") != std::string::npos);
        CHECK(text.find("制图日期：2026-06-30") != std::string::npos);
        CHECK(text.find("坐标系：CGCS2000") != std::string::npos);
        CHECK(std::regex_search(text, std::regex("数据来源：county\\.gpkg（\\d{4}-\\d\\d-\\d\\d）")));
    }
}

TEST_CASE("frame texts come from the project file's figure block, options win, and a layout file hides one") {
    test::TempDir dir;
    const std::string project = dir.file("county.cap.json");
    test::write_text(project, "{\"countyatlas_project\": 1, \"layers\": [{\"path\": \"" + test::sample_county() +
                                  "\"}], \"figure\": {\"review_number\": \"云S（2025）001号\", \"compiled_by\": \"县扶贫办\", "
                                  "\"sources\": [\"村级统计 2015\"], \"date\": \"2015-07-01\"}}");
    const std::string pdf = dir.file("map.pdf");
    auto r = test::run_countyatlas("export '" + project + "' --out '" + pdf + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    std::string text = test::run("pdftotext '" + pdf + "' -").out;
    CHECK(text.find("审图号：云S（2025）001号") != std::string::npos);
    CHECK(text.find("编制单位：县扶贫办") != std::string::npos);
    CHECK(text.find("数据来源：村级统计 2015") != std::string::npos);
    CHECK(text.find("制图日期：2015-07-01") != std::string::npos);
    test::write_text(dir.file("layout.json"), R"({"compiled_by": {"show": false}})");
    // Options win; --sources takes one text each time, never the data file after it.
    r = test::run_countyatlas("export --sources 村级表 --sources 项目表 '" + project + "' --out '" + pdf + "' --review-number '云S（2026）002号' --layout '" +
                              dir.file("layout.json") + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    text = test::run("pdftotext '" + pdf + "' -").out;
    CHECK(text.find("审图号：云S（2026）002号") != std::string::npos);
    CHECK(text.find("数据来源：村级表；项目表") != std::string::npos);
    CHECK(text.find("编制单位") == std::string::npos);
}

TEST_CASE("no label lies under the legend, the inset or the scale bar") {
    test::TempDir dir;
    const auto stats = nlohmann::json::parse(test::run_countyatlas("stats '" + test::sample_county() + "' --format json").out);
    for (const std::string& extent : std::vector<std::string>{"", stats["regions"][0]["township"].get<std::string>()}) {
        const std::string pdf = dir.file("map.pdf");
        const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + pdf + "' --choropleth poverty_rate" +
                                             (extent.empty() ? "" : " --extent 'township:" + extent + "'"));
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        const auto j = nlohmann::json::parse(r.out);
        CAPTURE(extent);
        REQUIRE(j["legend_box"].is_array());
        REQUIRE(j["label_boxes"].size() > 3);
        if (!extent.empty()) REQUIRE(j["inset_box"].is_array());
        for (const auto& label : j["label_boxes"]) {
            CHECK_FALSE(overlap(label, j["legend_box"]));
            CHECK_FALSE(overlap(label, j["scale_bar_box"]));
            if (j["inset_box"].is_array()) CHECK_FALSE(overlap(label, j["inset_box"]));
        }
        if (j["inset_box"].is_array()) CHECK_FALSE(overlap(j["legend_box"], j["inset_box"]));
        // On the county map no township loses its name to the legend (it moves, the names stay).
        if (extent.empty()) CHECK(j["label_boxes"].size() >= stats["regions"].size());
    }
}

TEST_CASE("a legend that would cover villages in every corner goes beside the map") {
    test::TempDir dir;
    const std::string pdf = dir.file("map.pdf");
    // In English the county's legend is wide and tall: every corner of the frame holds villages.
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --out '" + pdf + "' --choropleth poverty_rate --language en");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    const double map_right = j["map"]["x"].get<double>() + j["map"]["width"].get<double>();
    CHECK(j["legend_box"][0].get<double>() >= map_right);
    CHECK(j["legend_box"][2].get<double>() <= 297 * 72 / 25.4);  // still on the page
}

TEST_CASE("a township's 45 projects are all listed across its pages, and 项目数 counts the listed rows") {
    test::TempDir dir;
    // 甲镇: two villages side by side; 乙乡 one village to the east.
    test::write_layer(dir.file("villages.gpkg"), "GPKG", 4490, {{"村名"}, {"乡镇"}, {"人口", true}, {"贫困人口", true}},
                      {{square(101.0, 25.5, 0.05), {"甲村", "甲镇", "100", "50"}},
                       {square(101.05, 25.5, 0.05), {"乙村", "甲镇", "100", "20"}},
                       {square(101.1, 25.5, 0.05), {"丙村", "乙乡", "100", "10"}}});
    std::vector<test::Row> sites;
    for (int i = 1; i <= 45; ++i) {
        char name[32], wkt[64];
        std::snprintf(name, sizeof name, "项目%02d", i);
        std::snprintf(wkt, sizeof wkt, "POINT(%.4f %.4f)", 101.003 + (i % 9) * 0.01, 25.503 + (i / 9) * 0.009);
        sites.push_back({wkt, {name, "甲镇", "2015", "10000"}});
    }
    // Two rows naming 甲镇 that no village holds: not counted, listed apart with the reason.
    sites.push_back({"POINT(101.5 25.9)", {"外点01", "甲镇", "2015", "5000"}});
    sites.push_back({"POINT(101.6 25.9)", {"外点02", "甲镇", "2015", "5000"}});
    test::write_layer(dir.file("sites.gpkg"), "GPKG", 4490, {{"项目名称"}, {"乡镇"}, {"年度"}, {"总投资"}}, sites);
    const std::string folder = dir.file("atlas");
    const auto r = test::run_countyatlas("export --villages '" + dir.file("villages.gpkg") + "' --sites '" + dir.file("sites.gpkg") +
                                         "' --atlas township --out '" + folder + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string pdf = folder + "/atlas.pdf";
    std::string all, page;  // page: 甲镇's map page, the one with its figures
    for (int p = 1; p <= pdf_pages(pdf); ++p) {
        const std::string text = page_text(pdf, p, true);
        all += text;
        if (text.find("· 甲镇") != std::string::npos && text.find("项目数") != std::string::npos) page = text;
    }
    std::set<std::string> listed;
    const std::regex project("项目\\d\\d");
    for (auto it = std::sregex_iterator(all.begin(), all.end(), project); it != std::sregex_iterator(); ++it) listed.insert(it->str());
    CHECK(listed.size() == 45);
    CHECK(all.find("另有") == std::string::npos);
    CHECK(all.find("续表") != std::string::npos);
    // 甲镇's page: 项目数 45, the list's heading says 45 counted, the two outside rows apart.
    std::smatch m;
    REQUIRE(std::regex_search(page, m, std::regex("项目数\\s+(\\d+)")));
    CHECK(m[1] == "45");
    CHECK(page.find("项目清单（计入 45 项）") != std::string::npos);
    CHECK(all.find("未计入（2 项）") != std::string::npos);
    CHECK(all.find("外点01") != std::string::npos);
    CHECK(all.find("外点02") != std::string::npos);
}

TEST_CASE("the atlas writes its PDF alone unless --png-dpi asks for PNGs") {
    test::TempDir dir;
    auto r = test::run_countyatlas("export '" + test::sample_county() + "' --atlas township --out '" + dir.file("a") + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(test::file_names_in(dir.file("a")) == std::set<std::string>{"atlas.pdf"});
    r = test::run_countyatlas("export '" + test::sample_county() + "' --atlas township --out '" + dir.file("b") + "' --png-dpi 40");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["pngs"] == j["pages"]);
    CHECK(test::file_names_in(dir.file("b")).size() == j["pages"].get<std::size_t>() + 1);
}

TEST_CASE("the atlas statistics page sets its figures flush right, so a column's last digits line up") {
    test::TempDir dir;
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --atlas township --out '" + dir.file("atlas") + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    // Page 2 is the township table; each township's line ends with its funds (万元). Flush right,
    // every such line is as long in characters; flush left, 200.8 and 1291.1 would end apart.
    std::istringstream lines(page_text(dir.file("atlas/atlas.pdf"), 2, true));
    std::set<std::size_t> lengths;
    std::size_t rows = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.find('%') == std::string::npos || line.find("合计") != std::string::npos) continue;  // township rows only
        std::size_t characters = 0;
        for (unsigned char c : line) characters += (c & 0xC0) != 0x80;
        lengths.insert(characters);
        ++rows;
    }
    CHECK(rows == 12);
    CHECK(lengths.size() == 1);
}
