// Point location and line splitting over villages.
#include "core/analysis/village_index.hpp"

#include <algorithm>
#include <cmath>

#include "core/analysis/measure.hpp"

namespace ca::analysis {

namespace {

enum class Where { Outside, Boundary, Inside };

// Crossing-number point-in-polygon over all rings (holes and parts included, even-odd), with an
// exact test for points lying on a segment.
Where where_is(const model::Geometry& g, model::Vec2 p) {
    bool inside = false;
    for (std::size_t r = 0; r < g.ring_count(); ++r) {
        const auto ring = g.ring(r);
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
            const model::Vec2 a = ring[i], b = ring[i + 1];
            if ((a.y > p.y) != (b.y > p.y)) {
                const double x_cross = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
                if (p.x < x_cross) inside = !inside;
                else if (p.x == x_cross) return Where::Boundary;
            }
            if (p.y == a.y && p.y == b.y && p.x >= std::min(a.x, b.x) && p.x <= std::max(a.x, b.x)) return Where::Boundary;
            if (p.x == a.x && p.y == a.y) return Where::Boundary;
        }
    }
    return inside ? Where::Inside : Where::Outside;
}

bool in_box(const model::Extent& e, model::Vec2 p) { return p.x >= e.min_x && p.x <= e.max_x && p.y >= e.min_y && p.y <= e.max_y; }

}  // namespace

VillageIndex::VillageIndex(const std::vector<const model::Geometry*>& polygons) : m_polygons(polygons) {
    for (const auto* p : polygons) m_extents.push_back(p->extent());
    build_grid();
}

void VillageIndex::build_grid() {
    for (const auto& e : m_extents) m_grid_extent.merge(e);
    if (m_grid_extent.empty()) return;
    // About one village per cell.
    const double cells = std::max<double>(1, static_cast<double>(m_extents.size()));
    const double aspect = std::max(m_grid_extent.width(), 1e-12) / std::max(m_grid_extent.height(), 1e-12);
    m_grid_nx = std::clamp(static_cast<int>(std::sqrt(cells * aspect)), 1, 4096);
    m_grid_ny = std::clamp(static_cast<int>(cells / m_grid_nx), 1, 4096);
    m_cell_w = std::max(m_grid_extent.width(), 1e-12) / m_grid_nx;
    m_cell_h = std::max(m_grid_extent.height(), 1e-12) / m_grid_ny;
    auto cell_range = [this](const model::Extent& e, int& x0, int& y0, int& x1, int& y1) {
        x0 = std::clamp(static_cast<int>((e.min_x - m_grid_extent.min_x) / m_cell_w), 0, m_grid_nx - 1);
        x1 = std::clamp(static_cast<int>((e.max_x - m_grid_extent.min_x) / m_cell_w), 0, m_grid_nx - 1);
        y0 = std::clamp(static_cast<int>((e.min_y - m_grid_extent.min_y) / m_cell_h), 0, m_grid_ny - 1);
        y1 = std::clamp(static_cast<int>((e.max_y - m_grid_extent.min_y) / m_cell_h), 0, m_grid_ny - 1);
    };
    // Two passes: count per cell, then fill, so the lists sit in one array.
    std::vector<std::uint32_t> counts(static_cast<std::size_t>(m_grid_nx) * m_grid_ny + 1, 0);
    for (const auto& e : m_extents) {
        int x0, y0, x1, y1;
        cell_range(e, x0, y0, x1, y1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) ++counts[static_cast<std::size_t>(y) * m_grid_nx + x + 1];
    }
    m_cell_starts.assign(counts.size(), 0);
    for (std::size_t c = 1; c < counts.size(); ++c) m_cell_starts[c] = m_cell_starts[c - 1] + counts[c];
    m_cell_items.resize(m_cell_starts.back());
    std::vector<std::uint32_t> filled(m_cell_starts.begin(), m_cell_starts.end() - 1);
    for (std::size_t i = 0; i < m_extents.size(); ++i) {
        int x0, y0, x1, y1;
        cell_range(m_extents[i], x0, y0, x1, y1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) m_cell_items[filled[static_cast<std::size_t>(y) * m_grid_nx + x]++] = static_cast<std::uint32_t>(i);
    }
}

std::size_t VillageIndex::cell_of(model::Vec2 p) const {
    const int x = std::min(static_cast<int>((p.x - m_grid_extent.min_x) / m_cell_w), m_grid_nx - 1);
    const int y = std::min(static_cast<int>((p.y - m_grid_extent.min_y) / m_cell_h), m_grid_ny - 1);
    return static_cast<std::size_t>(y) * m_grid_nx + x;
}

