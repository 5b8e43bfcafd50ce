// Guessing a missing CRS: degrees, Gauss-Krüger with zone prefix, Gauss-Krüger without.
#include "core/io/crs_guess.hpp"

#include <algorithm>
#include <cmath>

namespace ca::io {
namespace {

// Gauss-Krüger false easting is 500 km; a zone is at most ~340 km wide at China's latitudes.
constexpr double kMinEasting = 100'000, kMaxEasting = 900'000;
// Northings of China, from Hainan's south (~1,000 km) to Heilongjiang's north (~6,000 km).
constexpr double kMinNorthing = 1'000'000, kMaxNorthing = 6'500'000;

bool within(double v, double lo, double hi) { return v >= lo && v <= hi; }

bool northings_of_china(const model::Extent& e) { return within(e.min_y, kMinNorthing, kMaxNorthing) && within(e.max_y, kMinNorthing, kMaxNorthing); }

std::string epsg(int code) { return "EPSG:" + std::to_string(code); }

// The zone prefix both ends of the eastings share, or 0.
int zone_prefix(const model::Extent& e) {
    const double zone = std::floor(e.min_x / 1e6);
    if (zone != std::floor(e.max_x / 1e6)) return 0;
    const double in_zone_min = e.min_x - zone * 1e6, in_zone_max = e.max_x - zone * 1e6;
    if (!within(in_zone_min, kMinEasting, kMaxEasting) || !within(in_zone_max, kMinEasting, kMaxEasting)) return 0;
    return static_cast<int>(zone);
}

}  // namespace

CrsGuess guess_crs(const model::Extent& raw, const model::Extent& others_lonlat) {
    if (raw.empty()) return {"EPSG:4490", "no coordinates to judge; taken as CGCS2000 lon/lat", {}};
    if (within(raw.min_x, -180, 180) && within(raw.max_x, -180, 180) && within(raw.min_y, -90, 90) && within(raw.max_y, -90, 90))
        return {"EPSG:4490", "no CRS declared; the numbers are degrees, read as CGCS2000 lon/lat (EPSG:4490)", {}};
    if (!northings_of_china(raw)) return {};
    if (const int zone = zone_prefix(raw); zone != 0) {
        if (within(zone, 25, 45))
            return {epsg(4513 + zone - 25),
                    "no CRS declared; eastings carry zone prefix " + std::to_string(zone) + ": CGCS2000 3-degree Gauss-Kruger zone " +
                        std::to_string(zone) + " (" + epsg(4513 + zone - 25) + ", central meridian " + std::to_string(3 * zone) + "°E)",
                    {}};
        if (within(zone, 13, 23))
            return {epsg(4491 + zone - 13),
                    "no CRS declared; eastings carry zone prefix " + std::to_string(zone) + ": CGCS2000 6-degree Gauss-Kruger zone " +
                        std::to_string(zone) + " (" + epsg(4491 + zone - 13) + ", central meridian " + std::to_string(6 * zone - 3) + "°E)",
                    {}};
        return {};
    }
    if (!within(raw.min_x, kMinEasting, kMaxEasting) || !within(raw.max_x, kMinEasting, kMaxEasting)) return {};
    std::vector<int> zones;
    for (int code = 4534; code <= 4554; ++code) zones.push_back(code);
    if (others_lonlat.empty()) return {{}, {}, zones};
    const int meridian = 3 * static_cast<int>(std::lround(std::clamp(others_lonlat.centre().x, 75.0, 135.0) / 3.0));
    const int code = 4534 + (meridian - 75) / 3;
    return {epsg(code),
            "no CRS declared; Gauss-Kruger metres without zone prefix, central meridian " + std::to_string(meridian) +
                "°E guessed from the other layers (" + epsg(code) + "); confirm with --assume-crs " + epsg(code),
            {}};
}

}  // namespace ca::io
