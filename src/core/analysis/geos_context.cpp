// GEOS context lifetime and conversions to and from model::Geometry.
#include "core/analysis/geos_context.hpp"

#include <vector>

#include "core/model/error.hpp"

namespace ca::analysis {

using model::GeometryType;
using model::Vec2;

GeosContext::GeosContext() : m_ctx(GEOS_init_r()) {
    GEOSContext_setErrorMessageHandler_r(m_ctx, &GeosContext::on_error, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(m_ctx); }

void GeosContext::on_error(const char* message, void* self) {
    if (self && message) static_cast<GeosContext*>(self)->m_last_error = message;
}

Geom GeosContext::checked(GEOSGeometry* g, const char* operation) const {
    if (!g) throw Error(std::string("geometry operation ") + operation + " failed: " + m_last_error);
    return own(g);
}

namespace {

GEOSCoordSequence* sequence(GEOSContextHandle_t ctx, std::span<const Vec2> points) {
    return GEOSCoordSeq_copyFromBuffer_r(ctx, &points[0].x, static_cast<unsigned>(points.size()), 0, 0);
}

void append_coords(GEOSContextHandle_t ctx, const GEOSGeometry* g, std::vector<Vec2>& out) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, g);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(ctx, seq, &n);
    const std::size_t first = out.size();
    out.resize(first + n);
    if (n) GEOSCoordSeq_copyToBuffer_r(ctx, seq, &out[first].x, 0, 0);
}

void append_parts(GEOSContextHandle_t ctx, const GEOSGeometry* g, model::Geometry& out, std::vector<Vec2>& scratch) {
    if (!g || GEOSisEmpty_r(ctx, g)) return;
    const int type = GEOSGeomTypeId_r(ctx, g);
    auto raise = [&](GeometryType t) {
        if (static_cast<int>(t) > static_cast<int>(out.type)) out.type = t;
    };
    switch (type) {
        case GEOS_POINT:
        case GEOS_LINESTRING:
        case GEOS_LINEARRING:
            raise(type == GEOS_POINT ? GeometryType::Point : GeometryType::Line);
            scratch.clear();
            append_coords(ctx, g, scratch);
            out.begin_part();
            out.add_ring(scratch);
            return;
        case GEOS_POLYGON: {
            raise(GeometryType::Polygon);
            out.begin_part();
            scratch.clear();
            append_coords(ctx, GEOSGetExteriorRing_r(ctx, g), scratch);
            out.add_ring(scratch);
            for (int i = 0; i < GEOSGetNumInteriorRings_r(ctx, g); ++i) {
                scratch.clear();
                append_coords(ctx, GEOSGetInteriorRingN_r(ctx, g, i), scratch);
                out.add_ring(scratch);
            }
            return;
        }
        default:
            for (int i = 0; i < GEOSGetNumGeometries_r(ctx, g); ++i) append_parts(ctx, GEOSGetGeometryN_r(ctx, g, i), out, scratch);
    }
}

}  // namespace

Geom GeosContext::to_geos(const model::Geometry& geometry) const {
    std::vector<GEOSGeometry*> parts;
    for (std::size_t p = 0; p < geometry.part_count(); ++p) {
        const auto first = geometry.part_first_ring(p), last = geometry.part_last_ring(p);
        if (first == last) continue;
        switch (geometry.type) {
            case GeometryType::Point:
                parts.push_back(GEOSGeom_createPoint_r(m_ctx, sequence(m_ctx, geometry.ring(first))));
                break;
            case GeometryType::Line:
                if (geometry.ring(first).size() >= 2)
                    parts.push_back(GEOSGeom_createLineString_r(m_ctx, sequence(m_ctx, geometry.ring(first))));
                break;
            case GeometryType::Polygon: {
                // Rings of fewer than 4 points cannot be built; they are dropped here and the
                // repair that follows reports the polygon as changed.
                if (geometry.ring(first).size() < 4) break;
                GEOSGeometry* shell = GEOSGeom_createLinearRing_r(m_ctx, sequence(m_ctx, geometry.ring(first)));
                std::vector<GEOSGeometry*> holes;
                for (auto r = first + 1; r < last; ++r)
                    if (geometry.ring(r).size() >= 4)
                        holes.push_back(GEOSGeom_createLinearRing_r(m_ctx, sequence(m_ctx, geometry.ring(r))));
                parts.push_back(GEOSGeom_createPolygon_r(m_ctx, shell, holes.data(), static_cast<unsigned>(holes.size())));
                break;
            }
            case GeometryType::None: break;
        }
    }
    const int collection_type = geometry.type == GeometryType::Point  ? GEOS_MULTIPOINT
                                : geometry.type == GeometryType::Line ? GEOS_MULTILINESTRING
                                                                      : GEOS_MULTIPOLYGON;
    if (parts.size() == 1) return own(parts[0]);
    return own(GEOSGeom_createCollection_r(m_ctx, collection_type, parts.data(), static_cast<unsigned>(parts.size())));
}

model::Geometry GeosContext::from_geos(const GEOSGeometry* g) const {
    model::Geometry out;
    std::vector<Vec2> scratch;
    append_parts(m_ctx, g, out, scratch);
    return out;
}

}  // namespace ca::analysis
