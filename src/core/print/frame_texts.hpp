// The texts a map handed in must carry under its frame: map review number (审图号), compiling unit
// (编制单位), data sources with their dates (数据来源), the date it was drawn (制图日期) and the
// coordinate system (坐标系). Each is a page element a layout can move or hide.
#pragma once

#include <string>
#include <vector>

#include "core/model/language.hpp"
#include "core/model/project.hpp"

namespace ca::print {

struct FrameTexts {
    std::string review_number;         // 审图号, e.g. "云S（2026）012号"; not drawn when empty
    std::string compiled_by;           // 编制单位
    std::vector<std::string> sources;  // each "file (YYYY-MM-DD)"
    std::string date;                  // 制图日期, YYYY-MM-DD
    std::string crs;                   // 坐标系: the working CRS's name
};

// One text per element, with its caption: "审图号：云S（2026）012号" / "Map review no.: ...";
// empty for an element with no value.
std::string review_number_text(const FrameTexts& t, model::Language language);
std::string compiled_by_text(const FrameTexts& t, model::Language language);
std::string sources_text(const FrameTexts& t, model::Language language);
std::string date_text(const FrameTexts& t, model::Language language);
std::string crs_text(const FrameTexts& t, model::Language language);

// Each data file of the project once, by file name, with its modification date: what the map
// was drawn from and how fresh it was.
std::vector<std::string> dated_sources(const model::Project& project);

// Today's date as YYYY-MM-DD, local time.
std::string today_text();

}  // namespace ca::print
