// The township atlas: a county overview, the county statistics table (continued on further pages
// when its rows need them), then one page per township (zoomed to it, neighbours grey, its
// villages labelled, its figures and projects beside the map, a long project list continued on
// pages of its own), as one multi-page PDF, and on request a PNG per page.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/statistics.hpp"
#include "core/model/project.hpp"
#include "core/print/export_figure.hpp"
#include "core/scene/map_style.hpp"
#include "core/scene/townships.hpp"

namespace ca::print {

struct AtlasResult {
    std::string pdf;
    std::size_t pages = 0;
    std::vector<std::string> pngs;  // one per page, in page order, when PNGs were asked for
};

struct AtlasOptions {
    PageSize page;
    double png_dpi = 0;  // > 0: a PNG per page at this resolution besides the PDF
    FrameTexts frame;    // on every map page: 审图号, 编制单位, 数据来源, 制图日期, 坐标系
    Layout layout;       // element positions (the map frame is the atlas's own)
    // The township outlines when the caller has them (dissolved while counting); else dissolved here.
    const std::vector<scene::TownshipOutline>* townships = nullptr;
};

// Writes into `folder` (created when missing): atlas.pdf, then NN-NAME.png per page if asked. Names keep
// Chinese but lose characters some systems refuse (\ / : * ? " < > |). Each file goes through a
// temporary file; throws ca::Error naming the file that could not be written.
AtlasResult export_atlas(const std::string& folder, const model::Project& project, const analysis::Statistics& stats,
                         const scene::MapStyle& style, const std::string& title, const AtlasOptions& options);

// A file name part safe on Windows, macOS and Linux.
std::string safe_file_name(const std::string& name);

}  // namespace ca::print
