// Building GPU buffers from a Scene and drawing them in paint order.
#include "render/map_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <variant>


namespace ca::render {
namespace {

template <typename Vertex>
void attribute(GLuint index, GLint size, GLenum type, std::size_t offset, GLboolean normalise = GL_FALSE) {
    glEnableVertexAttribArray(index);
    glVertexAttribPointer(index, size, type, normalise, sizeof(Vertex), reinterpret_cast<const void*>(offset));
}

template <typename Vertex>
void fill_buffer(GLuint vao, GLuint vbo, const std::vector<Vertex>& vertices) {
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(Vertex)), vertices.data(), GL_STATIC_DRAW);
}

// Line segments are per-instance data (one quad each). OpenGL 3.3 has no base instance, so each
// batch points the attributes at its first segment.
void point_segment_attributes(std::size_t first_segment) {
    const std::size_t base = first_segment * sizeof(LineSegment);
    attribute<LineSegment>(0, 4, GL_FLOAT, base + offsetof(LineSegment, x0));
    attribute<LineSegment>(1, 4, GL_UNSIGNED_BYTE, base + offsetof(LineSegment, r), GL_TRUE);
    attribute<LineSegment>(2, 4, GL_FLOAT, base + offsetof(LineSegment, width_px));
    for (GLuint i = 0; i < 3; ++i) glVertexAttribDivisor(i, 1);
}

// Point symbols keep their size down to county scale; zoomed out further they shrink with the
// square root of the scale, so a province's million sites read as a density, not a solid mass
// (and draw in a fraction of the time).
constexpr double kCountyMPerPx = 150;
constexpr double kOutlinesFromPx = 8;
constexpr std::size_t kDetailInlineItems = 400'000;  // a prefecture's scene; beyond, detail is built on a worker
double symbol_scale(double m_per_px) { return std::clamp(std::sqrt(kCountyMPerPx / m_per_px), 0.3, 1.0); }

}  // namespace

MapRenderer::MapRenderer() {
    for (Buffer* b : {&m_detail.fills, &m_detail.strokes, &m_overview.fills, &m_overview.strokes, &m_markers}) {
        glGenVertexArrays(1, &b->vao);
        glGenBuffers(1, &b->vbo);
    }
    glGenVertexArrays(1, &m_quad.vao);
    glGenBuffers(1, &m_quad.vbo);
    glBindVertexArray(m_quad.vao);
    glBindBuffer(GL_ARRAY_BUFFER, m_quad.vbo);
    const float corners[] = {0, 0, 1, 0, 0, 1, 1, 1};
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
    glGenFramebuffers(1, &m_cache.framebuffer);
    glGenTextures(1, &m_cache.texture);
    glGenTextures(1, &m_terrain_texture);
    glGenTextures(1, &m_shade_texture);
    glGenFramebuffers(1, &m_shade_framebuffer);
    for (Level* level : {&m_detail, &m_overview}) {
        glBindVertexArray(level->fills.vao);
        glBindBuffer(GL_ARRAY_BUFFER, level->fills.vbo);
        attribute<FillVertex>(0, 2, GL_FLOAT, offsetof(FillVertex, x));
        attribute<FillVertex>(1, 4, GL_UNSIGNED_BYTE, offsetof(FillVertex, r), GL_TRUE);
        glBindVertexArray(level->strokes.vao);
        glBindBuffer(GL_ARRAY_BUFFER, level->strokes.vbo);
        point_segment_attributes(0);
    }
    glBindVertexArray(m_markers.vao);
    glBindBuffer(GL_ARRAY_BUFFER, m_markers.vbo);
    attribute<MarkerVertex>(0, 2, GL_FLOAT, offsetof(MarkerVertex, x));
    attribute<MarkerVertex>(1, 4, GL_UNSIGNED_BYTE, offsetof(MarkerVertex, r), GL_TRUE);
    attribute<MarkerVertex>(2, 1, GL_FLOAT, offsetof(MarkerVertex, size_px));
    attribute<MarkerVertex>(3, 1, GL_FLOAT, offsetof(MarkerVertex, shape));
    glBindVertexArray(0);
}

