// Building GPU buffers from a Scene and drawing them in paint order.
#include "render/map_renderer.hpp"

#include <cmath>
#include <cstddef>
#include <variant>

#include "core/analysis/triangulate.hpp"

namespace ca::render {
namespace {

struct FillVertex {
    float x, y;
    std::uint8_t r, g, b, a;
};
struct LineVertex {
    float x, y, nx, ny;
    std::uint8_t r, g, b, a;
    float width_px, distance_m, dash_on, dash_off;
    float side, along;
};
struct MarkerVertex {
    float x, y;
    std::uint8_t r, g, b, a;
    float size_px, shape;
};

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

// Two triangles per segment, each corner pushed along the segment's normal in the shader.
void extrude(const model::Geometry& g, model::Vec2 origin, const scene::Stroke& s, std::vector<LineVertex>& out) {
    const bool closed = g.type == model::GeometryType::Polygon;
    const float dash_on = s.dash_px.size() >= 2 ? s.dash_px[0] : 0;
    const float dash_off = s.dash_px.size() >= 2 ? s.dash_px[1] : 0;
    for (std::size_t r = 0; r < g.ring_count(); ++r) {
        const auto ring = g.ring(r);
        double distance = 0;
        const std::size_t n = ring.size();
        const std::size_t segments = closed ? n : (n == 0 ? 0 : n - 1);
        for (std::size_t i = 0; i < segments; ++i) {
            const model::Vec2 a = ring[i], b = ring[(i + 1) % n];
            const double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
            if (len == 0) continue;
            const float nx = static_cast<float>(-dy / len), ny = static_cast<float>(dx / len);
            auto v = [&](model::Vec2 p, float side, float along, double d) {
                out.push_back({static_cast<float>(p.x - origin.x), static_cast<float>(p.y - origin.y), nx, ny, s.color.r,
                               s.color.g, s.color.b, s.color.a, s.width_px, static_cast<float>(d), dash_on, dash_off, side, along});
            };
            v(a, -1, -1, distance), v(a, 1, -1, distance), v(b, 1, 1, distance + len);
            v(a, -1, -1, distance), v(b, 1, 1, distance + len), v(b, -1, 1, distance + len);
            distance += len;
        }
    }
}

}  // namespace

MapRenderer::MapRenderer() {
    for (Buffer* b : {&m_fills, &m_strokes, &m_markers}) {
        glGenVertexArrays(1, &b->vao);
        glGenBuffers(1, &b->vbo);
    }
    glBindVertexArray(m_fills.vao);
    glBindBuffer(GL_ARRAY_BUFFER, m_fills.vbo);
    attribute<FillVertex>(0, 2, GL_FLOAT, offsetof(FillVertex, x));
    attribute<FillVertex>(1, 4, GL_UNSIGNED_BYTE, offsetof(FillVertex, r), GL_TRUE);
    glBindVertexArray(m_strokes.vao);
    glBindBuffer(GL_ARRAY_BUFFER, m_strokes.vbo);
    attribute<LineVertex>(0, 2, GL_FLOAT, offsetof(LineVertex, x));
    attribute<LineVertex>(1, 2, GL_FLOAT, offsetof(LineVertex, nx));
    attribute<LineVertex>(2, 4, GL_UNSIGNED_BYTE, offsetof(LineVertex, r), GL_TRUE);
    attribute<LineVertex>(3, 1, GL_FLOAT, offsetof(LineVertex, width_px));
    attribute<LineVertex>(4, 1, GL_FLOAT, offsetof(LineVertex, distance_m));
    attribute<LineVertex>(5, 2, GL_FLOAT, offsetof(LineVertex, dash_on));
    attribute<LineVertex>(6, 2, GL_FLOAT, offsetof(LineVertex, side));
    glBindVertexArray(m_markers.vao);
    glBindBuffer(GL_ARRAY_BUFFER, m_markers.vbo);
    attribute<MarkerVertex>(0, 2, GL_FLOAT, offsetof(MarkerVertex, x));
    attribute<MarkerVertex>(1, 4, GL_UNSIGNED_BYTE, offsetof(MarkerVertex, r), GL_TRUE);
    attribute<MarkerVertex>(2, 1, GL_FLOAT, offsetof(MarkerVertex, size_px));
    attribute<MarkerVertex>(3, 1, GL_FLOAT, offsetof(MarkerVertex, shape));
    glBindVertexArray(0);
}

MapRenderer::~MapRenderer() {
    for (Buffer* b : {&m_fills, &m_strokes, &m_markers}) {
        glDeleteBuffers(1, &b->vbo);
        glDeleteVertexArrays(1, &b->vao);
    }
}

void MapRenderer::upload(const scene::Scene& scene) {
    m_origin_m = scene.extent_m.empty() ? model::Vec2{} : scene.extent_m.centre();
    m_background = scene.background;
    std::vector<FillVertex> fills;
    std::vector<LineVertex> strokes;
    std::vector<MarkerVertex> markers;
    m_batches.clear();
    const analysis::GeosContext geos;

    auto extend_batch = [this](Kind kind, std::size_t first, std::size_t end) {
        if (end == first) return;
        if (!m_batches.empty() && m_batches.back().kind == kind &&
            static_cast<std::size_t>(m_batches.back().first + m_batches.back().count) == first) {
            m_batches.back().count = static_cast<GLsizei>(end - m_batches.back().first);
            return;
        }
        m_batches.push_back({kind, static_cast<GLint>(first), static_cast<GLsizei>(end - first)});
    };

    for (const auto& item : scene.items) {
        if (const auto* fill = std::get_if<scene::Fill>(&item)) {
            const std::size_t first = fills.size();
            for (const auto& p : analysis::triangulate(geos, fill->shape_m))
                fills.push_back({static_cast<float>(p.x - m_origin_m.x), static_cast<float>(p.y - m_origin_m.y), fill->color.r,
                                 fill->color.g, fill->color.b, fill->color.a});
            extend_batch(Kind::Fill, first, fills.size());
        } else if (const auto* stroke = std::get_if<scene::Stroke>(&item)) {
            const std::size_t first = strokes.size();
            extrude(stroke->shape_m, m_origin_m, *stroke, strokes);
            extend_batch(Kind::Stroke, first, strokes.size());
        } else if (const auto* marker = std::get_if<scene::Marker>(&item)) {
            const std::size_t first = markers.size();
            const auto& c = marker->color;
            markers.push_back({static_cast<float>(marker->position_m.x - m_origin_m.x),
                               static_cast<float>(marker->position_m.y - m_origin_m.y), c.r, c.g, c.b, c.a, marker->size_px,
                               static_cast<float>(static_cast<int>(marker->shape))});
            extend_batch(Kind::Marker, first, markers.size());
        }
    }
    fill_buffer(m_fills.vao, m_fills.vbo, fills);
    fill_buffer(m_strokes.vao, m_strokes.vbo, strokes);
    fill_buffer(m_markers.vao, m_markers.vbo, markers);
    glBindVertexArray(0);
}

void MapRenderer::draw(const scene::Viewport& viewport, int x_px, int y_px) const {
    glViewport(x_px, y_px, viewport.width_px, viewport.height_px);
    glEnable(GL_SCISSOR_TEST);
    glScissor(x_px, y_px, viewport.width_px, viewport.height_px);
    glClearColor(m_background.r / 255.0f, m_background.g / 255.0f, m_background.b / 255.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_PROGRAM_POINT_SIZE);

    const float centre_x = static_cast<float>(viewport.centre_m.x - m_origin_m.x);
    const float centre_y = static_cast<float>(viewport.centre_m.y - m_origin_m.y);
    const float scale_x = static_cast<float>(2.0 / (viewport.width_px * viewport.m_per_px));
    const float scale_y = static_cast<float>(2.0 / (viewport.height_px * viewport.m_per_px));
    auto common = [&](const ShaderProgram& p) {
        p.use();
        glUniform2f(p.uniform("u_centre_m"), centre_x, centre_y);
        glUniform2f(p.uniform("u_scale"), scale_x, scale_y);
    };
    for (const Batch& batch : m_batches) {
        switch (batch.kind) {
            case Kind::Fill:
                common(m_fill);
                glBindVertexArray(m_fills.vao);
                glDrawArrays(GL_TRIANGLES, batch.first, batch.count);
                break;
            case Kind::Stroke:
                common(m_line);
                glUniform2f(m_line.uniform("u_viewport_px"), static_cast<float>(viewport.width_px),
                            static_cast<float>(viewport.height_px));
                glUniform1f(m_line.uniform("u_m_per_px"), static_cast<float>(viewport.m_per_px));
                glBindVertexArray(m_strokes.vao);
                glDrawArrays(GL_TRIANGLES, batch.first, batch.count);
                break;
            case Kind::Marker:
                common(m_marker);
                glBindVertexArray(m_markers.vao);
                glDrawArrays(GL_POINTS, batch.first, batch.count);
                break;
        }
    }
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
}

}  // namespace ca::render
