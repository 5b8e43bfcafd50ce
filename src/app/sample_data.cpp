// Finding the sample county and its DEM: next to the executable's tree first, then the source tree it was built from.
#include "app/sample_data.hpp"

#include <filesystem>

namespace ca::app {

std::string find_sample_county(const char* argv0) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path relative = fs::path("data") / "sample" / "county.gpkg";
    fs::path exe = fs::canonical("/proc/self/exe", ec);
    if (ec) exe = fs::absolute(argv0, ec);
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path())
        if (fs::exists(dir / relative, ec)) return (dir / relative).string();
    if (fs::exists(fs::path(CA_SOURCE_DIR) / relative, ec)) return (fs::path(CA_SOURCE_DIR) / relative).string();
    if (fs::exists(relative, ec)) return relative.string();
    return {};
}

std::string sample_dem_beside(const std::string& county) {
    std::error_code ec;
    const auto dem = std::filesystem::path(county).parent_path() / "dem.tif";
    return std::filesystem::exists(dem, ec) ? dem.string() : std::string();
}

}  // namespace ca::app
