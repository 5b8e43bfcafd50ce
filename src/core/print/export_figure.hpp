// Writing a map figure to PNG (with its DPI recorded), PDF or SVG (text kept as text).
#pragma once

#include <string>

#include "core/print/page.hpp"

namespace ca::print {

struct ExportOptions {
    PageSize page;
    double dpi = 300;  // PNG only; PDF and SVG are vector, in points
};

// The format comes from the extension: .png, .pdf or .svg. Written through a temporary file, so
// a failure leaves nothing behind. Throws ca::Error naming the file.
PageReport export_figure(const std::string& path, const scene::Scene& scene, const Figure& figure, const ExportOptions& options);

}  // namespace ca::print