MapRenderer::~MapRenderer() {
    glDeleteFramebuffers(1, &m_cache.framebuffer);
    glDeleteTextures(1, &m_cache.texture);
    glDeleteTextures(1, &m_terrain_texture);
    glDeleteTextures(1, &m_shade_texture);
    glDeleteFramebuffers(1, &m_shade_framebuffer);
    glDeleteBuffers(1, &m_quad.vbo);
    glDeleteVertexArrays(1, &m_quad.vao);
    for (Buffer* b : {&m_detail.fills, &m_detail.strokes, &m_overview.fills, &m_overview.strokes, &m_markers}) {
        glDeleteBuffers(1, &b->vbo);
        glDeleteVertexArrays(1, &b->vao);
    }
}

void MapRenderer::upload(MapMesh mesh) {
    fill_buffer(m_markers.vao, m_markers.vbo, mesh.markers);
    fill_level(m_overview, mesh.overview);
    m_detail.built = false;
    m_wants_detail = false;
    m_cache.valid = false;
    m_background = mesh.scene->background;
    mesh.markers = {};
    mesh.overview = {};  // in GPU memory now
    m_mesh = std::move(mesh);
}

void MapRenderer::upload_detail(const MeshLevel& detail) {
    fill_level(m_detail, detail);
    m_wants_detail = false;
    m_cache.valid = false;  // drawn again with it
}

