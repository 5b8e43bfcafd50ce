// Draws a Scene with OpenGL 3.3: buffers built once per upload, frames only move the camera.
#pragma once

#include <memory>
#include <vector>

#include "core/scene/scene.hpp"
#include "render/gl.hpp"
#include "render/map_mesh.hpp"
#include "render/shader_program.hpp"

namespace ca::render {

class MapRenderer {
public:
    MapRenderer();  // needs a current OpenGL 3.3 context
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    // Copies a mesh (see build_mesh, which can run on any thread) into GPU buffers. Call on change.
    // The detailed level is built from the mesh's scene the first time the view zooms in far
    // enough to need it.
    void upload(MapMesh mesh);
    // Draws into the current framebuffer's region (x, y from the bottom-left, as OpenGL counts).
    // The map is rendered into a texture twice the canvas's size and shown from there: panning
    // moves the texture, and the map is rendered again only when the scale or data change or the
    // pan nears the texture's edge, so a province pans as smoothly as a county.
    void draw(const scene::Viewport& viewport, int x_px, int y_px);
    // True when the view needs the detailed level of a big map: build it from mesh() with
    // build_level(scene, origin, 0) off this thread and hand it to upload_detail.
    bool wants_detail() const { return m_wants_detail && !m_detail.built; }
    const MapMesh& mesh() const { return m_mesh; }
    void upload_detail(const MeshLevel& detail);
    // The DEM's elevations and how to shade them, multiplied into the fills before any stroke.
    // Call each frame: a new grid is copied into a texture, and either change redraws the map;
    // the same ones cost nothing. A null grid or a hidden style: no hillshade.
    void set_terrain(std::shared_ptr<const model::ElevationGrid> grid, const scene::TerrainStyle& style);

private:
    struct Buffer {
        GLuint vao = 0, vbo = 0;
    };
    struct Level {
        Buffer fills, strokes;
        std::vector<Batch> batches;  // in paint order; markers index the shared marker buffer
        bool built = false;
    };
    void fill_level(Level& level, const MeshLevel& mesh);
    void draw_scene(const scene::Viewport& viewport);  // into the bound framebuffer, whole viewport
    void render_cache(const scene::Viewport& canvas);
    void shade_terrain();  // into m_shade_texture when the grid or sun changed; binds its own framebuffer
    void draw_terrain(float centre_x, float centre_y, float scale_x, float scale_y);

    struct Cache {
        GLuint framebuffer = 0, texture = 0;
        scene::Viewport view;  // what the texture shows: twice the canvas, same centre and scale
        bool valid = false;
    };

    ShaderProgram m_fill{"fill.vert", "fill.frag"};
    ShaderProgram m_line{"line.vert", "line.frag"};
    ShaderProgram m_marker{"marker.vert", "marker.frag"};
    ShaderProgram m_blit{"blit.vert", "blit.frag"};
    ShaderProgram m_hillshade{"hillshade.vert", "hillshade.frag"};
    ShaderProgram m_terrain_multiply{"hillshade.vert", "terrain_multiply.frag"};
    GLuint m_terrain_texture = 0;  // elevations (RG32F)
    // Their shade, worked out once per grid and sun rather than per cell of twice the canvas at
    // every redraw (Mesa's llvmpipe reads textures slowly).
    GLuint m_shade_texture = 0, m_shade_framebuffer = 0;
    bool m_shade_valid = false;
    std::shared_ptr<const model::ElevationGrid> m_terrain;  // what the texture holds
    scene::TerrainStyle m_terrain_style;
    Buffer m_quad;
    Cache m_cache;
    Level m_detail, m_overview;
    Buffer m_markers;
    MapMesh m_mesh;  // its scene and origin; the vertex arrays live on the GPU
    bool m_wants_detail = false;
    scene::Color m_background;
};

}  // namespace ca::render
