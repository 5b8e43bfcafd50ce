// Village areas on the CGCS2000 ellipsoid, for "poor people per km²".
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include <geodesic.h>

#include "core/analysis/measure.hpp"
#include "core/analysis/metrics.hpp"

using namespace ca;

namespace {

model::Geometry square(double lon, double lat, double side_deg, double hole_deg = 0) {
    model::Geometry g;
    g.type = model::GeometryType::Polygon;
    g.begin_part();
    g.add_ring(std::vector<model::Vec2>{{lon, lat}, {lon + side_deg, lat}, {lon + side_deg, lat + side_deg}, {lon, lat + side_deg}, {lon, lat}});
    if (hole_deg > 0) {
        const double a = lon + (side_deg - hole_deg) / 2, b = lat + (side_deg - hole_deg) / 2;
        g.add_ring(std::vector<model::Vec2>{{a, b}, {a, b + hole_deg}, {a + hole_deg, b + hole_deg}, {a + hole_deg, b}, {a, b}});
    }
    return g;
}

// Karney's geodesic polygon area of the same square (edges as geodesics: for a 0.05° square the
// difference from straight lon/lat edges is far below the tolerance used).
double geodesic_km2(double lon, double lat, double side) {
    geod_geodesic g;
    geod_init(&g, 6378137.0, 1 / 298.257222101);
    double lats[] = {lat, lat, lat + side, lat + side}, lons[] = {lon, lon + side, lon + side, lon};
    double area = 0;
    geod_polygonarea(&g, lats, lons, 4, &area, nullptr);
    return std::abs(area) / 1e6;
}

}  // namespace

TEST_CASE("a village-sized square has its ellipsoidal area; a hole is subtracted") {
    const double expected = geodesic_km2(101.2, 25.6, 0.05);  // about 28 km² at 25.6° N
    CHECK(expected == doctest::Approx(28.0).epsilon(0.02));
    CHECK(analysis::area_km2(square(101.2, 25.6, 0.05)) == doctest::Approx(expected).epsilon(1e-5));
    const double hole = geodesic_km2(101.2 + 0.015, 25.6 + 0.015, 0.02);
    CHECK(analysis::area_km2(square(101.2, 25.6, 0.05, 0.02)) == doctest::Approx(expected - hole).epsilon(1e-4));
    // Beyond half a degree the geodesic polygon area itself is used.
    CHECK(analysis::area_km2(square(101.0, 25.0, 1.0)) == doctest::Approx(geodesic_km2(101.0, 25.0, 1.0)).epsilon(1e-3));
}

TEST_CASE("poor people per km² is poor population over area, and absent without an area") {
    analysis::RegionStats r;
    r.poor_population = 560;
    r.area_km2 = 28;
    CHECK(*analysis::metric_value(r, "poor_per_km2") == doctest::Approx(20.0));
    r.area_km2 = 0;
    CHECK_FALSE(analysis::metric_value(r, "poor_per_km2").has_value());
}
