// Zonal terrain statistics: villages rasterised by scanlines in the DEM's grid, strip by strip.
#include "core/terrain/zonal.hpp"

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>
#include <optional>
#include <span>
#include <utility>

#include "core/analysis/geos_context.hpp"
#include "core/analysis/measure.hpp"
#include "core/analysis/parallel.hpp"
#include "core/analysis/triangulate.hpp"
#include "core/terrain/dem_pixels.hpp"
#include "core/terrain/village_outlines.hpp"

namespace ca::terrain {
namespace {

constexpr int kSublines = 4;  // scanlines per pixel row: edge pixels weighted in quarters of a row

// One village's coverage of the pixels of one row, as fractions of a pixel.
class RowCoverage {
public:
    void reset(int first_col, int cols) {
        m_first = first_col;
        m_cover.assign(static_cast<std::size_t>(cols) + 1, 0.0);
        m_full.assign(static_cast<std::size_t>(cols) + 2, 0.0);
    }
    // The stretch [x0, x1) of one subline (pixel columns as coordinates) inside the village.
    void add_span(double x0, double x1) {
        const double lo = m_first, hi = m_first + static_cast<double>(m_cover.size()) - 1;
        x0 = std::clamp(x0, lo, hi), x1 = std::clamp(x1, lo, hi);
        if (x1 <= x0) return;
        const int c0 = static_cast<int>(std::floor(x0)), c1 = static_cast<int>(std::floor(x1));
        const double w = 1.0 / kSublines;
        if (c0 == c1) {
            cover(c0) += (x1 - x0) * w;
            return;
        }
        cover(c0) += (c0 + 1 - x0) * w;
        cover(c1) += (x1 - c1) * w;
        m_full[static_cast<std::size_t>(c0 + 1 - m_first)] += w;  // whole pixels between: a difference array
        m_full[static_cast<std::size_t>(c1 - m_first)] -= w;
    }
    // Calls use(col, fraction) for every pixel the village touches in this row.
    template <typename Use>
    void each(Use&& use) {
        double full = 0;
        for (std::size_t i = 0; i + 1 < m_cover.size(); ++i) {
            full += m_full[i];
            // A millionth of a pixel is a border's rounding (a shape taken to lon/lat and back), not land.
            if (const double f = m_cover[i] + full; f > 1e-6) use(m_first + static_cast<int>(i), std::min(f, 1.0));
        }
    }

private:
    double& cover(int col) { return m_cover[static_cast<std::size_t>(col - m_first)]; }
    int m_first = 0;
    std::vector<double> m_cover, m_full;
};

// Where each subline of rows [row0, row1) crosses the village's edges, sorted.
std::vector<std::vector<double>> crossings(const VillageOutline& village, int row0, int row1) {
    std::vector<std::vector<double>> xs(static_cast<std::size_t>(row1 - row0) * kSublines);
    for (const auto& ring : village.rings)
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
            const model::Vec2 a = ring[i], b = ring[i + 1];
            if (a.y == b.y) continue;
            const double y_lo = std::min(a.y, b.y), y_hi = std::max(a.y, b.y);
            // Sublines sit at row + (k + 0.5) / kSublines; this edge crosses those in [y_lo, y_hi).
            const long first = std::max<long>(static_cast<long>(std::ceil(y_lo * kSublines - 0.5)), long{row0} * kSublines);
            const long last = std::min<long>(static_cast<long>(std::ceil(y_hi * kSublines - 0.5)), long{row1} * kSublines);
            for (long s = first; s < last; ++s) {
                const double y = (s + 0.5) / kSublines;
                xs[static_cast<std::size_t>(s - long{row0} * kSublines)].push_back(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
            }
        }
    for (auto& line : xs) std::sort(line.begin(), line.end());
    return xs;
}

// Adds the village's pixels in the strip's rows (even-odd rule, holes and parts alike) to its sums.
void accumulate(const VillageOutline& village, const DemStrip& strip, double high_altitude_m, analysis::TerrainSums& sums) {
    const int row0 = std::max(village.first_row, strip.first_row), row1 = std::min(village.last_row + 1, strip.first_row + strip.rows);
    if (row0 >= row1) return;
    const auto xs = crossings(village, row0, row1);
    RowCoverage coverage;
    for (int row = row0; row < row1; ++row) {
        coverage.reset(village.first_col, village.last_col - village.first_col + 1);
        for (int k = 0; k < kSublines; ++k) {
            const auto& line = xs[static_cast<std::size_t>(row - row0) * kSublines + k];
            for (std::size_t i = 0; i + 1 < line.size(); i += 2) coverage.add_span(line[i], line[i + 1]);
        }
        const double pixel_m2 = strip.pixel_area_m2(row);
        coverage.each([&](int col, double fraction) {
            const float z = strip.elevation(col, row);
            if (std::isnan(z)) return;
            add_pixel(sums, z, strip.slope_deg(col, row), fraction * pixel_m2, high_altitude_m);
        });
    }
}

// A village the scanlines missed (smaller than a quarter pixel row) takes the pixel at a point inside it.
void take_pixel_inside(const model::Geometry& shape, const DemPixels& dem, double high_altitude_m, analysis::TerrainSums& sums) {
    const analysis::GeosContext geos;
    const model::Vec2 at = dem.to_pixel(analysis::point_inside(geos, shape));
    const int col = static_cast<int>(std::floor(at.x)), row = static_cast<int>(std::floor(at.y));
    if (col < 0 || row < 0 || col >= dem.width() || row >= dem.height()) return;
    const DemStrip strip = dem.read_strip(row, 1);
    const float z = strip.elevation(col, row);
    if (!std::isnan(z)) add_pixel(sums, z, strip.slope_deg(col, row), analysis::area_km2(shape) * 1e6, high_altitude_m);
}

// The first and last strip holding villages; none when no village touches the DEM.
std::optional<std::pair<std::size_t, std::size_t>> strips_with_villages(const std::vector<std::vector<std::size_t>>& in_strip) {
    std::optional<std::pair<std::size_t, std::size_t>> span;
    for (std::size_t s = 0; s < in_strip.size(); ++s)
        if (!in_strip[s].empty()) span = std::pair{span ? span->first : s, s};
    return span;
}

// Strips [first, last] in order, each handed to `use` with its index. Every row of tiles is
// decoded once (a strip's halo rows are its neighbours' edge rows, kept), and the strip after the
// next is read while this one is worked on.
template <typename Use>
void sum_strips(const DemPixels& dem, std::pair<std::size_t, std::size_t> span, int strip_rows, Use&& use) {
    const std::size_t w = static_cast<std::size_t>(dem.width());
    auto first_row = [&](std::size_t s) { return static_cast<int>(s) * strip_rows; };
    // The rows of strip s: all of them up to the last strip, after it only the one row below it.
    auto read = [&](std::size_t s) {
        const int first = first_row(s), count = first >= dem.height() ? 0 : s <= span.second ? std::min(strip_rows, dem.height() - first) : 1;
        return std::async(std::launch::async, [&dem, first, count] { return dem.read_rows(first, count); });
    };
    std::vector<float> above = span.first > 0 ? dem.read_rows(first_row(span.first) - 1, 1) : std::vector<float>();
    std::vector<float> current = read(span.first).get();
    std::future<std::vector<float>> next = read(span.first + 1);
    for (std::size_t s = span.first; s <= span.second; ++s) {
        std::vector<float> following = next.get();
        if (s < span.second) next = read(s + 2);
        const std::span<const float> edge_above = std::span<const float>(above).last(above.empty() ? 0 : w);
        const std::span<const float> edge_below = std::span<const float>(following).first(following.empty() ? 0 : w);
        use(dem.make_strip(first_row(s), current, edge_above, edge_below), s);
        above = std::move(current);
        current = std::move(following);
    }
}

// How many villages the DEM misses, or covers less than 99 % of (areas on the ellipsoid).
void count_coverage(const std::vector<const model::Geometry*>& shapes, VillageTerrain& terrain) {
    terrain.not_covered = terrain.partly_covered = 0;
    for (std::size_t v = 0; v < shapes.size() && v < terrain.villages.size(); ++v) {
        const auto& sums = terrain.villages[v];
        if (!sums.has_data()) ++terrain.not_covered;
        else if (sums.area_m2 < 0.99 * analysis::area_km2(*shapes[v]) * 1e6) ++terrain.partly_covered;
    }
}

}  // namespace

VillageTerrain village_terrain(const model::Project& project, double high_altitude_m) {
    VillageTerrain result;
    if (!project.dem) return result;
    const DemPixels dem(*project.dem);
    const std::vector<const model::Geometry*> shapes = village_shapes(project);
    const std::vector<VillageOutline> outlines = village_outlines(shapes, dem);
    result.villages.resize(shapes.size());
    // Each village's list of strips, so a strip visits only the villages it holds rows of.
    const int strip_rows = dem.strip_rows();
    std::vector<std::vector<std::size_t>> in_strip(static_cast<std::size_t>((dem.height() + strip_rows - 1) / strip_rows));
    for (std::size_t v = 0; v < outlines.size(); ++v)
        if (!outlines[v].empty())
            for (int s = outlines[v].first_row / strip_rows; s <= outlines[v].last_row / strip_rows; ++s) in_strip[static_cast<std::size_t>(s)].push_back(v);
    if (const auto span = strips_with_villages(in_strip))
        sum_strips(dem, *span, strip_rows, [&](const DemStrip& strip, std::size_t s) {
            const auto& villages = in_strip[s];
            analysis::parallel_for(villages.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
                for (std::size_t i = begin; i < end; ++i) accumulate(outlines[villages[i]], strip, high_altitude_m, result.villages[villages[i]]);
            }, 16);
        });
    for (std::size_t v = 0; v < shapes.size(); ++v)
        if (!result.villages[v].has_data() && !outlines[v].empty()) take_pixel_inside(*shapes[v], dem, high_altitude_m, result.villages[v]);
    count_coverage(shapes, result);
    return result;
}

