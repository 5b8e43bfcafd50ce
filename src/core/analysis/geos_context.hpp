// One GEOS reentrant context per thread of work, with owning geometry handles.
#pragma once

#include <memory>
#include <string>

#include <geos_c.h>

#include "core/model/geometry.hpp"

namespace ca::analysis {

class GeosContext;

struct GeomDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const {
        if (g) GEOSGeom_destroy_r(ctx, g);
    }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;  // Geom{GEOSUnion_r(ctx, a, b), {ctx}}

// Owns a GEOS context whose error messages are kept for ca::Error instead of going to stderr.
// Not shared between threads: each worker makes its own.
class GeosContext {
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t handle() const { return m_ctx; }
    Geom own(GEOSGeometry* g) const { return Geom{g, {m_ctx}}; }
    // Throws ca::Error with GEOS's last message when g is null.
    Geom checked(GEOSGeometry* g, const char* operation) const;
    const std::string& last_error() const { return m_last_error; }

    // Conversions between model::Geometry and GEOS. Polygons become (Multi)Polygons, lines
    // (Multi)LineStrings, points (Multi)Points.
    Geom to_geos(const model::Geometry& geometry) const;
    model::Geometry from_geos(const GEOSGeometry* g) const;

private:
    static void on_error(const char* message, void* self);
    GEOSContextHandle_t m_ctx;
    std::string m_last_error;
};

}  // namespace ca::analysis
