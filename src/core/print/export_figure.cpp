// PNG, PDF and SVG figures through Cairo surfaces.
#include "core/print/export_figure.hpp"

#include <cmath>
#include <filesystem>
#include <memory>
#include <string_view>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "core/model/error.hpp"
#include "core/model/safe_write.hpp"
#include "core/model/text.hpp"
#include "core/print/png_writer.hpp"

namespace ca::print {
namespace {

namespace fs = std::filesystem;
constexpr double kPointsPerMm = 72.0 / 25.4;

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using Context = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

std::string xml_escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

// Cairo's writes into the temporary file, as Cairo makes them (a 600-dpi A3 page is never held
// twice in memory). A C callback cannot throw, so the first failure is kept here and thrown once
// Cairo returns.
struct CairoSink {
    model::TempFile* file;
    std::string failure;
};

cairo_status_t write_to_sink(void* closure, const unsigned char* data, unsigned int length) {
    auto* sink = static_cast<CairoSink*>(closure);
    if (!sink->failure.empty()) return CAIRO_STATUS_WRITE_ERROR;
    try {
        sink->file->write(std::string_view(reinterpret_cast<const char*>(data), length));
    } catch (const model::WriteFailure& failure) {
        sink->failure = failure.what();
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

// After Cairo has written everything: its own status, or the write that failed under it.
void check_written(const CairoSink& sink, cairo_status_t status) {
    if (!sink.failure.empty()) throw model::WriteFailure(sink.failure);
    if (status != CAIRO_STATUS_SUCCESS) throw model::WriteFailure(cairo_status_to_string(status));
}

}  // namespace

void write_png_page(const std::string& path, int width_px, int height_px, double dpi, const std::function<void(cairo_t*)>& draw) {
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width_px, height_px), &cairo_surface_destroy);
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw Error("the page is too large at " + std::to_string(static_cast<int>(dpi)) + " dpi").file(path);
    {
        Context cr(cairo_create(surface.get()), &cairo_destroy);
        draw(cr.get());
    }
    model::write_via_temp(path, [&](model::TempFile& file) { encode_png(surface.get(), dpi, file); });
}

void write_pdf(const std::string& path, double width_pt, double height_pt, const std::function<void(cairo_t*)>& draw) {
    model::write_via_temp(path, [&](model::TempFile& file) {
        CairoSink sink{&file, {}};
        Surface surface(cairo_pdf_surface_create_for_stream(write_to_sink, &sink, width_pt, height_pt), &cairo_surface_destroy);
        {
            Context cr(cairo_create(surface.get()), &cairo_destroy);
            draw(cr.get());
        }
        // Cairo writes most of a PDF (fonts, the cross-reference table) when it finishes, and
        // says how that went only in the surface's status afterwards.
        cairo_surface_finish(surface.get());
        check_written(sink, cairo_surface_status(surface.get()));
    });
}

PageReport export_figure(const std::string& path, const scene::Scene& scene, const Figure& figure, const ExportOptions& options) {
    const std::string extension = model::fold_key(fs::path(path).extension().string());
    const double width_pt = options.page.width_mm * kPointsPerMm, height_pt = options.page.height_mm * kPointsPerMm;
    PageReport report;
    Figure vector_figure = figure;  // PDF and SVG: the hillshade's image at the export's dpi
    vector_figure.terrain_dpi = options.dpi;
    if (extension == ".png") {
        const double dpi = options.page.in_pixels ? 96 : options.dpi;  // a pixel page is exactly its pixels
        const double px_per_mm = dpi / 25.4;
        const int w = static_cast<int>(std::lround(options.page.width_mm * px_per_mm));
        const int h = static_cast<int>(std::lround(options.page.height_mm * px_per_mm));
        write_png_page(path, w, h, dpi, [&](cairo_t* cr) { report = draw_page(cr, scene, figure, w, h, px_per_mm); });
    } else if (extension == ".pdf") {
        write_pdf(path, width_pt, height_pt, [&](cairo_t* cr) { report = draw_page(cr, scene, vector_figure, width_pt, height_pt, kPointsPerMm); });
    } else if (extension == ".svg") {
        // Cairo draws SVG text as glyph outlines; labels, titles and legend go in as <text>
        // elements instead, so they can be edited and searched.
        std::string svg;
        std::vector<PlacedText> texts;
        {
            Surface surface(cairo_svg_surface_create_for_stream(append_to_string, &svg, width_pt, height_pt), &cairo_surface_destroy);
            Context cr(cairo_create(surface.get()), &cairo_destroy);
            report = draw_page(cr.get(), scene, vector_figure, width_pt, height_pt, kPointsPerMm, &texts);
            cr.reset();
            cairo_surface_finish(surface.get());
            if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
                throw Error(std::string("cannot draw the SVG: ") + cairo_status_to_string(cairo_surface_status(surface.get()))).file(path);
        }
        std::string elements;
        for (const auto& t : texts) {
            char head[256];
            std::snprintf(head, sizeof head,
                          "<text x=\"%.2f\" y=\"%.2f\" font-family=\"Noto Sans CJK SC, sans-serif\" font-size=\"%.2f\"%s fill=\"rgb(%d,%d,%d)\">",
                          t.x, t.y, t.size, t.bold ? " font-weight=\"bold\"" : "", t.color.r, t.color.g, t.color.b);
            elements += head + xml_escaped(t.text) + "</text>\n";
        }
        const auto end = svg.rfind("</svg>");
        if (end == std::string::npos) throw Error("Cairo wrote no SVG").file(path);
        svg.insert(end, elements);
        model::write_file_bytes(path, svg);
    } else {
        throw Error("the figure's format comes from its extension: .png, .pdf or .svg").file(path);
    }
    return report;
}

}  // namespace ca::print
