// Owning handles for GDAL/OGR/PROJ objects, and a scoped trap for GDAL's error messages.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

namespace ca::io {

template <auto Free>
struct Deleter {
    void operator()(auto* p) const { Free(p); }
};
using Dataset = std::unique_ptr<void, Deleter<GDALClose>>;  // GDALDatasetH is void*
using OgrFeature = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, Deleter<OGR_F_Destroy>>;
using SpatialRef = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, Deleter<OSRRelease>>;
using CoordTransform =
    std::unique_ptr<std::remove_pointer_t<OGRCoordinateTransformationH>, Deleter<OCTDestroyCoordinateTransformation>>;

// Registers GDAL's drivers once per process (GDAL's registry is process-wide).
void register_gdal_drivers();

// While alive, GDAL's errors go here instead of stderr, so they can become one ca::Error line.
class GdalErrorTrap {
public:
    GdalErrorTrap();
    ~GdalErrorTrap();
    GdalErrorTrap(const GdalErrorTrap&) = delete;
    GdalErrorTrap& operator=(const GdalErrorTrap&) = delete;

    bool failed() const { return !m_failure.empty(); }
    const std::string& failure() const { return m_failure; }  // the first CE_Failure message
    // GDAL's warnings so far, each once, handed over and forgotten: a reader turns them into problems.
    std::vector<std::string> take_warnings() { return std::exchange(m_warnings, {}); }
    void clear() { m_failure.clear(); }

private:
    static void CPL_STDCALL handle(CPLErr level, CPLErrorNum number, const char* message);
    std::string m_failure;
    std::vector<std::string> m_warnings;
};

}  // namespace ca::io
