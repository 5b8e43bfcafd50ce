// The GDAL error trap: collects failures and warnings, so none reaches the user as GDAL's own line.
#include "core/io/gdal_handles.hpp"

#include <algorithm>
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
    if (!self || !message) return;
    if (level >= CE_Failure && self->m_failure.empty()) self->m_failure = message;
    constexpr std::size_t kWarningsKept = 20;  // a corrupt file can warn once per feature
    if (level == CE_Warning && self->m_warnings.size() < kWarningsKept &&
        std::find(self->m_warnings.begin(), self->m_warnings.end(), message) == self->m_warnings.end())
        self->m_warnings.emplace_back(message);
}

}  // namespace ca::io
