// The candidate villages the Problems tab offers for a row no village name matches: typos,
// homophones, the wrong township, a point just outside. Villages made in code, no files.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/analysis/measure.hpp"
#include "core/analysis/village_candidates.hpp"

using namespace ca;
using analysis::CandidateQuery;
using analysis::VillageCandidateIndex;

namespace {

// A square of `side` degrees with its south-west corner at (lon, lat).
model::Geometry square(double lon, double lat, double side = 0.01) {
    model::Geometry g;
    g.type = model::GeometryType::Polygon;
    g.begin_part();
    const std::vector<model::Vec2> ring = {{lon, lat}, {lon + side, lat}, {lon + side, lat + side}, {lon, lat + side}, {lon, lat}};
    g.add_ring(ring);
    return g;
}

// Villages of two townships on a row of squares along 25°N, 0.02° apart. 马栗坡 is one character
// from 马栗树 in hanzi, but not its sound; 石板箐 is in both townships.
struct County {
    std::vector<model::Geometry> shapes;
    std::vector<analysis::CandidateVillage> villages;

    County() {
        const std::vector<std::pair<std::string, std::string>> names = {
            {"铁锁乡", "石板箐"}, {"湾碧乡", "赵家湾"}, {"湾碧乡", "麻栗树村委会"}, {"湾碧乡", "马栗坡"},
            {"湾碧乡", "石板箐村"}, {"湾碧乡", "大麦地"}, {"铁锁乡", "黄家湾"}};
        shapes.reserve(names.size());
        for (std::size_t i = 0; i < names.size(); ++i) shapes.push_back(square(101 + 0.02 * static_cast<double>(i), 25));
        for (std::size_t i = 0; i < names.size(); ++i) villages.push_back({names[i].first, names[i].second, &shapes[i]});
    }
    std::size_t index_of(const std::string& township, const std::string& name) const {
        for (std::size_t i = 0; i < villages.size(); ++i)
            if (villages[i].township == township && villages[i].name == name) return i;
        FAIL("no village " << name);
        return 0;
    }
};

}  // namespace

TEST_CASE("a one-character typo of a village name ranks that village first") {
    const County county;
    const VillageCandidateIndex index(county.villages);
    const auto found = index.candidates(CandidateQuery{"湾碧乡", "赵家弯", std::nullopt});  // 湾 typed 弯 (also wan)
    REQUIRE(!found.empty());
    CHECK(found[0].village == county.index_of("湾碧乡", "赵家湾"));
    const auto typo = index.candidates(CandidateQuery{"湾碧乡", "大麦田村", std::nullopt});  // 地 typed 田, 村 added
    REQUIRE(!typo.empty());
    CHECK(typo[0].village == county.index_of("湾碧乡", "大麦地"));
    CHECK(typo[0].reason == "same township; name differs by one character");
    CHECK(typo[0].characters_differing == 1);
    for (const auto& c : typo) CHECK(c.name != "赵家湾");  // two of three characters differ: no candidate
}

TEST_CASE("a homophone written with other hanzi ranks the village that sounds the same first") {
    const County county;
    const VillageCandidateIndex index(county.villages);
    // 马栗树: one character from both 麻栗树 (ma, same sound) and 马栗坡 (po, another sound).
    const auto found = index.candidates(CandidateQuery{"湾碧乡", "马栗树", std::nullopt});
    REQUIRE(found.size() >= 2);
    CHECK(found[0].village == county.index_of("湾碧乡", "麻栗树村委会"));
    CHECK(found[0].sounds_same);
    CHECK(found[0].reason == "same township; sounds the same (ma li shu)");
    CHECK(analysis::describe(found[0], model::Language::Chinese) == "同乡镇；读音相同（ma li shu）");
    CHECK(found[1].village == county.index_of("湾碧乡", "马栗坡"));
    CHECK(found[1].reason == "same township; name differs by one character");
    CHECK(found[0].score > found[1].score);
}

TEST_CASE("a village of the same name in another township ranks below the one in the row's township") {
    const County county;
    const VillageCandidateIndex index(county.villages);
    // 铁锁乡's 石板箐 comes first in the layer; the row's township decides.
    const auto found = index.candidates(CandidateQuery{"湾碧", "石根箐", std::nullopt});
    REQUIRE(found.size() == 2);
    CHECK(found[0].village == county.index_of("湾碧乡", "石板箐村"));
    CHECK(found[1].village == county.index_of("铁锁乡", "石板箐"));
    CHECK(found[1].reason == "in township 铁锁乡; name differs by one character");
    CHECK(analysis::describe(found[1], model::Language::Chinese) == "属铁锁乡；村名差一个字");
    // Named in no township: the layer's order breaks the tie.
    const auto untold = index.candidates(CandidateQuery{"", "石板箐", std::nullopt});
    REQUIRE(untold.size() == 2);
    CHECK(untold[0].village == county.index_of("铁锁乡", "石板箐"));
    CHECK(untold[0].reason == "same name");
}

