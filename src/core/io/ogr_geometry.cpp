// Reading OGR geometries into the flat model::Geometry.
#include "core/io/ogr_geometry.hpp"

namespace ca::io {

void append_geometry(OGRGeometryH g, model::Geometry& out, std::vector<model::Vec2>& scratch) {
    if (!g || OGR_G_IsEmpty(g)) return;
    const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(g));
    auto read_points = [&](OGRGeometryH ring) {
        const int n = OGR_G_GetPointCount(ring);
        scratch.resize(static_cast<std::size_t>(n));
        if (n > 0) OGR_G_GetPoints(ring, &scratch[0].x, sizeof(model::Vec2), &scratch[0].y, sizeof(model::Vec2), nullptr, 0);
    };
    auto set_type = [&](model::GeometryType t) {
        if (out.type == model::GeometryType::None || static_cast<int>(t) > static_cast<int>(out.type)) out.type = t;
    };
    switch (type) {
        case wkbPoint:
            set_type(model::GeometryType::Point);
            out.begin_part();
            read_points(g);
            out.add_ring(scratch);
            return;
        case wkbLineString:
            set_type(model::GeometryType::Line);
            out.begin_part();
            read_points(g);
            out.add_ring(scratch);
            return;
        case wkbPolygon:
            set_type(model::GeometryType::Polygon);
            out.begin_part();
            for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) {
                read_points(OGR_G_GetGeometryRef(g, i));
                if (!scratch.empty()) out.add_ring(scratch);
            }
            return;
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) append_geometry(OGR_G_GetGeometryRef(g, i), out, scratch);
            return;
        default:
            if (OGR_GT_IsNonLinear(type)) {
                OGRGeometryH linear = OGR_G_GetLinearGeometry(g, 0, nullptr);
                append_geometry(linear, out, scratch);
                OGR_G_DestroyGeometry(linear);
            }
            return;
    }
}

namespace {

OGRGeometryH ring_of(const model::Geometry& g, std::size_t r, OGRwkbGeometryType type) {
    OGRGeometryH ring = OGR_G_CreateGeometry(type);
    for (const auto& p : g.ring(r)) OGR_G_AddPoint_2D(ring, p.x, p.y);
    return ring;
}

// Part `p` as a single geometry.
OGRGeometryH part_of(const model::Geometry& g, std::size_t p) {
    const auto first = g.part_first_ring(p), last = g.part_last_ring(p);
    switch (g.type) {
        case model::GeometryType::Point: {
            OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
            const model::Vec2 at = g.ring(first).front();
            OGR_G_SetPoint_2D(point, 0, at.x, at.y);
            return point;
        }
        case model::GeometryType::Line: return ring_of(g, first, wkbLineString);
        default: {
            OGRGeometryH polygon = OGR_G_CreateGeometry(wkbPolygon);
            for (auto r = first; r < last; ++r) OGR_G_AddGeometryDirectly(polygon, ring_of(g, r, wkbLinearRing));
            return polygon;
        }
    }
}

}  // namespace

OGRGeometryH to_ogr(const model::Geometry& g, OGRwkbGeometryType layer_type) {
    const OGRwkbGeometryType flat = wkbFlatten(layer_type);
    const bool multi = flat == wkbMultiPoint || flat == wkbMultiLineString || flat == wkbMultiPolygon || flat == wkbGeometryCollection ||
                       g.part_count() > 1;
    if (!multi && g.part_count() == 1) return part_of(g, 0);
    const OGRwkbGeometryType collection = g.type == model::GeometryType::Point  ? wkbMultiPoint
                                          : g.type == model::GeometryType::Line ? wkbMultiLineString
                                                                                : wkbMultiPolygon;
    OGRGeometryH out = OGR_G_CreateGeometry(collection);
    for (std::size_t p = 0; p < g.part_count(); ++p) OGR_G_AddGeometryDirectly(out, part_of(g, p));
    return out;
}

}  // namespace ca::io
