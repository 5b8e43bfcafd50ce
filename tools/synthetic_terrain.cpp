// The sample county's terrain: a basin, ridged noise scaled by how mountainous each township is,
// and valleys cut along the ditches (narrow) and the roads to the county seat (broad), whose floors
// follow the smooth rise of the land so water would run towards the seat.
#include "tools/synthetic_terrain.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/model/fields.hpp"

namespace ca::tools {
namespace {

using model::Vec2;

std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ull;
    x ^= x >> 33;
    return x;
}

double smoothstep(double lo, double hi, double x) {
    const double t = std::clamp((x - lo) / (hi - lo), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

// Distance in metres from each cell's centre to the nearest of some lines, up to `cutoff_m`
// (larger beyond it). Each segment visits only the cells of its box widened by the cutoff.
std::vector<float> distance_to(const std::vector<const model::Geometry*>& lines, const TerrainGrid& grid, double cutoff_m) {
    std::vector<float> d(static_cast<std::size_t>(grid.width) * grid.height, std::numeric_limits<float>::max());
    for (const model::Geometry* g : lines)
        for (std::size_t r = 0; r < g->ring_count(); ++r) {
            const auto ring = g->ring(r);
            for (std::size_t i = 1; i < ring.size(); ++i) {
                const Vec2 a = ring[i - 1], b = ring[i];
                const double dx = b.x - a.x, dy = b.y - a.y, len2 = std::max(dx * dx + dy * dy, 1e-9);
                const int c0 = std::max(0, static_cast<int>((std::min(a.x, b.x) - cutoff_m - grid.min_x_m) / grid.cell_m));
                const int c1 = std::min(grid.width - 1, static_cast<int>((std::max(a.x, b.x) + cutoff_m - grid.min_x_m) / grid.cell_m));
                const int r0 = std::max(0, static_cast<int>((grid.max_y_m - std::max(a.y, b.y) - cutoff_m) / grid.cell_m));
                const int r1 = std::min(grid.height - 1, static_cast<int>((grid.max_y_m - std::min(a.y, b.y) + cutoff_m) / grid.cell_m));
                for (int row = r0; row <= r1; ++row)
                    for (int col = c0; col <= c1; ++col) {
                        const double px = grid.min_x_m + (col + 0.5) * grid.cell_m, py = grid.max_y_m - (row + 0.5) * grid.cell_m;
                        const double t = std::clamp(((px - a.x) * dx + (py - a.y) * dy) / len2, 0.0, 1.0);
                        const auto dist = static_cast<float>(std::hypot(px - (a.x + t * dx), py - (a.y + t * dy)));
                        float& cell = d[static_cast<std::size_t>(row) * grid.width + col];
                        cell = std::min(cell, dist);
                    }
            }
        }
    return d;
}

struct Shape {
    const SyntheticOptions& o;
    std::uint64_t seed;

    // The land's smooth rise, before ridges: the valley floors follow it.
    double floor_m(double remote, double mountain) const {
        return 1100 + 450 * smoothstep(0.08, 1.0, remote) + 400 * mountain * smoothstep(0.05, 0.45, remote);
    }
    // How far ridges stand above the floor: nothing in the seat's basin, most in the high 乡.
    double relief_m(double remote, double mountain) const {
        return smoothstep(0.06, 0.3, remote) * (250 + 1350 * std::max(mountain, 0.6 * remote));
    }
    // Ridges on a warped plane, so they wind rather than run straight.
    double ridges(Vec2 p) const {
        const double x = p.x - o.centre_m.x, y = p.y - o.centre_m.y;
        const double wx = x + 2500 * gradient_noise(x / 14000, y / 14000, seed + 10);
        const double wy = y + 2500 * gradient_noise(x / 14000, y / 14000, seed + 11);
        return ridged_multifractal(wx / 4200, wy / 4200, seed);
    }
    // Distance from the seat as a fraction of the radius, its circle bent so the basin is no disc.
    double remote(Vec2 p) const {
        const double x = p.x - o.centre_m.x, y = p.y - o.centre_m.y;
        return std::hypot(x, y) / o.radius_m * (1 + 0.25 * gradient_noise(x / 16000, y / 16000, seed + 12));
    }
};

}  // namespace

double gradient_noise(double x, double y, std::uint64_t seed) {
    static constexpr double kC = 0.86602540378443865;  // cos 30°
    static constexpr std::array<std::array<double, 2>, 12> kGradients = {{{1, 0}, {kC, 0.5}, {0.5, kC}, {0, 1}, {-0.5, kC}, {-kC, 0.5},
                                                                          {-1, 0}, {-kC, -0.5}, {-0.5, -kC}, {0, -1}, {0.5, -kC}, {kC, -0.5}}};
    const double fx = std::floor(x), fy = std::floor(y);
    const auto ix = static_cast<std::int64_t>(fx), iy = static_cast<std::int64_t>(fy);
    const double u = x - fx, v = y - fy;
    auto corner = [&](std::int64_t cx, std::int64_t cy) {
        const std::uint64_t h = mix(seed * 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(cx) * 0xC2B2AE3D27D4EB4Full ^
                                    static_cast<std::uint64_t>(cy) * 0x165667B19E3779F9ull);
        const auto& g = kGradients[h % 12];
        return g[0] * (x - static_cast<double>(cx)) + g[1] * (y - static_cast<double>(cy));
    };
    auto fade = [](double t) { return t * t * t * (t * (t * 6 - 15) + 10); };  // Perlin 2002: flat second derivative at the lattice
    const double su = fade(u), sv = fade(v);
    const double bottom = corner(ix, iy) + su * (corner(ix + 1, iy) - corner(ix, iy));
    const double top = corner(ix, iy + 1) + su * (corner(ix + 1, iy + 1) - corner(ix, iy + 1));
    return std::clamp((bottom + sv * (top - bottom)) * 1.4, -1.0, 1.0);  // ×1.4: reaches about ±1
}

// Musgrave's multifractal (Ebert et al., "Texturing and Modeling", 2003). Each octave is turned by
// the rotation of cosine 3/5 and sine 4/5, so the lattice's axes never line up into a grid of ridges.
double ridged_multifractal(double x, double y, std::uint64_t seed) {
    double sum = 0, norm = 0, weight = 1, amplitude = 1;
    for (int octave = 0; octave < 4; ++octave) {
        double s = 1 - std::abs(gradient_noise(x, y, seed + static_cast<std::uint64_t>(octave)));
        s = s * s * weight;
        weight = std::clamp(2 * s, 0.0, 1.0);
        sum += s * amplitude;
        norm += amplitude;
        amplitude *= 0.5;
        const double rx = 0.6 * x - 0.8 * y, ry = 0.8 * x + 0.6 * y;
        x = 2.03 * rx + 17.3;
        y = 2.03 * ry - 5.1;
    }
    return sum / norm;
}

TerrainGrid make_terrain(const SyntheticCounty& county, const SyntheticOptions& o, const TerrainOptions& terrain) {
    model::Extent extent;
    for (const auto& v : county.villages) extent.merge(v.shape_m.extent());
    TerrainGrid grid;
    grid.cell_m = terrain.cell_m;
    // Edges on whole cells of the grid, so the corner numbers are round.
    grid.min_x_m = std::floor((extent.min_x - terrain.margin_m) / grid.cell_m) * grid.cell_m;
    grid.max_y_m = std::ceil((extent.max_y + terrain.margin_m) / grid.cell_m) * grid.cell_m;
    grid.width = static_cast<int>(std::ceil((extent.max_x + terrain.margin_m - grid.min_x_m) / grid.cell_m));
    grid.height = static_cast<int>(std::ceil((grid.max_y_m - (extent.min_y - terrain.margin_m)) / grid.cell_m));

    std::vector<const model::Geometry*> ditches, roads;
    for (const auto& line : county.lines) {
        const std::string kind = model::canonical_kind(line.kind);
        if (kind == "ditch") ditches.push_back(&line.shape_m);
        if (kind == "road") roads.push_back(&line.shape_m);
    }
    constexpr double kSummitsFromM = 3000;
    constexpr double kDitchValleyM = 900, kRoadValleyM = 1300;  // half-widths (Gaussian) of the valleys
    const std::vector<float> to_ditch = distance_to(ditches, grid, 3 * kDitchValleyM);
    const std::vector<float> to_road = distance_to(roads, grid, 3 * kRoadValleyM);

    const Shape shape{o, o.seed};
    grid.z_m.resize(static_cast<std::size_t>(grid.width) * grid.height);
    for (int row = 0; row < grid.height; ++row)
        for (int col = 0; col < grid.width; ++col) {
            const std::size_t i = static_cast<std::size_t>(row) * grid.width + col;
            const Vec2 p{grid.min_x_m + (col + 0.5) * grid.cell_m, grid.max_y_m - (row + 0.5) * grid.cell_m};
            const double remote = shape.remote(p);
            const double mountain = mountain_factor(o, p);
            const double floor = shape.floor_m(remote, mountain);
            const double dd = to_ditch[i] / kDitchValleyM, dr = to_road[i] / kRoadValleyM;
            const double valley = std::max(0.8 * std::exp(-dd * dd), 0.7 * std::exp(-dr * dr));
            double z = floor + shape.relief_m(remote, mountain) * shape.ridges(p) * (1 - valley);
            if (z > kSummitsFromM) z = kSummitsFromM + 0.5 * (z - kSummitsFromM);  // the county's peaks stop near 3,300 m
            grid.z_m[i] = static_cast<std::int16_t>(std::lround(z));
        }
    return grid;
}

}  // namespace ca::tools
