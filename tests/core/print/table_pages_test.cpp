// A table too long for one page, split over tables pages: heads repeated, 合计 last, every row
// on a page and above the frame texts, as many rows a page as its height holds.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <cairo.h>

#include "core/print/page.hpp"

using namespace ca;

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

// Heads, `n` township rows ("乡镇001": 1001 people...), then 合计.
print::SideTable township_table(int n) {
    print::SideTable table{"", {{"乡镇", "村数", "人口（人）", "贫困发生率"}}, nullptr};
    for (int i = 1; i <= n; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "乡镇%03d", i);
        table.rows.push_back({name, "3", std::to_string(1000 + i), "12.5%"});
    }
    table.rows.push_back({"合计", std::to_string(3 * n), "-", "12.5%"});
    return table;
}

// The texts a tables page draws for `part`, in points, with the frame texts (审图号...) of `frame`.
std::vector<print::PlacedText> drawn(const print::SideTable& part, const print::PageSize& page, const print::Figure& frame, double text_mm) {
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr),
                                                                               &cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
    std::vector<print::PlacedText> texts;
    print::draw_tables_page(cr.get(), "乡镇统计表", {part}, page.width_mm * kPointsPerMm, page.height_mm * kPointsPerMm, kPointsPerMm, &frame,
                            text_mm, &texts);
    return texts;
}

}  // namespace

TEST_CASE("a long table goes over pages: heads on each, every row once and in order, 合计 last on the last") {
    const print::SideTable table = township_table(60);
    print::Figure frame;
    frame.frame.review_number = "云S（2026）012号";
    frame.frame.compiled_by = "大姚县扶贫办";
    frame.frame.sources = {"county.gpkg（2026-06-30）"};
    std::vector<std::size_t> first_part_rows;
    for (const char* size_name : {"A4-landscape", "A4", "A3-landscape", "A3"}) {
        CAPTURE(size_name);
        const print::PageSize page = *print::page_size_from_string(size_name);
        const auto split = print::split_table(table, page, &frame);
        REQUIRE(split.parts.size() >= 2);
        CHECK(split.text_mm == doctest::Approx(4.5));  // four narrow columns need no shrinking
        std::vector<std::vector<std::string>> body;
        for (std::size_t k = 0; k < split.parts.size(); ++k) {
            const auto& rows = split.parts[k].rows;
            CAPTURE(k);
            CHECK(rows.front() == table.rows.front());
            const bool last = k + 1 == split.parts.size();
            for (std::size_t r = 1; r < rows.size(); ++r)
                if (rows[r].front() != "合计") body.push_back(rows[r]);
            CHECK((rows.back().front() == "合计") == last);
            if (last) CHECK(rows.size() >= 3);  // heads, at least one township, 合计
        }
        CHECK(body == std::vector<std::vector<std::string>>(table.rows.begin() + 1, table.rows.end() - 1));
        first_part_rows.push_back(split.parts.front().rows.size());

        // Drawn: every row's text ends at least 2 mm above the frame texts, and the first part is
        // full (one more row would come closer than that).
        const double text_pt = split.text_mm * kPointsPerMm, frame_pt = 2.6 * kPointsPerMm;
        for (const auto& part : split.parts) {
            double lowest = 0, frame_top = page.height_mm * kPointsPerMm;
            for (const auto& t : drawn(part, page, frame, split.text_mm)) {
                if (std::abs(t.size - text_pt) < 1e-6) lowest = std::max(lowest, t.y + 0.25 * t.size);  // baseline and descent
                else if (std::abs(t.size - frame_pt) < 1e-6) frame_top = std::min(frame_top, t.y - frame_pt);
            }
            CHECK(frame_top - lowest >= 2 * kPointsPerMm);
            if (&part == &split.parts.front()) CHECK(frame_top - lowest < text_pt * 1.55 + 6 * kPointsPerMm);
        }
    }
    // Taller pages hold more rows: A4 landscape < A4 portrait < A3 portrait, A3 landscape ≈ A4 portrait.
    CHECK(first_part_rows[0] < first_part_rows[1]);
    CHECK(first_part_rows[1] < first_part_rows[3]);
    CHECK(first_part_rows[2] == first_part_rows[1]);
}

TEST_CASE("a table that fits its page stays one part, and 合计 never stands alone on a last page") {
    const print::PageSize page = *print::page_size_from_string("A4-landscape");
    const auto one = print::split_table(township_table(12), page);
    REQUIRE(one.parts.size() == 1);
    CHECK(one.parts.front().rows.size() == 14);

    // n townships fill the first part exactly: 合计 then needs a second part, and takes the
    // last township with it.
    const std::size_t full = print::split_table(township_table(200), page).parts.front().rows.size() - 1;
    const auto split = print::split_table(township_table(static_cast<int>(full)), page);
    REQUIRE(split.parts.size() == 2);
    CHECK(split.parts[0].rows.size() == full);  // heads and full - 1 townships
    CHECK(split.parts[1].rows.size() == 3);     // heads, the last township, 合计
    CHECK(split.parts[1].rows[1].front() == township_table(static_cast<int>(full)).rows[full].front());
}
