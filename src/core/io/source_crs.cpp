// Declared CRSs, their EPSG codes, and the checked transformation to CGCS2000 lon/lat.
#include "core/io/source_crs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <cpl_conv.h>

#include "core/model/error.hpp"

namespace ca::io {
namespace {

constexpr const char* kLonLatCrs = "EPSG:4490";  // CGCS2000: what every layer is held in
constexpr double kAreaOfUseMarginDeg = 3;

// OGR transforms separate x and y arrays, not interleaved points: split, transform, join.
bool transform_in_place(OGRCoordinateTransformationH transform, std::vector<model::Vec2>& points) {
    std::vector<double> xs(points.size()), ys(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) xs[i] = points[i].x, ys[i] = points[i].y;
    std::vector<int> ok(points.size());
    if (!OCTTransformEx(transform, static_cast<int>(points.size()), xs.data(), ys.data(), nullptr, ok.data()) ||
        std::find(ok.begin(), ok.end(), 0) != ok.end())
        return false;
    for (std::size_t i = 0; i < points.size(); ++i) points[i] = {xs[i], ys[i]};
    return true;
}

// Where a projected CRS is meant to be used, widened by the margin; everywhere for lon/lat CRSs,
// whose data (a test grid on the equator, a county abroad) may lie outside their nominal area.
model::Extent usable_area(OGRSpatialReferenceH srs) {
    model::Extent world;
    world.add({-180, -90});
    world.add({180, 90});
    double west = 0, south = 0, east = 0, north = 0;
    const char* name = nullptr;
    if (!OSRIsProjected(srs) || !OSRGetAreaOfUse(srs, &west, &south, &east, &north, &name) || west > east) return world;
    model::Extent area;
    area.add({std::max(-180.0, west - kAreaOfUseMarginDeg), std::max(-90.0, south - kAreaOfUseMarginDeg)});
    area.add({std::min(180.0, east + kAreaOfUseMarginDeg), std::min(90.0, north + kAreaOfUseMarginDeg)});
    return area;
}

std::string coordinate_text(model::Vec2 p) {
    char text[96];
    std::snprintf(text, sizeof text, "(%.10g, %.10g)", p.x, p.y);
    return text;
}

// Why a geometry cannot be used (transformed in place when it can), or empty when it can.
std::string unusable_reason(model::Geometry& g, OGRCoordinateTransformationH transform, const model::Extent& area,
                            const std::string& crs_name) {
    for (const model::Vec2& p : g.coords)
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) return "coordinates " + coordinate_text(p) + " are not numbers";
    if (g.empty()) return {};
    if (transform && !transform_in_place(transform, g.coords))
        return "coordinates near " + coordinate_text(g.coords.front()) + " cannot be transformed from " + crs_name;
    for (const model::Vec2& p : g.coords)
        if (!(p.x >= area.min_x && p.x <= area.max_x && p.y >= area.min_y && p.y <= area.max_y))
            return "lon/lat " + coordinate_text(p) + " lies outside where " + crs_name + " can be used";
    return {};
}

}  // namespace

OGRSpatialReferenceH declared_srs(OGRLayerH layer) {
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (!srs) return nullptr;
    const char* name = OSRGetName(srs);
    const bool undefined = name && std::string(name).rfind("Undefined", 0) == 0 && !OSRGetAuthorityCode(srs, nullptr);
    return undefined ? nullptr : srs;
}

model::CrsInfo describe_crs(OGRSpatialReferenceH srs) {
    model::CrsInfo info;
    info.how = "declared in the file";
    if (const char* name = OSRGetName(srs)) info.name = name;
    const char* authority = OSRGetAuthorityName(srs, nullptr);
    const char* code = OSRGetAuthorityCode(srs, nullptr);
    if (authority && code && std::string(authority) == "EPSG") {
        info.epsg = std::atoi(code);
        return info;
    }
    // ESRI .prj files carry no authority: ask PROJ's database for the matching EPSG entry.
    int count = 0;
    int* confidence = nullptr;
    OGRSpatialReferenceH* matches = OSRFindMatches(srs, nullptr, &count, &confidence);
    if (matches && count > 0 && confidence[0] >= 70) {
        const char* match_authority = OSRGetAuthorityName(matches[0], nullptr);
        const char* match_code = OSRGetAuthorityCode(matches[0], nullptr);
        if (match_authority && match_code && std::string(match_authority) == "EPSG") info.epsg = std::atoi(match_code);
    }
    if (matches) OSRFreeSRSArray(matches);
    CPLFree(confidence);
    return info;
}

SpatialRef lonlat_srs() {
    SpatialRef srs(OSRNewSpatialReference(nullptr));
    OSRSetFromUserInput(srs.get(), kLonLatCrs);
    OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

SpatialRef srs_from_user_input(const std::string& text, const std::string& option) {
    SpatialRef srs(OSRNewSpatialReference(nullptr));
    GdalErrorTrap quiet;
    if (OSRSetFromUserInput(srs.get(), text.c_str()) != OGRERR_NONE) throw Error(option + " " + text + " is not a CRS PROJ knows");
    return srs;
}

void bring_to_lonlat(model::Layer& layer, OGRSpatialReferenceH srs) {
    const std::string file = layer.file_name();
    SpatialRef source(OSRClone(srs)), lonlat = lonlat_srs();
    OSRSetAxisMappingStrategy(source.get(), OAMS_TRADITIONAL_GIS_ORDER);
    CoordTransform transform;
    if (!OSRIsSame(source.get(), lonlat.get())) {
        GdalErrorTrap trap;
        transform.reset(OCTNewCoordinateTransformation(source.get(), lonlat.get()));
        if (!transform) throw Error("no transformation from " + layer.source_crs.name + " to CGCS2000 lon/lat").file(file).layer(layer.name);
    }
    const model::Extent area = usable_area(srs);
    GdalErrorTrap quiet;  // PROJ's complaints about single points become our report below
    std::vector<model::Feature> kept;
    kept.reserve(layer.features.size());
    std::size_t with_geometry = 0;
    for (auto& f : layer.features) {
        with_geometry += !f.geometry.empty();
        const std::string reason = unusable_reason(f.geometry, transform.get(), area, layer.source_crs.name);
        if (reason.empty()) {
            kept.push_back(std::move(f));
            continue;
        }
        ++layer.counts.unusable_skipped;
        layer.problems.add({model::Severity::Warning, "unusable coordinates", file, layer.name, f.fid, layer.fids_are_rows,
                            reason + "; feature left out"});
    }
    if (with_geometry > 0 && layer.counts.unusable_skipped == with_geometry)
        throw Error("none of its coordinates can be in " + layer.source_crs.name +
                    "; is that its CRS? Check the .prj or pass --assume-crs EPSG:CODE")
            .file(file)
            .layer(layer.name);
    layer.features = std::move(kept);
}

}  // namespace ca::io
