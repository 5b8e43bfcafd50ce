// What an open dialog lists in a folder: its subfolders and the files CountyAtlas can read.
#pragma once

#include <string>
#include <vector>

namespace ca::loading {

struct FolderEntry {
    std::string name;  // file or folder name, UTF-8
    bool folder = false;
};

// Subfolders first, then readable files (GeoPackage, shapefile, GeoJSON, KML, CSV, Excel, MapInfo,
// project files), each group sorted by name; hidden entries and a shapefile's side files (.dbf,
// .shx, .prj, .cpg) left out. A File Geodatabase (*.gdb folder) is listed as a file. An unreadable
// folder lists nothing.
std::vector<FolderEntry> list_folder(const std::string& folder);

}  // namespace ca::loading
