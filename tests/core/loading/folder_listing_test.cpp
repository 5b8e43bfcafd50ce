// The open dialog's listing: folders, then the files CountyAtlas reads.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/loading/folder_listing.hpp"
#include "support/fixtures.hpp"

using namespace ca;

TEST_CASE("a folder lists its subfolders first, then readable files by name, without side files") {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("乡镇资料"));
    std::filesystem::create_directories(dir.file("县.gdb"));
    std::filesystem::create_directories(dir.file(".hidden"));
    for (const char* name : {"村界.shp", "村界.dbf", "村界.shx", "村界.prj", "村界.cpg", "项目.XLSX", "notes.txt", "county.gpkg", "a.cap.json"})
        test::write_text(dir.file(name), "x");
    const auto entries = loading::list_folder(dir.path().string());
    REQUIRE(entries.size() == 6);
    CHECK(entries[0].name == "乡镇资料");
    CHECK(entries[0].folder);
    const std::vector<std::string> files = {entries[1].name, entries[2].name, entries[3].name, entries[4].name, entries[5].name};
    CHECK(files == std::vector<std::string>{"a.cap.json", "county.gpkg", "县.gdb", "村界.shp", "项目.XLSX"});
    CHECK_FALSE(entries[2].folder);
    CHECK_FALSE(entries[3].folder);  // a geodatabase opens as data
    CHECK(loading::list_folder(dir.file("no such folder")).empty());
}