std::uint64_t terrain_key(const model::Project& project, double high_altitude_m) {
    // FNV-1a over the DEM's path, the altitude and every village vertex: equal keys, equal terrain.
    std::uint64_t key = 14695981039346656037ull;
    auto mix = [&key](const void* data, std::size_t size) {
        for (const auto* byte = static_cast<const unsigned char*>(data); size--; ++byte) key = (key ^ *byte) * 1099511628211ull;
    };
    if (project.dem) mix(project.dem->path.data(), project.dem->path.size());
    mix(&high_altitude_m, sizeof high_altitude_m);
    for (const auto* shape : village_shapes(project)) mix(shape->coords.data(), shape->coords.size() * sizeof(model::Vec2));
    return key;
}

model::ProblemLog attach_terrain(const model::Project& project, analysis::StatsOptions& options, const analysis::StatsOptions* measured) {
    model::ProblemLog problems;
    if (!project.dem) return problems;
    const std::uint64_t key = terrain_key(project, options.high_altitude_m);
    VillageTerrain coverage;
    if (measured && measured->village_terrain && measured->village_terrain_key == key) {
        options.village_terrain = measured->village_terrain;  // the same villages on the same DEM: measured before
        coverage.villages = *options.village_terrain;
        count_coverage(village_shapes(project), coverage);
    } else {
        coverage = village_terrain(project, options.high_altitude_m);
        options.village_terrain = std::make_shared<const std::vector<analysis::TerrainSums>>(coverage.villages);
    }
    options.village_terrain_key = key;
    auto warn = [&](std::size_t n, const char* kind, const std::string& what) {
        if (n) problems.add({model::Severity::Warning, kind, project.dem->name, {}, -1, false, std::to_string(n) + what});
    };
    warn(coverage.not_covered, "no terrain", " villages lie outside it, on its nodata pixels or where its CRS does not reach: no terrain figures for them");
    warn(coverage.partly_covered, "partial terrain",
         " villages lie partly outside it or on its nodata pixels: their terrain figures are of the covered part");
    return problems;
}

}  // namespace ca::terrain