void MapRenderer::set_terrain(std::shared_ptr<const model::ElevationGrid> grid, const scene::TerrainStyle& style) {
    if (grid == m_terrain && style == m_terrain_style) return;
    m_cache.valid = false;
    m_shade_valid = false;
    m_terrain_style = style;
    if (grid == m_terrain) return;
    m_terrain = std::move(grid);
    if (!m_terrain || m_terrain->width <= 0 || m_terrain->height <= 0) return;
    // Elevation and a data flag per cell: filtered linearly, the flag tells the shader which
    // samples are near nodata (NaN would spread through the filter).
    std::vector<float> cells(static_cast<std::size_t>(m_terrain->width) * static_cast<std::size_t>(m_terrain->height) * 2);
    for (std::size_t i = 0; i < m_terrain->z.size(); ++i) {
        const bool data = !std::isnan(m_terrain->z[i]);
        cells[2 * i] = data ? m_terrain->z[i] : m_terrain->min_m;
        cells[2 * i + 1] = data ? 1.0f : 0.0f;
    }
    glBindTexture(GL_TEXTURE_2D, m_terrain_texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RG32F, m_terrain->width, m_terrain->height, 0, GL_RG, GL_FLOAT, cells.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

void MapRenderer::shade_terrain() {
    if (m_shade_valid || !m_terrain || !m_terrain_style.visible || m_terrain->width <= 0 || m_terrain->height <= 0) return;
    constexpr double kRadPerDeg = 3.14159265358979323846 / 180;
    const int w = m_terrain->width, h = m_terrain->height;
    glBindTexture(GL_TEXTURE_2D, m_shade_texture);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindFramebuffer(GL_FRAMEBUFFER, m_shade_framebuffer);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_shade_texture, 0);
    glViewport(0, 0, w, h);
    glDisable(GL_BLEND);
    // The grid's rectangle fills the texture: a fragment at each cell's centre.
    const ShaderProgram& p = m_hillshade;
    p.use();
    glUniform2f(p.uniform("u_centre_m"), 0.5f, 0.5f);
    glUniform2f(p.uniform("u_scale"), 2.0f, 2.0f);
    glUniform2f(p.uniform("u_grid_min_m"), 0.0f, 0.0f);
    glUniform2f(p.uniform("u_grid_size_m"), 1.0f, 1.0f);
    glUniform2f(p.uniform("u_texel"), 1.0f / static_cast<float>(w), 1.0f / static_cast<float>(h));
    glUniform2f(p.uniform("u_cell_m"), static_cast<float>(m_terrain->cell_width_m()), static_cast<float>(m_terrain->cell_height_m()));
    glUniform2f(p.uniform("u_sun"), static_cast<float>(m_terrain_style.azimuth_deg * kRadPerDeg), static_cast<float>(m_terrain_style.altitude_deg * kRadPerDeg));
    glUniform1i(p.uniform("u_tint"), m_terrain_style.tint ? 1 : 0);
    glUniform2f(p.uniform("u_range_m"), m_terrain->min_m, m_terrain->max_m);
    glUniform1i(p.uniform("u_elevation"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, m_terrain_texture);
    glBindVertexArray(m_quad.vao);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
    m_shade_valid = true;
}

void MapRenderer::draw_terrain(float centre_x, float centre_y, float scale_x, float scale_y) {
    if (!m_shade_valid || !m_terrain_style.visible) return;
    const ShaderProgram& p = m_terrain_multiply;
    p.use();
    glUniform2f(p.uniform("u_centre_m"), centre_x, centre_y);
    glUniform2f(p.uniform("u_scale"), scale_x, scale_y);
    const model::Extent& e = m_terrain->extent_m;
    glUniform2f(p.uniform("u_grid_min_m"), static_cast<float>(e.min_x - m_mesh.origin_m.x), static_cast<float>(e.min_y - m_mesh.origin_m.y));
    glUniform2f(p.uniform("u_grid_size_m"), static_cast<float>(e.width()), static_cast<float>(e.height()));
    glUniform1i(p.uniform("u_shade"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, m_shade_texture);
    // Multiply: the fills (and the background) darkened by the shade, their hue kept.
    glBlendFunc(GL_DST_COLOR, GL_ZERO);
    glBindVertexArray(m_quad.vao);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
}

void MapRenderer::fill_level(Level& level, const MeshLevel& mesh) {
    fill_buffer(level.fills.vao, level.fills.vbo, mesh.fills);
    fill_buffer(level.strokes.vao, level.strokes.vbo, mesh.strokes);
    glBindVertexArray(0);
    level.batches = mesh.batches;
    level.built = true;
}

void MapRenderer::render_cache(const scene::Viewport& canvas) {
    GLint previous = 0;  // the window's framebuffer, to draw into again afterwards
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous);
    shade_terrain();
    scene::Viewport view = canvas;
    view.width_px = canvas.width_px * 2;
    view.height_px = canvas.height_px * 2;
    if (!m_cache.valid || view.width_px != m_cache.view.width_px || view.height_px != m_cache.view.height_px) {
        glBindTexture(GL_TEXTURE_2D, m_cache.texture);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, view.width_px, view.height_px, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        // Nearest: at rest the texture maps pixel for pixel, so the map looks exactly as drawn.
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glBindFramebuffer(GL_FRAMEBUFFER, m_cache.framebuffer);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_cache.texture, 0);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, m_cache.framebuffer);
    glViewport(0, 0, view.width_px, view.height_px);
    glClearColor(m_background.r / 255.0f, m_background.g / 255.0f, m_background.b / 255.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    draw_scene(view);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
    m_cache.view = view;
    m_cache.valid = true;
}

void MapRenderer::draw(const scene::Viewport& viewport, int x_px, int y_px) {
    // The canvas's offset from the cached view, in pixels; re-render past a quarter of the margin.
    const double dx = (viewport.centre_m.x - m_cache.view.centre_m.x) / viewport.m_per_px;
    const double dy = (viewport.centre_m.y - m_cache.view.centre_m.y) / viewport.m_per_px;
    if (!m_cache.valid || m_cache.view.m_per_px != viewport.m_per_px || m_cache.view.width_px != viewport.width_px * 2 ||
        m_cache.view.height_px != viewport.height_px * 2 || std::fabs(dx) > viewport.width_px / 4.0 || std::fabs(dy) > viewport.height_px / 4.0)
        render_cache(viewport);
    const double ox = (viewport.centre_m.x - m_cache.view.centre_m.x) / viewport.m_per_px;
    const double oy = (viewport.centre_m.y - m_cache.view.centre_m.y) / viewport.m_per_px;

    glViewport(x_px, y_px, viewport.width_px, viewport.height_px);
    glDisable(GL_BLEND);
    m_blit.use();
    const double w = m_cache.view.width_px, h = m_cache.view.height_px;
    glUniform2f(m_blit.uniform("u_texture_origin"), static_cast<float>((w / 4 + std::round(ox)) / w), static_cast<float>((h / 4 + std::round(oy)) / h));
    glUniform2f(m_blit.uniform("u_texture_span"), static_cast<float>(viewport.width_px / w), static_cast<float>(viewport.height_px / h));
    glUniform4f(m_blit.uniform("u_background"), m_background.r / 255.0f, m_background.g / 255.0f, m_background.b / 255.0f, 1.0f);
    glUniform1i(m_blit.uniform("u_map"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, m_cache.texture);
    glBindVertexArray(m_quad.vao);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
}

void MapRenderer::draw_scene(const scene::Viewport& viewport) {
    // Thinned outlines while a pixel covers more ground than they were thinned by.
    const bool overview = viewport.m_per_px >= m_mesh.overview_m;
    if (!overview && !m_detail.built) {
        // Small maps build their detail at once; a province's takes seconds, so the caller builds
        // it on a worker (see wants_detail) and the thinned level stands in meanwhile.
        if (m_mesh.scene->items.size() <= kDetailInlineItems) fill_level(m_detail, build_level(*m_mesh.scene, m_mesh.origin_m, 0));
        else m_wants_detail = true;
    }
    const Level& level = overview || !m_detail.built ? m_overview : m_detail;
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_PROGRAM_POINT_SIZE);

    const float centre_x = static_cast<float>(viewport.centre_m.x - m_mesh.origin_m.x);
    const float centre_y = static_cast<float>(viewport.centre_m.y - m_mesh.origin_m.y);
    const float scale_x = static_cast<float>(2.0 / (viewport.width_px * viewport.m_per_px));
    const float scale_y = static_cast<float>(2.0 / (viewport.height_px * viewport.m_per_px));
    auto common = [&](const ShaderProgram& p) {
        p.use();
        glUniform2f(p.uniform("u_centre_m"), centre_x, centre_y);
        glUniform2f(p.uniform("u_scale"), scale_x, scale_y);
    };
    // The hillshade after the fills, under every border, line and symbol (Scene::terrain_position).
    bool terrain_drawn = false;
    for (const Batch& batch : level.batches) {
        if (!terrain_drawn && batch.kind != Batch::Kind::Fill) {
            draw_terrain(centre_x, centre_y, scale_x, scale_y);
            terrain_drawn = true;
        }
        switch (batch.kind) {
            case Batch::Kind::Fill:
                common(m_fill);
                glBindVertexArray(level.fills.vao);
                glDrawArrays(GL_TRIANGLES, batch.first, batch.count);
                break;
            case Batch::Kind::Outline:
                // Borders of villages a few pixels wide would only grey the map (and cost the
                // most to draw at province scale): shown once villages are large enough.
                if (m_mesh.outline_spacing_m / viewport.m_per_px < kOutlinesFromPx) break;
                [[fallthrough]];
            case Batch::Kind::Stroke:
                common(m_line);
                glUniform2f(m_line.uniform("u_viewport_px"), static_cast<float>(viewport.width_px),
                            static_cast<float>(viewport.height_px));
                glUniform1f(m_line.uniform("u_m_per_px"), static_cast<float>(viewport.m_per_px));
                glBindVertexArray(level.strokes.vao);
                glBindBuffer(GL_ARRAY_BUFFER, level.strokes.vbo);
                point_segment_attributes(static_cast<std::size_t>(batch.first));
                glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, batch.count);
                break;
            case Batch::Kind::Marker:
                common(m_marker);
                glUniform1f(m_marker.uniform("u_symbol_scale"), static_cast<float>(symbol_scale(viewport.m_per_px)));
                glBindVertexArray(m_markers.vao);
                glDrawArrays(GL_POINTS, batch.first, batch.count);
                break;
        }
    }
    if (!terrain_drawn) draw_terrain(centre_x, centre_y, scale_x, scale_y);
    glBindVertexArray(0);
}

}  // namespace ca::render
