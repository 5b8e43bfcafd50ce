// The township atlas: a county overview, the county statistics table, then one page per township
// (zoomed to it, neighbours grey, its villages labelled, its figures and projects beside the map),
// as one multi-page PDF and a PNG per page.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/statistics.hpp"
#include "core/model/project.hpp"
#include "core/print/export_figure.hpp"
#include "core/scene/map_style.hpp"

namespace ca::print {

struct AtlasResult {
    std::string pdf;
    std::vector<std::string> pngs;  // one per page, in page order
};

// Writes into `folder` (created when missing): atlas.pdf and NN-NAME.png per page. Names keep
// Chinese but lose characters some systems refuse (\ / : * ? " < > |). Each file goes through a
// temporary file; throws ca::Error naming the file that could not be written.
AtlasResult export_atlas(const std::string& folder, const model::Project& project, const analysis::Statistics& stats,
                         const scene::MapStyle& style, const std::string& title, const ExportOptions& options);

// A file name part safe on Windows, macOS and Linux.
std::string safe_file_name(const std::string& name);

}  // namespace ca::print
