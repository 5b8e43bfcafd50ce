// Point location and line splitting over villages.
#include "core/analysis/village_index.hpp"

#include <algorithm>

#include "core/analysis/measure.hpp"

namespace ca::analysis {

VillageIndex::VillageIndex(const GeosContext& geos, const std::vector<const model::Geometry*>& polygons) : m_geos(geos) {
    const GEOSContextHandle_t ctx = geos.handle();
    m_tree = GEOSSTRtree_create_r(ctx, 10);
    m_shapes.reserve(polygons.size());
    for (std::size_t i = 0; i < polygons.size(); ++i) {
        m_shapes.push_back(geos.to_geos(*polygons[i]));
        m_prepared.push_back(m_shapes.back() ? GEOSPrepare_r(ctx, m_shapes.back().get()) : nullptr);
        // The tree stores the index itself in the item pointer.
        if (m_shapes.back()) GEOSSTRtree_insert_r(ctx, m_tree, m_shapes.back().get(), reinterpret_cast<void*>(i));
    }
}

VillageIndex::~VillageIndex() {
    const GEOSContextHandle_t ctx = m_geos.handle();
    GEOSSTRtree_destroy_r(ctx, m_tree);
    for (const auto* p : m_prepared)
        if (p) GEOSPreparedGeom_destroy_r(ctx, p);
}

std::vector<std::size_t> VillageIndex::candidates(const GEOSGeometry* g) const {
    std::vector<std::size_t> found;
    GEOSSTRtree_query_r(
        m_geos.handle(), m_tree, g,
        [](void* item, void* user) { static_cast<std::vector<std::size_t>*>(user)->push_back(reinterpret_cast<std::size_t>(item)); },
        &found);
    std::sort(found.begin(), found.end());  // lowest index first: the border rule
    return found;
}

std::optional<std::size_t> VillageIndex::locate(model::Vec2 p) const {
    const GEOSContextHandle_t ctx = m_geos.handle();
    Geom point = m_geos.own(GEOSGeom_createPointFromXY_r(ctx, p.x, p.y));
    const auto found = candidates(point.get());
    for (std::size_t i : found)
        if (GEOSPreparedContainsProperly_r(ctx, m_prepared[i], point.get()) == 1) return i;
    for (std::size_t i : found)
        if (GEOSPreparedCovers_r(ctx, m_prepared[i], point.get()) == 1) return i;
    return std::nullopt;
}

void VillageIndex::split_line(const model::Geometry& line, const std::function<void(std::size_t, double)>& piece) const {
    if (line.type != model::GeometryType::Line || line.empty()) return;
    const GEOSContextHandle_t ctx = m_geos.handle();
    Geom g = m_geos.to_geos(line);
    if (!g) return;
    for (std::size_t i : candidates(g.get())) {
        if (GEOSPreparedContains_r(ctx, m_prepared[i], g.get()) == 1) {
            piece(i, geodesic_length_m(line));
            continue;
        }
        if (GEOSPreparedIntersects_r(ctx, m_prepared[i], g.get()) != 1) continue;
        Geom inside = m_geos.checked(GEOSIntersection_r(ctx, g.get(), m_shapes[i].get()), "intersection");
        const double length = geodesic_length_m(ctx, inside.get());
        if (length > 0) piece(i, length);
    }
}

}  // namespace ca::analysis
