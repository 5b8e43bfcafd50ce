// The viewer's export dialog: the figure that `export` would write for the current map, previewed
// by drawing the very same page with the print back-end. Both the preview and the file draw the
// page's own scene (what falls on it, a legend of only that), built on a worker as `export` builds it.
#pragma once

#include <atomic>
#include <future>
#include <memory>
#include <string>

#include <cairo.h>

#include "core/print/export_figure.hpp"
#include "render/gl.hpp"
#include "ui/viewer_state.hpp"

namespace ca::app {

// The figure for what the map canvas shows now, titled and styled as the dialog says; its legend
// heading comes with the page's scene (PageSource::build).
print::Figure figure_for_view(const ui::ViewerState& state);

// What a worker needs to build the page's scene: the style copied, the data a snapshot (the
// version current when the page was asked for; the UI may move on meanwhile).
struct PageSource {
    ui::ProjectData data;
    scene::MapStyle style;
    print::PageSize page;  // the dialog's: what ground the frame shows follows from its shape
    // On the worker: print::build_figure_scene for `figure` (which gets its legend heading); then
    // lets go of the data, also when building throws.
    scene::Scene build(print::Figure& figure);
};
PageSource page_source(const ui::ViewerState& state);

// The page drawn at the preview's resolution into an RGBA texture (for ImGui::Image). Drawing,
// scene included, runs on a worker; the texture is filled on the GL thread once it is done. A
// drawing that fails, for whatever reason, leaves the old picture (the export says why).
class PreviewTexture {
public:
    PreviewTexture();
    ~PreviewTexture();  // waits for a drawing under way
    PreviewTexture(const PreviewTexture&) = delete;
    PreviewTexture& operator=(const PreviewTexture&) = delete;

    // Starts drawing the current view's page at `dpi`; nothing while one is under way.
    void start(const ui::ViewerState& state, double dpi);
    // When the drawing is done: into the texture, and true (false when it failed or is not done).
    bool poll();
    bool finish();  // waits for it, then as poll
    bool busy() const { return m_drawing.valid(); }
    GLuint id() const { return m_texture; }
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
    GLuint m_texture = 0;
    int m_width = 0, m_height = 0;
    std::future<Surface> m_drawing;
};

}  // namespace ca::app
