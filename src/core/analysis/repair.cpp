// Polygon repair through GEOSMakeValid.
#include "core/analysis/repair.hpp"

#include <vector>

namespace ca::analysis {
namespace {

// Make-valid may return collapsed pieces as lines or points beside the polygons: keep the areas.
void collect_polygons(GEOSContextHandle_t ctx, const GEOSGeometry* g, std::vector<GEOSGeometry*>& out) {
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_POLYGON) {
        if (!GEOSisEmpty_r(ctx, g)) out.push_back(GEOSGeom_clone_r(ctx, g));
        return;
    }
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION)
        for (int i = 0; i < GEOSGetNumGeometries_r(ctx, g); ++i) collect_polygons(ctx, GEOSGetGeometryN_r(ctx, g, i), out);
}

bool has_short_ring(const model::Geometry& geometry) {
    for (std::size_t r = 0; r < geometry.ring_count(); ++r)
        if (geometry.ring(r).size() < 4) return true;
    return false;
}

}  // namespace

bool repair_in_place(const GeosContext& geos, model::Geometry& geometry) {
    if (geometry.type != model::GeometryType::Polygon || geometry.empty()) return false;
    const GEOSContextHandle_t ctx = geos.handle();
    Geom g = geos.to_geos(geometry);
    if (!has_short_ring(geometry) && g && GEOSisValid_r(ctx, g.get()) == 1) return false;
    if (!g) {
        geometry = {};
        return true;
    }
    Geom valid = geos.checked(GEOSMakeValid_r(ctx, g.get()), "make-valid");
    std::vector<GEOSGeometry*> polygons;
    collect_polygons(ctx, valid.get(), polygons);
    Geom multi = geos.own(GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, polygons.data(), static_cast<unsigned>(polygons.size())));
    geometry = geos.from_geos(multi.get());
    return true;
}

}  // namespace ca::analysis
