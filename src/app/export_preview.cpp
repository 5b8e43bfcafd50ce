// Export previews: the print back-end's page, drawn into an image and shown as a texture.
#include "app/export_preview.hpp"

#include <cmath>
#include <memory>

#include "core/model/error.hpp"
#include "core/print/figure_scene.hpp"
#include "core/print/frame_texts.hpp"

namespace ca::app {
namespace {

// Lets go of a snapshot when the page's scene is built, or when building it threw: the drawing
// that follows needs only the scene, and the UI may then change its version in place.
struct DropData {
    ui::ProjectData& data;
    ~DropData() { const ui::ProjectData drop = std::move(data); }
};

}  // namespace

print::Figure figure_for_view(const ui::ViewerState& state) {
    print::Figure figure;
    figure.title = state.export_settings.title;
    figure.language = state.style.language;
    figure.frame.review_number = state.export_settings.review_number;
    figure.frame.compiled_by = state.export_settings.compiled_by;
    figure.frame.sources = state.figure.sources.empty() ? print::dated_sources(state.project()) : state.figure.sources;
    figure.frame.date = state.figure.date.empty() ? print::today_text() : state.figure.date;
    if (state.project().working) figure.frame.crs = state.project().working->name();
    // The ground the canvas shows now.
    model::Extent visible;
    visible.add(state.viewport.to_m({0, 0}));
    visible.add(state.viewport.to_m({static_cast<double>(state.viewport.width_px), static_cast<double>(state.viewport.height_px)}));
    figure.extent_m = visible;
    return figure;
}

PageSource page_source(const ui::ViewerState& state) {
    return {state.data, state.style, print::page_size_from_string(state.export_settings.page).value_or(print::PageSize{})};
}

scene::Scene PageSource::build(print::Figure& figure) {
    const DropData drop{data};
    return print::build_figure_scene(*data.project, style, data.stats.get(), figure, {0, data.lisa.get(), std::nullopt, data.townships.get()}, page);
}

PreviewTexture::PreviewTexture() { glGenTextures(1, &m_texture); }

PreviewTexture::~PreviewTexture() {
    if (busy()) m_drawing.wait();
    glDeleteTextures(1, &m_texture);
}

void PreviewTexture::start(const ui::ViewerState& state, double dpi) {
    if (busy()) return;
    const auto page = print::page_size_from_string(state.export_settings.page).value_or(print::PageSize{});
    m_drawing = std::async(std::launch::async, [source = page_source(state), figure = figure_for_view(state), page, dpi]() mutable {
        const scene::Scene scene = source.build(figure);
        const double px_per_mm = dpi / 25.4;
        const int width = static_cast<int>(std::lround(page.width_mm * px_per_mm));
        const int height = static_cast<int>(std::lround(page.height_mm * px_per_mm));
        Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height), &cairo_surface_destroy);
        {
            std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
            print::draw_page(cr.get(), scene, figure, width, height, px_per_mm);
        }
        cairo_surface_flush(surface.get());
        return surface;
    });
}

bool PreviewTexture::poll() {
    if (!busy() || m_drawing.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    Surface surface{nullptr, &cairo_surface_destroy};
    try {
        surface = m_drawing.get();
    } catch (const std::exception&) {
        return false;  // the old picture stays; the export itself reports what went wrong
    }
    m_width = cairo_image_surface_get_width(surface.get());
    m_height = cairo_image_surface_get_height(surface.get());
    // Cairo's RGB24 is 0xXXRRGGBB per pixel in native order: BGRA bytes on little-endian machines.
    glBindTexture(GL_TEXTURE_2D, m_texture);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, cairo_image_surface_get_stride(surface.get()) / 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, m_width, m_height, 0, GL_BGRA, GL_UNSIGNED_BYTE, cairo_image_surface_get_data(surface.get()));
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    return true;
}

bool PreviewTexture::finish() {
    if (busy()) m_drawing.wait();
    return poll();
}

}  // namespace ca::app