TEST_CASE("a point just outside a village ranks that village first, with its distance") {
    const County county;
    const VillageCandidateIndex index(county.villages);
    // 0.002° east of 马栗坡 (101.06-101.07), 0.008° west of 石板箐村 (101.08-101.09).
    const model::Vec2 point{101.072, 25.005};
    const auto found = index.candidates(CandidateQuery{"湾碧乡", "", point});
    REQUIRE(found.size() >= 2);
    CHECK(found[0].village == county.index_of("湾碧乡", "马栗坡"));
    const double expected_m = analysis::segment_length_m({101.07, 25.005}, point);
    CHECK(expected_m == doctest::Approx(201.9).epsilon(0.002));  // 0.002° of longitude at 25°N
    REQUIRE(found[0].distance_m);
    CHECK(*found[0].distance_m == doctest::Approx(expected_m).epsilon(1e-6));
    CHECK(found[0].reason == "same township; 200 m away");
    CHECK(analysis::describe(found[0], model::Language::Chinese) == "同乡镇；相距 200 米");
    CHECK(found[1].village == county.index_of("湾碧乡", "石板箐村"));
    CHECK(*found[1].distance_m == doctest::Approx(4 * expected_m).epsilon(1e-3));
    // A point inside a village: distance 0, said so.
    const auto inside = index.candidates(CandidateQuery{"铁锁乡", "", model::Vec2{101.125, 25.005}});
    REQUIRE(!inside.empty());
    CHECK(inside[0].village == county.index_of("铁锁乡", "黄家湾"));
    CHECK(inside[0].reason == "same township; the point lies inside it");
}

TEST_CASE("a row's point weighs about as much as its name: a conflicting row gets both villages") {
    const County county;
    const VillageCandidateIndex index(county.villages);
    // The row names 湾碧乡 / 赵家湾, but its point lies in 铁锁乡's 黄家湾 (one character from the
    // name it writes), 9.3 km (0.092°) east of 赵家湾 and 1.2 km (0.012°) east of 大麦地.
    const auto found = index.candidates(CandidateQuery{"湾碧乡", "赵家湾", model::Vec2{101.122, 25.005}}, 3);
    REQUIRE(found.size() == 3);
    CHECK(found[0].village == county.index_of("铁锁乡", "黄家湾"));
    CHECK(found[0].reason == "in township 铁锁乡; name differs by one character; the point lies inside it");
    CHECK(found[1].village == county.index_of("湾碧乡", "赵家湾"));
    CHECK(found[1].reason == "same township; same name; 9.3 km away");
    CHECK(found[2].village == county.index_of("湾碧乡", "大麦地"));
    CHECK(found[2].reason == "same township; 1.2 km away");
}

TEST_CASE("a row with neither a village name nor a point has no candidates") {
    const County county;
    const VillageCandidateIndex index(county.villages);
    CHECK(index.candidates(CandidateQuery{"湾碧乡", "", std::nullopt}).empty());
    CHECK(index.candidates(CandidateQuery{"", "  ", std::nullopt}).empty());
    CHECK(index.candidates(CandidateQuery{"湾碧乡", "张家营", std::nullopt}).empty());  // nothing alike
    CHECK(index.candidates(CandidateQuery{"湾碧乡", "麻栗树", std::nullopt}, 0).empty());
}

TEST_CASE("candidate_villages takes the statistics' village rows with the villages layers' polygons, in one order") {
    model::Project project;
    for (int layer = 0; layer < 2; ++layer) {
        model::Layer& l = project.layers.emplace_back();
        l.role = model::Role::Villages;
        for (int k = 0; k < 2; ++k) l.features.push_back({k, square(101 + 0.02 * (2 * layer + k), 25), {}});
    }
    project.layers.emplace_back().role = model::Role::Sites;  // no polygons of its own
    analysis::Statistics stats;
    for (const char* name : {"甲", "乙", "丙", "丁"}) stats.villages.emplace_back().village_name = name;
    stats.villages[2].township = "湾碧乡";  // as located from a township layer when the villages name none
    const auto villages = analysis::candidate_villages(project, stats);
    REQUIRE(villages.size() == 4);
    CHECK(villages[2].name == "丙");
    CHECK(villages[2].township == "湾碧乡");
    CHECK(villages[2].polygon == &project.layers[1].features[0].geometry);
    CHECK(villages[3].polygon == &project.layers[1].features[1].geometry);
    const VillageCandidateIndex index(villages);
    const auto found = index.candidates(CandidateQuery{"", "", model::Vec2{101.045, 25.005}}, 1);
    REQUIRE(found.size() == 1);
    CHECK(found[0].name == "丙");
}
