// The viewer's export dialog: the figure that `export` would write for the current map, previewed
// by drawing the very same page with the print back-end.
#pragma once

#include <string>

#include "core/print/export_figure.hpp"
#include "render/gl.hpp"
#include "ui/viewer_state.hpp"

namespace ca::app {

// The figure for what the map canvas shows now, titled and styled as the dialog says.
print::Figure figure_for_view(const ui::ViewerState& state);

// Draws the page at `dpi` into an RGBA texture (for ImGui::Image) and returns its pixel size.
class PreviewTexture {
public:
    PreviewTexture();
    ~PreviewTexture();
    PreviewTexture(const PreviewTexture&) = delete;
    PreviewTexture& operator=(const PreviewTexture&) = delete;

    void render(const ui::ViewerState& state, double dpi);
    GLuint id() const { return m_texture; }
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    GLuint m_texture = 0;
    int m_width = 0, m_height = 0;
};

}  // namespace ca::app
