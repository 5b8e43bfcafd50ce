// The committed sample county is what the generator makes, and has the shape DOMAIN.md asks for;
// so has its terrain (data/sample/dem.tif, issue 14).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include <gdal.h>

#include "core/analysis/geos_context.hpp"
#include "core/io/gdal_handles.hpp"
#include "core/loading/load_project.hpp"
#include "core/terrain/zonal.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

std::string sample_dem() { return (std::filesystem::path(CA_SOURCE_DIR) / "data" / "sample" / "dem.tif").string(); }

struct DemPixels {
    int width = 0, height = 0;
    std::array<double, 6> geotransform{};
    std::vector<float> z;
};

DemPixels read_pixels(const std::string& path) {
    GDALAllRegister();
    io::Dataset ds(GDALOpen(path.c_str(), GA_ReadOnly));
    REQUIRE_MESSAGE(ds, path);
    DemPixels pixels{GDALGetRasterXSize(ds.get()), GDALGetRasterYSize(ds.get()), {}, {}};
    GDALGetGeoTransform(ds.get(), pixels.geotransform.data());
    pixels.z.resize(static_cast<std::size_t>(pixels.width) * pixels.height);
    REQUIRE(GDALRasterIO(GDALGetRasterBand(ds.get(), 1), GF_Read, 0, 0, pixels.width, pixels.height, pixels.z.data(), pixels.width,
                         pixels.height, GDT_Float32, 0, 0) == CE_None);
    return pixels;
}

}  // namespace

TEST_CASE("regenerating the sample gives the committed data, feature for feature") {
    test::TempDir dir;
    const auto result = test::run(std::string("'") + CA_SAMPLE_GENERATOR + "' '" + dir.path().string() + "'");
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    const auto fresh = loading::load_project({{dir.file("county.gpkg"), model::Role::Unknown}}, {});
    const auto committed = loading::load_project({{test::sample_county(), model::Role::Unknown}}, {});
    REQUIRE(fresh.layers.size() == committed.layers.size());
    for (std::size_t l = 0; l < fresh.layers.size(); ++l) {
        const auto& a = fresh.layers[l];
        const auto& b = committed.layers[l];
        CAPTURE(a.name);
        REQUIRE(a.features.size() == b.features.size());
        for (std::size_t i = 0; i < a.features.size(); ++i) {
            CHECK(a.features[i].geometry.coords == b.features[i].geometry.coords);
            CHECK(a.features[i].values == b.features[i].values);
        }
    }
    const DemPixels fresh_dem = read_pixels(dir.file("dem.tif")), committed_dem = read_pixels(sample_dem());
    CHECK(fresh_dem.geotransform == committed_dem.geotransform);
    CHECK(fresh_dem.width == committed_dem.width);
    CHECK(fresh_dem.height == committed_dem.height);
    CHECK(fresh_dem.z == committed_dem.z);  // exactly: whole metres from the same integer-hashed noise
}

TEST_CASE("the sample's DEM: the county seat's basin lowest, steep ridges and high villages in the mountain townships") {
    CHECK(std::filesystem::file_size(sample_dem()) <= 2 * 1024 * 1024);  // small enough to ship
    const auto project = loading::load_project({{test::sample_county(), model::Role::Unknown}, {sample_dem(), model::Role::Unknown}}, {});
    REQUIRE(project.dem.has_value());
    CHECK(project.dem->nodata == -32768.0);
    const auto terrain = terrain::village_terrain(project, 2500);
    CHECK(terrain.not_covered == 0);  // the margin reaches past every village
    CHECK(terrain.partly_covered == 0);
    const auto& villages = *project.layers_with(model::Role::Villages).at(0);
    REQUIRE(terrain.villages.size() == villages.features.size());
    std::size_t lowest = 0, steep = 0, high = 0;
    double county_min_m = 1e9, county_max_m = -1e9;
    for (std::size_t i = 0; i < terrain.villages.size(); ++i) {
        const auto& t = terrain.villages[i];
        REQUIRE(t.has_data());
        const double mean_m = t.elevation_m_m2 / t.area_m2;
        if (mean_m < terrain.villages[lowest].elevation_m_m2 / terrain.villages[lowest].area_m2) lowest = i;
        steep += t.steep_m2 / t.area_m2 > 0.4;
        high += t.high_m2 / t.area_m2 > 0.5;
        county_min_m = std::min(county_min_m, t.min_m);
        county_max_m = std::max(county_max_m, t.max_m);
    }
    // The lowest village lies in the county seat's own township, the basin of 金碧镇.
    CHECK(model::to_text(villages.value(villages.features[lowest], model::Meaning::Township)) == "金碧镇");
    CHECK(county_min_m >= 1100);
    CHECK(county_min_m <= 1200);
    CHECK(county_max_m >= 2900);
    CHECK(county_max_m <= 3300);
    CHECK(steep >= 5);  // villages with more than 40 % of their land above 25°: candidates for 退耕还林
    CHECK(high >= 5);   // villages mostly above 2,500 m: high and cold
}

TEST_CASE("the sample county has 12 townships, ~130 villages, one village in two parts and one enclave") {
    const auto project = loading::load_project({{test::sample_county(), model::Role::Unknown}}, {});
    const auto& villages = *project.layers_with(model::Role::Villages).at(0);
    std::set<std::string> townships;
    std::size_t multipart = 0, with_hole = 0;
    for (const auto& f : villages.features) {
        townships.insert(model::to_text(villages.value(f, model::Meaning::Township)));
        multipart += f.geometry.part_count() > 1;
        with_hole += f.geometry.ring_count() > f.geometry.part_count();
    }
    CHECK(townships.size() == 12);
    CHECK(townships.count("金碧镇") == 1);
    CHECK(villages.features.size() >= 120);
    CHECK(villages.features.size() <= 140);
    CHECK(multipart == 1);
    CHECK(with_hole == 1);
    // Village polygons are valid and do not overlap: their areas add up to the county's.
    analysis::GeosContext geos;
    std::vector<GEOSGeometry*> parts;
    double sum = 0;
    for (const auto& f : villages.features) {
        model::Geometry g = f.geometry;
        project.working->forward(g.coords);
        auto h = geos.to_geos(g);
        CHECK(GEOSisValid_r(geos.handle(), h.get()) == 1);
        double a = 0;
        GEOSArea_r(geos.handle(), h.get(), &a);
        sum += a;
        parts.push_back(h.release());
    }
    auto all = geos.own(GEOSGeom_createCollection_r(geos.handle(), GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
    auto county = geos.own(GEOSUnaryUnion_r(geos.handle(), all.get()));
    double county_area = 0;
    GEOSArea_r(geos.handle(), county.get(), &county_area);
    CHECK(sum == doctest::Approx(county_area).epsilon(1e-6));
    CHECK(county_area / 1e6 > 3000);  // km²: a mountain county of DOMAIN.md's size
    CHECK(county_area / 1e6 < 6000);
}
