// Writing a map figure to PNG (with its DPI recorded), PDF or SVG (text kept as text).
#pragma once

#include <functional>
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

// A PNG page of w x h pixels drawn by `draw`, with its DPI recorded, through a temporary file.
void write_png_page(const std::string& path, int width_px, int height_px, double dpi, const std::function<void(cairo_t*)>& draw);

// A PDF of pages `width_pt` x `height_pt` drawn by `draw` (which calls cairo_show_page between
// pages), through a temporary file; every write Cairo makes is checked, and its final status.
void write_pdf(const std::string& path, double width_pt, double height_pt, const std::function<void(cairo_t*)>& draw);

}  // namespace ca::print
