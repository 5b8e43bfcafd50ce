// Distances to the nearest of many features (sites, pipelines, roads) through one prepared GEOS
// collection in the working CRS: for coverage gaps and relocation candidates.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>

#include "core/analysis/geos_context.hpp"
#include "core/model/project.hpp"

namespace ca::analysis {

using KeepFeature = std::function<bool(const model::Layer&, const model::Feature&)>;

// Lines whose canonical kind is one of these.
KeepFeature lines_of_kinds(std::initializer_list<const char*> kinds);

// A geometry in the project's working CRS (metres).
model::Geometry projected(const model::Project& project, const model::Geometry& lonlat);

// The features of a role that `keep` lets through, as one prepared GEOS collection.
class NearestFeatures {
public:
    NearestFeatures(const GeosContext& geos, const model::Project& project, model::Role role, const KeepFeature& keep);
    NearestFeatures(const NearestFeatures&) = delete;
    NearestFeatures& operator=(const NearestFeatures&) = delete;
    ~NearestFeatures();

    bool empty() const { return m_prepared == nullptr; }
    // Metres from `to` (working CRS) to the nearest feature; 0 when they touch; none without features.
    std::optional<double> distance_m(const GEOSGeometry* to) const;

private:
    const GeosContext& m_geos;
    Geom m_all;
    const GEOSPreparedGeometry* m_prepared = nullptr;
};

}  // namespace ca::analysis
