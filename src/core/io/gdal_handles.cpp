// The GDAL error trap: collects failures, drops GDAL's chatter.
#include "core/io/gdal_handles.hpp"

#include <mutex>

namespace ca::io {

void register_gdal_drivers() {
    static std::once_flag registered;
    std::call_once(registered, [] { GDALAllRegister(); });
}

GdalErrorTrap::GdalErrorTrap() { CPLPushErrorHandlerEx(&GdalErrorTrap::handle, this); }

GdalErrorTrap::~GdalErrorTrap() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalErrorTrap::handle(CPLErr level, CPLErrorNum, const char* message) {
    auto* self = static_cast<GdalErrorTrap*>(CPLGetErrorHandlerUserData());
    if (self && level >= CE_Failure && self->m_failure.empty() && message) self->m_failure = message;
}

}  // namespace ca::io