void VillageIndex::locate_many(std::span<const model::Vec2> points, std::span<std::int64_t> out) const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> order;  // (cell, point), outside points skipped
    order.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        out[i] = -1;
        if (m_grid_nx > 0 && in_box(m_grid_extent, points[i]))
            order.emplace_back(static_cast<std::uint32_t>(cell_of(points[i])), static_cast<std::uint32_t>(i));
    }
    std::sort(order.begin(), order.end());
    for (const auto& [cell, i] : order)
        if (const auto v = locate(points[i])) out[i] = static_cast<std::int64_t>(*v);
}

std::optional<std::size_t> VillageIndex::locate(model::Vec2 p) const {
    if (m_grid_nx == 0 || !in_box(m_grid_extent, p)) return std::nullopt;
    const std::size_t cell = cell_of(p);
    std::optional<std::size_t> on_border;
    for (std::uint32_t k = m_cell_starts[cell]; k < m_cell_starts[cell + 1]; ++k) {
        const std::uint32_t i = m_cell_items[k];  // ascending: the first border hit is the lowest index
        if (!in_box(m_extents[i], p)) continue;
        const Where w = where_is(*m_polygons[i], p);
        if (w == Where::Inside) return i;
        if (w == Where::Boundary && !on_border) on_border = i;
    }
    return on_border;
}

void VillageIndex::villages_near(const model::Extent& box, std::vector<std::uint32_t>& out) const {
    out.clear();
    if (m_grid_nx == 0) return;
    const int x0 = std::clamp(static_cast<int>((box.min_x - m_grid_extent.min_x) / m_cell_w), 0, m_grid_nx - 1);
    const int x1 = std::clamp(static_cast<int>((box.max_x - m_grid_extent.min_x) / m_cell_w), 0, m_grid_nx - 1);
    const int y0 = std::clamp(static_cast<int>((box.min_y - m_grid_extent.min_y) / m_cell_h), 0, m_grid_ny - 1);
    const int y1 = std::clamp(static_cast<int>((box.max_y - m_grid_extent.min_y) / m_cell_h), 0, m_grid_ny - 1);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const std::size_t cell = static_cast<std::size_t>(y) * m_grid_nx + x;
            out.insert(out.end(), m_cell_items.begin() + m_cell_starts[cell], m_cell_items.begin() + m_cell_starts[cell + 1]);
        }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

void VillageIndex::split_line(const model::Geometry& line, const std::function<void(std::size_t, double)>& piece) const {
    if (line.type != model::GeometryType::Line) return;
    std::vector<std::uint32_t> near;
    std::vector<double> cuts;
    for (std::size_t r = 0; r < line.ring_count(); ++r) {
        const auto points = line.ring(r);
        for (std::size_t s = 0; s + 1 < points.size(); ++s) {
            const model::Vec2 a = points[s], b = points[s + 1];
            model::Extent box;
            box.add(a);
            box.add(b);
            villages_near(box, near);
            // Where the segment crosses village edges, as fractions t of the way from a to b.
            cuts.assign({0.0, 1.0});
            const double dx = b.x - a.x, dy = b.y - a.y;
            for (std::uint32_t v : near) {
                const auto& e = m_extents[v];
                if (e.max_x < box.min_x || e.min_x > box.max_x || e.max_y < box.min_y || e.min_y > box.max_y) continue;
                const model::Geometry& g = *m_polygons[v];
                for (std::size_t ring = 0; ring < g.ring_count(); ++ring) {
                    const auto edge = g.ring(ring);
                    for (std::size_t i = 0; i + 1 < edge.size(); ++i) {
                        const model::Vec2 c = edge[i], d = edge[i + 1];
                        if (std::max(c.x, d.x) < box.min_x || std::min(c.x, d.x) > box.max_x || std::max(c.y, d.y) < box.min_y ||
                            std::min(c.y, d.y) > box.max_y)
                            continue;
                        const double ex = d.x - c.x, ey = d.y - c.y;
                        const double denominator = dx * ey - dy * ex;
                        if (denominator == 0) continue;  // parallel: the pieces' midpoints settle it
                        const double t = ((c.x - a.x) * ey - (c.y - a.y) * ex) / denominator;
                        const double u = ((c.x - a.x) * dy - (c.y - a.y) * dx) / denominator;
                        if (t > 0 && t < 1 && u >= 0 && u <= 1) cuts.push_back(t);
                    }
                }
            }
            std::sort(cuts.begin(), cuts.end());
            for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
                const double t0 = cuts[k], t1 = cuts[k + 1];
                if (t1 <= t0) continue;
                const model::Vec2 p0{a.x + dx * t0, a.y + dy * t0}, p1{a.x + dx * t1, a.y + dy * t1};
                if (const auto village = locate({(p0.x + p1.x) / 2, (p0.y + p1.y) / 2})) piece(*village, segment_length_m(p0, p1));
            }
        }
    }
}

}  // namespace ca::analysis
