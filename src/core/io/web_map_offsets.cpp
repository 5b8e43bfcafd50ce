// GCJ-02 / BD-09 conversions. The forward GCJ-02 formula is the widely published one (Krasovsky
// 1940 ellipsoid, polynomial + sine offsets); the inverse iterates the forward until it agrees to
// about 1e-9 degrees (0.1 mm), more exact than the usual one-step inverse (errors of ~1 m).
#include "core/io/web_map_offsets.hpp"

#include <cmath>
#include <numbers>

#include "core/model/text.hpp"

namespace ca::io {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kKrasovskyA = 6378245.0;
constexpr double kKrasovskyE2 = 0.00669342162296594323;
constexpr double kBdPi = kPi * 3000.0 / 180.0;

bool outside_china(model::Vec2 p) { return p.x < 72.004 || p.x > 137.8347 || p.y < 0.8293 || p.y > 55.8271; }

double offset_lat(double x, double y) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double offset_lon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

}  // namespace

std::optional<WebMapCoords> web_map_coords_from_string(std::string_view name) {
    const std::string key = model::fold_key(name);
    if (key == "wgs84" || key.empty()) return WebMapCoords::Wgs84;
    if (key == "gcj02" || key == "gcj-02") return WebMapCoords::Gcj02;
    if (key == "bd09" || key == "bd-09") return WebMapCoords::Bd09;
    return std::nullopt;
}

model::Vec2 wgs84_to_gcj02(model::Vec2 p) {
    if (outside_china(p)) return p;
    double d_lat = offset_lat(p.x - 105.0, p.y - 35.0);
    double d_lon = offset_lon(p.x - 105.0, p.y - 35.0);
    const double rad_lat = p.y / 180.0 * kPi;
    double magic = std::sin(rad_lat);
    magic = 1 - kKrasovskyE2 * magic * magic;
    const double sqrt_magic = std::sqrt(magic);
    d_lat = (d_lat * 180.0) / ((kKrasovskyA * (1 - kKrasovskyE2)) / (magic * sqrt_magic) * kPi);
    d_lon = (d_lon * 180.0) / (kKrasovskyA / sqrt_magic * std::cos(rad_lat) * kPi);
    return {p.x + d_lon, p.y + d_lat};
}

model::Vec2 gcj02_to_wgs84(model::Vec2 gcj) {
    if (outside_china(gcj)) return gcj;
    // Fixed-point iteration: the offset varies slowly, so each step shrinks the error ~1000x.
    model::Vec2 wgs = gcj;
    for (int i = 0; i < 10; ++i) {
        const model::Vec2 guess = wgs84_to_gcj02(wgs);
        const double ex = guess.x - gcj.x, ey = guess.y - gcj.y;
        wgs.x -= ex;
        wgs.y -= ey;
        if (std::fabs(ex) < 1e-10 && std::fabs(ey) < 1e-10) break;
    }
    return wgs;
}

model::Vec2 gcj02_to_bd09(model::Vec2 p) {
    const double z = std::sqrt(p.x * p.x + p.y * p.y) + 0.00002 * std::sin(p.y * kBdPi);
    const double theta = std::atan2(p.y, p.x) + 0.000003 * std::cos(p.x * kBdPi);
    return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

model::Vec2 bd09_to_gcj02(model::Vec2 p) {
    const double x = p.x - 0.0065, y = p.y - 0.006;
    const double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kBdPi);
    const double theta = std::atan2(y, x) - 0.000003 * std::cos(x * kBdPi);
    return {z * std::cos(theta), z * std::sin(theta)};
}

model::Vec2 to_wgs84(model::Vec2 p, WebMapCoords from) {
    switch (from) {
        case WebMapCoords::Wgs84: return p;
        case WebMapCoords::Gcj02: return gcj02_to_wgs84(p);
        case WebMapCoords::Bd09: return gcj02_to_wgs84(bd09_to_gcj02(p));
    }
    return p;
}

}  // namespace ca::io
