// GCJ-02 and BD-09 against the reference outputs published with the widely used coordtransform
// library (its test/app.js, input 116.404, 39.915).
#include <doctest/doctest.h>

#include <cmath>

#include "core/io/web_map_offsets.hpp"

using namespace ca;

namespace {
void check_close(model::Vec2 got, model::Vec2 want, double tolerance_deg) {
    CHECK(std::fabs(got.x - want.x) <= tolerance_deg);
    CHECK(std::fabs(got.y - want.y) <= tolerance_deg);
}
}  // namespace

TEST_CASE("WGS84 to GCJ-02 matches the published reference to 1e-9 degrees") {
    check_close(io::wgs84_to_gcj02({116.404, 39.915}), {116.41024449916938, 39.91640428150164}, 1e-9);
}

TEST_CASE("GCJ-02 and BD-09 convert both ways as the published reference") {
    check_close(io::gcj02_to_bd09({116.404, 39.915}), {116.41036949371029, 39.92133699351021}, 1e-9);
    check_close(io::bd09_to_gcj02({116.404, 39.915}), {116.39762729119315, 39.90865673957631}, 1e-9);
}

TEST_CASE("GCJ-02 to WGS84 inverts the offset exactly, not with the usual one-step error") {
    const model::Vec2 wgs = io::gcj02_to_wgs84({116.404, 39.915});
    // The reference's one-step inverse gives 116.39775550083061, 39.91359571849836, off by ~1 m;
    // ours agrees with it to that, and goes back to the input to 1e-9 degrees (0.1 mm).
    check_close(wgs, {116.39775550083061, 39.91359571849836}, 2e-5);
    check_close(io::wgs84_to_gcj02(wgs), {116.404, 39.915}, 1e-9);
    // In the sample county's part of Yunnan the offset is some hundreds of metres.
    const model::Vec2 yunnan = io::wgs84_to_gcj02({101.3, 25.7});
    CHECK(std::hypot(yunnan.x - 101.3, yunnan.y - 25.7) > 0.001);
    check_close(io::gcj02_to_wgs84(yunnan), {101.3, 25.7}, 1e-9);
}

TEST_CASE("points outside China are left as they are") {
    check_close(io::wgs84_to_gcj02({2.35, 48.85}), {2.35, 48.85}, 0);
}
