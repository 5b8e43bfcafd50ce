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

// What a worker needs to build the page's scene: the style copied, LISA classes and township
// outlines shared (never changed once made), the project and statistics borrowed in place, as the
// refresh job borrows them. From page_source() until build() returns, `*reading` is true and the
// caller must neither change the layers nor take new statistics in.
struct PageSource {
    const model::Project* project = nullptr;
    const analysis::Statistics* stats = nullptr;
    scene::MapStyle style;
    std::shared_ptr<const std::vector<analysis::LisaClass>> lisa;
    std::shared_ptr<const std::vector<scene::TownshipOutline>> townships;
    std::atomic<bool>* reading = nullptr;
    // On the worker: print::build_figure_scene for `figure` (which gets its legend heading); then
    // clears *reading, also when building throws.
    scene::Scene build(print::Figure& figure) const;
};
PageSource page_source(const ui::ViewerState& state, std::atomic<bool>& reading);

// The page drawn at the preview's resolution into an RGBA texture (for ImGui::Image). Drawing,
// scene included, runs on a worker; the texture is filled on the GL thread once it is done.
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
    bool reading_data() const { return m_reading_data; }  // see PageSource
    GLuint id() const { return m_texture; }
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
    GLuint m_texture = 0;
    int m_width = 0, m_height = 0;
    std::atomic<bool> m_reading_data{false};  // before m_drawing: the worker clears it
    std::future<Surface> m_drawing;
};

}  // namespace ca::app
