// A spatial index over village polygons: which village holds a point, and how much of a line
// lies in each village. GEOS STRtree for candidates, prepared geometries for the exact tests.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "core/analysis/geos_context.hpp"
#include "core/model/geometry.hpp"

namespace ca::analysis {

class VillageIndex {
public:
    // `polygons` in lon/lat; indices in results are positions in this vector.
    VillageIndex(const GeosContext& geos, const std::vector<const model::Geometry*>& polygons);
    ~VillageIndex();
    VillageIndex(const VillageIndex&) = delete;
    VillageIndex& operator=(const VillageIndex&) = delete;

    // The village holding the point. A point inside one village belongs to it. A point on a
    // border shared by several belongs to the one that comes first in the layer (lowest index),
    // so it is counted exactly once. Nothing when it is outside every village.
    std::optional<std::size_t> locate(model::Vec2 lonlat) const;

    // Calls `piece(village, length_m)` for each village the line crosses, with the geodesic
    // length of the part inside it. Parts outside every village are not reported.
    void split_line(const model::Geometry& line, const std::function<void(std::size_t, double)>& piece) const;

    const GeosContext& geos() const { return m_geos; }

private:
    std::vector<std::size_t> candidates(const GEOSGeometry* g) const;

    const GeosContext& m_geos;
    std::vector<Geom> m_shapes;
    std::vector<const GEOSPreparedGeometry*> m_prepared;
    GEOSSTRtree* m_tree = nullptr;
};

}  // namespace ca::analysis
