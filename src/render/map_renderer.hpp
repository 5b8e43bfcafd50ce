// Draws a Scene with OpenGL 3.3: buffers built once per upload, frames only move the camera.
#pragma once

#include <memory>
#include <vector>

#include "core/scene/scene.hpp"
#include "render/gl.hpp"
#include "render/shader_program.hpp"

namespace ca::render {

class MapRenderer {
public:
    MapRenderer();  // needs a current OpenGL 3.3 context
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    // Triangulates fills, extrudes strokes and packs markers into GPU buffers. Call on change.
    void upload(const scene::Scene& scene);
    // Draws into the current framebuffer's region (x, y from the bottom-left, as OpenGL counts).
    void draw(const scene::Viewport& viewport, int x_px, int y_px) const;

private:
    enum class Kind { Fill, Stroke, Marker };
    struct Batch {
        Kind kind;
        GLint first;
        GLsizei count;
    };
    struct Buffer {
        GLuint vao = 0, vbo = 0;
    };

    ShaderProgram m_fill{"fill.vert", "fill.frag"};
    ShaderProgram m_line{"line.vert", "line.frag"};
    ShaderProgram m_marker{"marker.vert", "marker.frag"};
    Buffer m_fills, m_strokes, m_markers;
    std::vector<Batch> m_batches;  // in paint order
    model::Vec2 m_origin_m;        // subtracted before upload so floats keep centimetres
    scene::Color m_background;
};

}  // namespace ca::render
