// Geodesic lengths through PROJ's geodesic.h (a pure-math part of libproj, no CRS database).
#include "core/analysis/measure.hpp"

#include <cmath>
#include <vector>

#include <geodesic.h>

namespace ca::analysis {
namespace {

// CGCS2000's ellipsoid; WGS84's differs in the flattening's ninth digit.
constexpr double kSemiMajorM = 6378137.0;
constexpr double kFlattening = 1 / 298.257222101;

const geod_geodesic& cgcs2000() {
    static const geod_geodesic g = [] {
        geod_geodesic e;
        geod_init(&e, kSemiMajorM, kFlattening);
        return e;
    }();
    return g;
}

double segment_m(double lon1, double lat1, double lon2, double lat2) {
    double s12 = 0;
    geod_inverse(&cgcs2000(), lat1, lon1, lat2, lon2, &s12, nullptr, nullptr);
    return s12;
}

constexpr double kShortSegmentM = 5000;

}  // namespace

double segment_length_m(model::Vec2 a, model::Vec2 b) {
    constexpr double kDegree = 0.017453292519943295;
    constexpr double kE2 = kFlattening * (2 - kFlattening);
    const double mid = (a.y + b.y) / 2 * kDegree;
    const double s = std::sin(mid);
    const double w2 = 1 - kE2 * s * s;
    const double prime_vertical = kSemiMajorM / std::sqrt(w2);        // N
    const double meridian = prime_vertical * (1 - kE2) / w2;           // M
    const double north = meridian * (b.y - a.y) * kDegree;
    const double east = prime_vertical * std::cos(mid) * (b.x - a.x) * kDegree;
    const double local = std::sqrt(north * north + east * east);
    return local < kShortSegmentM ? local : segment_m(a.x, a.y, b.x, b.y);
}

double geodesic_length_m(const model::Geometry& lonlat) {
    if (lonlat.type == model::GeometryType::Point) return 0;
    double total = 0;
    for (std::size_t r = 0; r < lonlat.ring_count(); ++r) {
        const auto ring = lonlat.ring(r);
        for (std::size_t i = 1; i < ring.size(); ++i) total += segment_length_m(ring[i - 1], ring[i]);
    }
    return total;
}

double geodesic_length_m(GEOSContextHandle_t ctx, const GEOSGeometry* g) {
    if (!g) return 0;
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, g);
        unsigned n = 0;
        GEOSCoordSeq_getSize_r(ctx, seq, &n);
        double total = 0, px = 0, py = 0;
        for (unsigned i = 0; i < n; ++i) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(ctx, seq, i, &x, &y);
            if (i > 0) total += segment_length_m({px, py}, {x, y});
            px = x, py = y;
        }
        return total;
    }
    if (type == GEOS_POLYGON || type == GEOS_POINT) return 0;  // only linework counts
    double total = 0;
    for (int i = 0; i < GEOSGetNumGeometries_r(ctx, g); ++i) total += geodesic_length_m(ctx, GEOSGetGeometryN_r(ctx, g, i));
    return total;
}

double area_km2(const model::Geometry& lonlat) {
    if (lonlat.type != model::GeometryType::Polygon) return 0;
    constexpr double kDegree = 0.017453292519943295;
    constexpr double kE2 = kFlattening * (2 - kFlattening);
    double total_m2 = 0;
    for (std::size_t part = 0; part < lonlat.part_count(); ++part)
        for (auto r = lonlat.part_first_ring(part); r < lonlat.part_last_ring(part); ++r) {
            const auto ring = lonlat.ring(r);
            if (ring.size() < 3) continue;
            model::Extent e;
            for (const auto& p : ring) e.add(p);
            double ring_m2 = 0;
            if (e.width() < 0.5 && e.height() < 0.5) {
                const double s = std::sin(e.centre().y * kDegree);
                const double w2 = 1 - kE2 * s * s;
                const double n = kSemiMajorM / std::sqrt(w2);                 // prime vertical radius
                const double m = kSemiMajorM * (1 - kE2) / (w2 * std::sqrt(w2));  // meridional radius
                const double kx = n * std::cos(e.centre().y * kDegree) * kDegree, ky = m * kDegree;
                double twice = 0;
                for (std::size_t i = 0; i + 1 < ring.size(); ++i)
                    twice += (ring[i].x - e.min_x) * kx * (ring[i + 1].y - e.min_y) * ky - (ring[i + 1].x - e.min_x) * kx * (ring[i].y - e.min_y) * ky;
                ring_m2 = std::abs(twice) / 2;
            } else {
                std::vector<double> lats, lons;
                for (std::size_t i = 0; i + 1 < ring.size(); ++i) lats.push_back(ring[i].y), lons.push_back(ring[i].x);
                double area = 0;
                geod_polygonarea(&cgcs2000(), lats.data(), lons.data(), static_cast<int>(lats.size()), &area, nullptr);
                ring_m2 = std::abs(area);
            }
            total_m2 += r == lonlat.part_first_ring(part) ? ring_m2 : -ring_m2;  // holes come after their outer ring
        }
    return total_m2 / 1e6;
}

}  // namespace ca::analysis
