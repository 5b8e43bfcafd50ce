// Export previews: the print back-end's page, drawn into an image and shown as a texture.
#include "app/export_preview.hpp"

#include <cmath>
#include <memory>

#include <cairo.h>

#include "core/print/legend_text.hpp"

namespace ca::app {

print::Figure figure_for_view(const ui::ViewerState& state) {
    print::Figure figure;
    figure.title = state.export_settings.title;
    figure.language = state.style.language;
    figure.frame.review_number = state.export_settings.review_number;
    figure.frame.compiled_by = state.export_settings.compiled_by;
    figure.frame.sources = state.figure.sources.empty() ? print::dated_sources(state.project) : state.figure.sources;
    figure.frame.date = state.figure.date.empty() ? print::today_text() : state.figure.date;
    if (state.project.working) figure.frame.crs = state.project.working->name();
    if (state.style.choropleth) {
        std::size_t classes = 0;
        for (const auto& e : state.scene->legend) classes += e.count >= 0;
        figure.legend_heading = print::legend_heading(*state.style.choropleth, classes, state.style.language);
    }
    // The ground the canvas shows now.
    model::Extent visible;
    visible.add(state.viewport.to_m({0, 0}));
    visible.add(state.viewport.to_m({static_cast<double>(state.viewport.width_px), static_cast<double>(state.viewport.height_px)}));
    figure.extent_m = visible;
    return figure;
}

PreviewTexture::PreviewTexture() { glGenTextures(1, &m_texture); }

PreviewTexture::~PreviewTexture() { glDeleteTextures(1, &m_texture); }

void PreviewTexture::render(const ui::ViewerState& state, double dpi) {
    const auto page = print::page_size_from_string(state.export_settings.page).value_or(print::PageSize{});
    const double px_per_mm = dpi / 25.4;
    m_width = static_cast<int>(std::lround(page.width_mm * px_per_mm));
    m_height = static_cast<int>(std::lround(page.height_mm * px_per_mm));
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, m_width, m_height),
                                                                               &cairo_surface_destroy);
    {
        std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
        print::draw_page(cr.get(), *state.scene, figure_for_view(state), m_width, m_height, px_per_mm);
    }
    cairo_surface_flush(surface.get());
    // Cairo's RGB24 is 0xXXRRGGBB per pixel in native order: BGRA bytes on little-endian machines.
    glBindTexture(GL_TEXTURE_2D, m_texture);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, cairo_image_surface_get_stride(surface.get()) / 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, m_width, m_height, 0, GL_BGRA, GL_UNSIGNED_BYTE, cairo_image_surface_get_data(surface.get()));
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
}

}  // namespace ca::app
