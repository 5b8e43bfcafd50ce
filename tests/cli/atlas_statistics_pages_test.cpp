// The atlas's township statistics table continued over pages (续表) when a county has more
// townships than one page holds: no row lost, heads on every page, 合计 once at the end.
#include <doctest/doctest.h>

#include <cstdio>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

using namespace ca;

namespace {

std::string page_text(const std::string& pdf, int page) {
    const std::string p = std::to_string(page);
    return test::run("pdftotext -layout -f " + p + " -l " + p + " '" + pdf + "' -").out;
}

// The text of each statistics page, in order: the pages from 2 on whose title is 乡镇统计表.
std::vector<std::string> statistics_pages(const std::string& pdf) {
    std::vector<std::string> pages;
    for (int p = 2;; ++p) {
        const std::string text = page_text(pdf, p);
        if (text.find("乡镇统计表") == std::string::npos) break;
        pages.push_back(text);
    }
    return pages;
}

std::size_t count_of(const std::string& text, const std::string& word) {
    std::size_t n = 0;
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size())) ++n;
    return n;
}

// 60 townships of one village each, on a 10 x 6 lattice: township i (0-based) is "金安镇",
// "金平镇"... with 1000 + 7i people, 300 + i of them poor.
std::vector<std::string> write_sixty_townships(const std::string& path) {
    const std::vector<std::string> first = {"金", "三", "万", "龙", "赵", "黄", "高", "建", "石", "桂"}, second = {"安", "平", "和", "福", "山", "川"};
    std::vector<std::string> names;
    std::vector<test::Row> rows;
    for (int i = 0; i < 60; ++i) {
        const std::string stem = first[static_cast<std::size_t>(i % 10)] + second[static_cast<std::size_t>(i / 10)];
        names.push_back(stem + "镇");
        rows.push_back({test::square_wkt(101.0 + (i % 10) * 0.02, 25.5 + (i / 10) * 0.02, 0.02),
                        {stem + "村", stem + "镇", std::to_string(1000 + 7 * i), std::to_string(300 + i)}});
    }
    test::write_layer(path, "GPKG", 4490, {{"village_name"}, {"township"}, {"population", true}, {"poor_population", true}}, rows);
    return names;
}

}  // namespace

TEST_CASE("a county of 60 townships gets its statistics table on several pages, every township once and 合计 at the end") {
    test::TempDir dir;
    const auto names = write_sixty_townships(dir.file("villages.gpkg"));
    const std::string folder = dir.file("atlas");
    const auto r = test::run_countyatlas("export --villages '" + dir.file("villages.gpkg") + "' --atlas township --out '" + folder + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto pages = statistics_pages(folder + "/atlas.pdf");
    REQUIRE(pages.size() >= 2);  // an A4 landscape page holds about 20 rows
    std::string all;
    for (std::size_t k = 0; k < pages.size(); ++k) {
        CAPTURE(k);
        all += pages[k];
        CHECK((pages[k].find("乡镇统计表（续表）") != std::string::npos) == (k > 0));
        CHECK(count_of(pages[k], "贫困人口（人）") == 1);  // the heads, on every page
        CHECK(count_of(pages[k], "合计") == (k + 1 == pages.size() ? 1u : 0u));
    }
    for (const auto& name : names) {
        CAPTURE(name);
        CHECK(count_of(all, name) == 1);
    }
    // 合计: 60 villages; 1000 × 60 + 7 × (0 + 1 + … + 59) = 60000 + 7 × 1770 = 72390 people,
    // 300 × 60 + 1770 = 19770 poor.
    CHECK(std::regex_search(pages.back(), std::regex("合计\\s+60\\s+72390\\s+19770\\s")));

    // PNGs: named in page order as the townships' continued pages are (NN-statistics-续K).
    const auto png = test::run_countyatlas("export --villages '" + dir.file("villages.gpkg") + "' --atlas township --out '" + dir.file("png") +
                                           "' --png-dpi 40");
    REQUIRE_MESSAGE(png.exit_code == 0, png.err);
    const auto files = test::file_names_in(dir.file("png"));
    CHECK(files.count("02-statistics.png") == 1);
    for (std::size_t k = 1; k < pages.size(); ++k) {
        char name[64];
        std::snprintf(name, sizeof name, "%02zu-statistics-续%zu.png", k + 2, k);
        CAPTURE(name);
        CHECK(files.count(name) == 1);
    }
    CHECK(files.size() == nlohmann::json::parse(png.out)["pages"].get<std::size_t>() + 1);
}

TEST_CASE("the sample county's 12 townships keep one statistics page") {
    test::TempDir dir;
    const auto r = test::run_countyatlas("export '" + test::sample_county() + "' --atlas township --out '" + dir.file("atlas") + "'");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto pages = statistics_pages(dir.file("atlas/atlas.pdf"));
    REQUIRE(pages.size() == 1);
    CHECK(pages.front().find("续表") == std::string::npos);
    CHECK(count_of(pages.front(), "合计") == 1);
}
