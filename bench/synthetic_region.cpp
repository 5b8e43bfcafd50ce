// The lattice region generator. Each shared edge is generated once from its canonical end, so the
// two villages on either side get exactly the same vertices.
#include "synthetic_region.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/io/working_crs.hpp"

namespace ca::bench {
namespace {

constexpr double kCellM = 2500;  // a mountain village committee is a few km across
constexpr double kPi = std::numbers::pi;

// A hash of integers to [0, 1): the same everywhere, so shared vertices agree.
double unit_hash(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
    std::uint64_t x = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full ^ (c + 1) * 0x165667B19E3779F9ull;
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ull;
    x ^= x >> 33;
    return static_cast<double>(x >> 11) * 0x1.0p-53;
}

struct Lattice {
    int n;
    std::uint64_t seed;
    double origin_x, origin_y;

    std::pair<double, double> corner(int i, int j) const {
        const double jx = (unit_hash(seed, i, j * 2) - 0.5) * 0.5 * kCellM, jy = (unit_hash(seed, i, j * 2 + 1) - 0.5) * 0.5 * kCellM;
        const bool edge_x = i == 0 || i == n, edge_y = j == 0 || j == n;  // keep the outline straight-ish
        return {origin_x + i * kCellM + (edge_x ? 0 : jx), origin_y + j * kCellM + (edge_y ? 0 : jy)};
    }
    // Points of the edge from corner a to corner b (b one step right or up), ends included.
    std::vector<std::pair<double, double>> edge(int ai, int aj, int bi, int bj) const {
        const auto [x0, y0] = corner(ai, aj);
        const auto [x1, y1] = corner(bi, bj);
        const std::uint64_t id = static_cast<std::uint64_t>(ai) * 1000003 + static_cast<std::uint64_t>(aj) * 2 + (bi != ai ? 0 : 1);
        const int segments = 7 + static_cast<int>(unit_hash(seed, id, 7) * 44);  // 7..50 per edge
        const double amplitude = (unit_hash(seed, id, 9) - 0.5) * 0.16 * kCellM;
        const double nx = -(y1 - y0), ny = x1 - x0, len = std::hypot(nx, ny);
        std::vector<std::pair<double, double>> points;
        for (int k = 0; k <= segments; ++k) {
            const double t = static_cast<double>(k) / segments;
            const double wiggle = amplitude * std::sin(kPi * t) * std::sin(3 * kPi * t + id % 5);
            points.push_back({x0 + (x1 - x0) * t + nx / len * wiggle, y0 + (y1 - y0) * t + ny / len * wiggle});
        }
        return points;
    }
};

}  // namespace

RegionSize region_size(const std::string& scale) {
    if (scale == "county") return {"county", 12, 2000, 500, 200};
    if (scale == "prefecture") return {"prefecture", 100, 100000, 20000, 10000};
    if (scale == "province") return {"province", 361, 1000000, 200000, 100000};
    throw std::runtime_error("scale is county, prefecture or province, not " + scale);
}

void write_region(const RegionSize& size, const std::string& path, std::uint64_t seed) {
    GDALAllRegister();
    auto projection = io::make_projection("EPSG:4543");
    const int n = size.villages_across;
    std::vector<model::Vec2> origin{{101.3, 25.7}};
    projection->forward(origin);
    const Lattice lattice{n, seed, origin[0].x - n * kCellM / 2, origin[0].y - n * kCellM / 2};

    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds) throw std::runtime_error("cannot create " + path);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 4490);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    auto layer = [&](const char* name, OGRwkbGeometryType type, std::vector<std::pair<const char*, OGRFieldType>> fields) {
        OGRLayerH l = GDALDatasetCreateLayer(ds, name, srs, type, nullptr);
        for (const auto& [field, t] : fields) {
            OGRFieldDefnH d = OGR_Fld_Create(field, t);
            OGR_L_CreateField(l, d, TRUE);
            OGR_Fld_Destroy(d);
        }
        return l;
    };
    auto to_lonlat = [&](std::vector<std::pair<double, double>>& xy) {
        std::vector<model::Vec2> v;
        for (auto [x, y] : xy) v.push_back({x, y});
        projection->inverse(v);
        for (std::size_t i = 0; i < v.size(); ++i) xy[i] = {v[i].x, v[i].y};
    };
    auto add = [](OGRLayerH l, OGRGeometryH g, auto&& set_fields) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        set_fields(f);
        OGR_F_SetGeometryDirectly(f, g);
        if (OGR_L_CreateFeature(l, f) != OGRERR_NONE) throw std::runtime_error("cannot write a feature");
        OGR_F_Destroy(f);
    };

    GDALDatasetStartTransaction(ds, FALSE);
    OGRLayerH villages = layer("villages", wkbPolygon,
                               {{"village_name", OFTString}, {"township", OFTString}, {"households", OFTInteger}, {"population", OFTInteger},
                                {"poor_population", OFTInteger}, {"income_per_capita", OFTReal}});
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            std::vector<std::pair<double, double>> ring;
            auto append = [&ring](std::vector<std::pair<double, double>> e, bool reversed) {
                if (reversed) std::reverse(e.begin(), e.end());
                ring.insert(ring.end(), e.begin(), e.end() - 1);
            };
            append(lattice.edge(i, j, i + 1, j), false);
            append(lattice.edge(i + 1, j, i + 1, j + 1), false);
            append(lattice.edge(i, j + 1, i + 1, j + 1), true);
            append(lattice.edge(i, j, i, j + 1), true);
            ring.push_back(ring.front());
            to_lonlat(ring);
            OGRGeometryH polygon = OGR_G_CreateGeometry(wkbPolygon);
            OGRGeometryH r = OGR_G_CreateGeometry(wkbLinearRing);
            for (auto [x, y] : ring) OGR_G_AddPoint_2D(r, x, y);
            OGR_G_AddGeometryDirectly(polygon, r);
            const double poor_rate = 0.1 + 0.7 * unit_hash(seed, i, j + 99999);
            const int households = 200 + static_cast<int>(unit_hash(seed, j, i + 5) * 600);
            const int population = households * 4;
            add(villages, polygon, [&](OGRFeatureH f) {
                OGR_F_SetFieldString(f, 0, ("村" + std::to_string(i) + "_" + std::to_string(j)).c_str());
                OGR_F_SetFieldString(f, 1, ("乡镇" + std::to_string(i / 12) + "_" + std::to_string(j / 12)).c_str());
                OGR_F_SetFieldInteger(f, 2, households);
                OGR_F_SetFieldInteger(f, 3, population);
                OGR_F_SetFieldInteger(f, 4, static_cast<int>(population * poor_rate));
                OGR_F_SetFieldDouble(f, 5, 4500 - 4000 * poor_rate);
            });
        }

    const double span = n * kCellM;
    auto random_xy = [&](std::uint64_t k, std::uint64_t salt) {
        // 0.5 % beyond the lattice on each side, so some sites fall outside every village.
        return std::pair{lattice.origin_x + (unit_hash(seed, k, salt) * 1.01 - 0.005) * span,
                         lattice.origin_y + (unit_hash(seed, k, salt + 1) * 1.01 - 0.005) * span};
    };
    static const char* kTypes[] = {"整村推进", "易地扶贫搬迁", "产业扶贫", "小额信贷", "劳动力转移培训", "危房改造"};
    OGRLayerH sites = layer("sites", wkbPoint, {{"project_type", OFTString}, {"funds_yuan", OFTReal}, {"beneficiary_people", OFTInteger}});
    for (int k = 0; k < size.sites; ++k) {
        std::vector<std::pair<double, double>> p{random_xy(static_cast<std::uint64_t>(k), 11)};
        to_lonlat(p);
        OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(g, 0, p[0].first, p[0].second);
        add(sites, g, [&](OGRFeatureH f) {
            OGR_F_SetFieldString(f, 0, kTypes[k % 6]);
            OGR_F_SetFieldDouble(f, 1, 10000.0 * (1 + k % 97));
            OGR_F_SetFieldInteger(f, 2, 10 + k % 300);
        });
    }
    static const char* kKinds[] = {"沟渠", "管道", "道路", "U型槽"};
    OGRLayerH lines = layer("lines", wkbLineString, {{"kind", OFTString}});
    for (int k = 0; k < size.lines; ++k) {
        std::vector<std::pair<double, double>> walk{random_xy(static_cast<std::uint64_t>(k), 21)};
        double heading = unit_hash(seed, k, 23) * 2 * kPi;
        const int steps = 10 + k % 21;
        for (int s = 0; s < steps; ++s) {
            heading += (unit_hash(seed, k, 100 + s) - 0.5) * 0.8;
            walk.push_back({walk.back().first + 100 * std::cos(heading), walk.back().second + 100 * std::sin(heading)});
        }
        to_lonlat(walk);
        OGRGeometryH g = OGR_G_CreateGeometry(wkbLineString);
        for (auto [x, y] : walk) OGR_G_AddPoint_2D(g, x, y);
        add(lines, g, [&](OGRFeatureH f) { OGR_F_SetFieldString(f, 0, kKinds[k % 4]); });
    }
    OGRLayerH ponds = layer("ponds", wkbPoint, {{"kind", OFTString}, {"capacity_m3", OFTReal}});
    for (int k = 0; k < size.ponds; ++k) {
        std::vector<std::pair<double, double>> p{random_xy(static_cast<std::uint64_t>(k), 31)};
        to_lonlat(p);
        OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(g, 0, p[0].first, p[0].second);
        add(ponds, g, [&](OGRFeatureH f) {
            OGR_F_SetFieldString(f, 0, k % 10 == 0 ? "坝塘" : "水窖");
            OGR_F_SetFieldDouble(f, 1, k % 10 == 0 ? 20000.0 : 100.0);
        });
    }
    GDALDatasetCommitTransaction(ds);
    GDALClose(ds);
    OSRRelease(srs);
}

}  // namespace ca::bench
