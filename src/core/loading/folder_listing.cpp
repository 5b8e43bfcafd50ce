#include "core/loading/folder_listing.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <string_view>

#include "core/model/text.hpp"

namespace ca::loading {
namespace {

bool readable(const std::string& name) {
    // Elevation grids (.tif, .img, .asc) are DEMs: a survey bureau's folder holds one beside the boundaries.
    static constexpr std::array kExtensions = {".gpkg", ".shp", ".geojson", ".json", ".kml", ".csv", ".xlsx", ".xls",
                                               ".tab", ".mif", ".gdb", ".tif", ".tiff", ".img", ".asc"};
    const std::string lower = model::fold_key(name);
    return std::any_of(kExtensions.begin(), kExtensions.end(), [&](std::string_view ext) { return model::ends_with(lower, ext); });
}

}  // namespace

std::vector<FolderEntry> list_folder(const std::string& folder) {
    namespace fs = std::filesystem;
    std::vector<FolderEntry> entries;
    std::error_code error;
    for (fs::directory_iterator it(fs::path(folder), error), end; !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        const bool folder_entry = it->is_directory(error) && !model::ends_with(model::fold_key(name), ".gdb");
        if (folder_entry || readable(name)) entries.push_back({name, folder_entry});
    }
    std::sort(entries.begin(), entries.end(), [](const FolderEntry& a, const FolderEntry& b) {
        return a.folder != b.folder ? a.folder : a.name < b.name;
    });
    return entries;
}

}  // namespace ca::loading
