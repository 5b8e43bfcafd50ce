// Generation of the synthetic county: Voronoi villages bent by a smooth displacement field,
// townships around seats, poverty rising with remoteness, projects and works placed inside villages.
#include "tools/synthetic_county.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numbers>
#include <random>
#include <tuple>

#include "core/analysis/geos_context.hpp"

namespace ca::tools {
namespace {

using analysis::Geom;
using analysis::GeosContext;
using model::Vec2;
constexpr double kPi = std::numbers::pi;

// mt19937_64 is specified bit for bit by the standard; its distributions are not, so we map
// its raw output ourselves.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    double range(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int integer(int lo, int hi) { return lo + static_cast<int>(uniform() * (hi - lo + 1)); }  // inclusive
    // The two draws are named so their order is the same on every compiler: the operands of one
    // expression are unsequenced, and clang drew them the other way round from GCC.
    double normal() {
        const double u1 = uniform(), u2 = uniform();
        return std::sqrt(-2.0 * std::log(1.0 - u1)) * std::cos(2 * kPi * u2);
    }
    template <typename T>
    const T& pick(const std::vector<T>& items) { return items[static_cast<std::size_t>(integer(0, static_cast<int>(items.size()) - 1))]; }

private:
    std::mt19937_64 m_engine;
};

struct TownshipSeat {
    const char* name;
    double angle_deg, distance;  // from the county seat, distance as a fraction of the radius
    double mountain;             // 0 valley floor .. 1 high mountains: drives poverty
};

// The twelve townships of the county in DOMAIN.md; the four 乡 lie in the remote mountains.
constexpr std::array<TownshipSeat, 12> kSeats = {{
    {"金碧镇", 0, 0.0, 0.0},     {"石羊镇", 200, 0.55, 0.35}, {"六苴镇", 240, 0.50, 0.45}, {"龙街镇", 300, 0.50, 0.40},
    {"赵家店镇", 20, 0.45, 0.25}, {"新街镇", 160, 0.50, 0.35}, {"桂花镇", 110, 0.55, 0.55}, {"三岔河镇", 60, 0.60, 0.45},
    {"铁锁乡", 90, 0.85, 0.90},  {"三台乡", 340, 0.80, 0.85}, {"湾碧乡", 30, 0.85, 0.95}, {"昙华乡", 270, 0.85, 0.90},
}};

// The county outline: a circle bent by a few harmonics, as mountain counties look.
double outline_radius(const SyntheticOptions& o, double angle) {
    return o.radius_m * (1 + 0.14 * std::sin(3 * angle + 1.0) + 0.07 * std::sin(5 * angle + 2.0) + 0.04 * std::sin(9 * angle));
}

// A smooth displacement with Lipschitz constant below one, so it bends borders without ever
// making them cross: shared borders stay shared because equal points move equally.
Vec2 displace(Vec2 p, Vec2 centre) {
    const double x = p.x - centre.x, y = p.y - centre.y;
    const double dx = 380 * std::sin(x / 1700 + 0.3) * std::cos(y / 2100 + 1.1) + 160 * std::sin(y / 700 + 2.0);
    const double dy = 380 * std::cos(x / 1900 + 0.7) * std::sin(y / 1600 + 0.2) + 160 * std::sin(x / 650 + 0.5);
    return {p.x + dx, p.y + dy};
}

// Densifies every ring to segments of at most `step` metres. Points on a segment are computed
// from its lexicographically smaller end, so both villages sharing it get identical points.
model::Geometry densify_and_bend(const model::Geometry& g, double step, Vec2 centre) {
    model::Geometry out;
    out.type = g.type;
    std::vector<Vec2> ring_out;
    for (std::size_t p = 0; p < g.part_count(); ++p) {
        out.begin_part();
        for (auto r = g.part_first_ring(p); r < g.part_last_ring(p); ++r) {
            const auto ring = g.ring(r);
            ring_out.clear();
            for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
                Vec2 a = ring[i], b = ring[i + 1];
                const bool flipped = std::tie(b.x, b.y) < std::tie(a.x, a.y);
                if (flipped) std::swap(a, b);
                const int n = std::max(1, static_cast<int>(std::ceil(std::hypot(b.x - a.x, b.y - a.y) / step)));
                std::vector<Vec2> segment;
                for (int k = 0; k < n; ++k) segment.push_back({a.x + (b.x - a.x) * k / n, a.y + (b.y - a.y) * k / n});
                segment.push_back(b);
                if (flipped) std::reverse(segment.begin(), segment.end());
                ring_out.insert(ring_out.end(), segment.begin(), segment.end() - 1);
            }
            ring_out.push_back(ring_out.front());
            for (auto& q : ring_out) q = displace(q, centre);
            out.add_ring(ring_out);
        }
    }
    return out;
}

std::string village_name(Random& rng, std::map<std::string, int>& used) {
    static const std::vector<std::string> kSurnames = {"李", "张", "杨", "王", "赵", "罗", "普", "起", "鲁", "字", "毕", "周", "施", "苏", "何", "马"};
    static const std::vector<std::string> kPlaces = {"家村", "家湾", "家营", "家坝", "家箐", "家庄", "家山", "家哨"};
    static const std::vector<std::string> kFirst = {"大", "小", "新", "上", "下", "中", "石", "干", "麻", "松", "羊", "龙", "白", "黑", "迤", "桃"};
    static const std::vector<std::string> kSecond = {"坪子", "河口", "箐口", "村", "甸", "塝", "垴", "栗树", "竹箐", "海子", "苴", "地", "凹", "哨"};
    for (int attempt = 0;; ++attempt) {
        // Each part drawn in a statement of its own, for the reason given at Random::normal.
        const bool surname = rng.uniform() < 0.45;
        const std::string& second = surname ? rng.pick(kPlaces) : rng.pick(kSecond);
        const std::string& first = surname ? rng.pick(kSurnames) : rng.pick(kFirst);
        std::string name = first + second;
        if (used[name]++ == 0) return name;
        if (attempt > 50) return name + std::to_string(used[name]);
    }
}

Vec2 random_point_in(Random& rng, const GeosContext& geos, const GEOSPreparedGeometry* prepared, const model::Extent& e) {
    const GEOSContextHandle_t ctx = geos.handle();
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const Vec2 p{rng.range(e.min_x, e.max_x), rng.range(e.min_y, e.max_y)};
        Geom point = geos.own(GEOSGeom_createPointFromXY_r(ctx, p.x, p.y));
        if (GEOSPreparedContainsProperly_r(ctx, prepared, point.get()) == 1) return p;
    }
    return e.centre();
}

// A wandering line of `length_m` from `start`, turning a little each 100 m, kept inside `area`.
model::Geometry wander(Random& rng, const GeosContext& geos, const GEOSPreparedGeometry* area, Vec2 start, double length_m,
                       double step_m = 100) {
    std::vector<Vec2> points{start};
    double heading = rng.range(0, 2 * kPi);
    for (double done = 0; done < length_m; done += step_m) {
        heading += rng.normal() * 0.25;
        Vec2 next{points.back().x + step_m * std::cos(heading), points.back().y + step_m * std::sin(heading)};
        Geom p = geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), next.x, next.y));
        if (GEOSPreparedContains_r(geos.handle(), area, p.get()) != 1) {
            heading += kPi * 0.75;  // turn back at the county border
            continue;
        }
        points.push_back(next);
    }
    model::Geometry g;
    g.type = model::GeometryType::Line;
    g.begin_part();
    g.add_ring(points);
    return g;
}

}  // namespace

namespace {

double line_length(const model::Geometry& g) {
    double total = 0;
    for (std::size_t r = 0; r < g.ring_count(); ++r) {
        const auto ring = g.ring(r);
        for (std::size_t i = 1; i < ring.size(); ++i) total += std::hypot(ring[i].x - ring[i - 1].x, ring[i].y - ring[i - 1].y);
    }
    return total;
}

struct Cell {
    Vec2 seed;
    Geom shape;
    std::size_t township = 0;
};

std::vector<Cell> voronoi_villages(Random& rng, const GeosContext& geos, const SyntheticOptions& o) {
    const GEOSContextHandle_t ctx = geos.handle();
    const double s = o.village_spacing_m;
    const int n = static_cast<int>(std::ceil(1.6 * o.radius_m / s));
    std::vector<Vec2> seeds;
    std::vector<GEOSGeometry*> points;
    for (int i = -n; i <= n; ++i)
        for (int j = -n; j <= n; ++j) {
            const Vec2 p{o.centre_m.x + (i + rng.range(-0.35, 0.35)) * s, o.centre_m.y + (j + rng.range(-0.35, 0.35)) * s};
            seeds.push_back(p);
            points.push_back(GEOSGeom_createPointFromXY_r(ctx, p.x, p.y));
        }
    Geom multipoint = geos.own(GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOINT, points.data(), static_cast<unsigned>(points.size())));
    Geom cells = geos.checked(GEOSVoronoiDiagram_r(ctx, multipoint.get(), nullptr, 0.0, 0), "voronoi");

    std::vector<Cell> villages;
    for (int c = 0; c < GEOSGetNumGeometries_r(ctx, cells.get()); ++c) {
        const GEOSGeometry* cell = GEOSGetGeometryN_r(ctx, cells.get(), c);
        for (const Vec2& seed : seeds) {
            const double angle = std::atan2(seed.y - o.centre_m.y, seed.x - o.centre_m.x);
            if (std::hypot(seed.x - o.centre_m.x, seed.y - o.centre_m.y) > outline_radius(o, angle)) continue;
            Geom p = geos.own(GEOSGeom_createPointFromXY_r(ctx, seed.x, seed.y));
            if (GEOSContains_r(ctx, cell, p.get()) == 1) {
                villages.push_back({seed, geos.own(GEOSGeom_clone_r(ctx, cell)), 0});
                break;
            }
        }
    }
    // Cells come in the diagram's own order: sort by seed so the output never depends on it.
    std::sort(villages.begin(), villages.end(),
              [](const Cell& a, const Cell& b) { return std::tie(a.seed.y, a.seed.x) > std::tie(b.seed.y, b.seed.x); });
    return villages;
}

Vec2 seat_position(const SyntheticOptions& o, const TownshipSeat& seat) {
    const double a = seat.angle_deg * kPi / 180;
    const double r = seat.distance * outline_radius(o, a);
    return {o.centre_m.x + r * std::cos(a), o.centre_m.y + r * std::sin(a)};
}

std::size_t nearest_seat(const SyntheticOptions& o, Vec2 p) {
    std::size_t best = 0;
    double best_d = 1e300;
    for (std::size_t t = 0; t < kSeats.size(); ++t) {
        const Vec2 s = seat_position(o, kSeats[t]);
        // The county seat's town is small: weight its distance up so it does not swallow the valley.
        const double d = std::hypot(p.x - s.x, p.y - s.y) * (t == 0 ? 1.35 : 1.0);
        if (d < best_d) best_d = d, best = t;
    }
    return best;
}


struct PreparedVillage {
    Geom shape;
    const GEOSPreparedGeometry* prepared = nullptr;
    model::Extent extent;
};

struct ProjectKind {
    const char* type;  // as offices write it
    int count;
    double min_funds_yuan, max_funds_yuan;
    double share_of_households;  // of the village that benefit
};

void add_sites(SyntheticCounty& county, Random& rng, const GeosContext& geos, const std::vector<PreparedVillage>& prepared) {
    // About the volumes of DOMAIN.md: 69 whole-village projects among some 300 projects.
    static const std::vector<ProjectKind> kKinds = {
        {"整村推进", 69, 400000, 1200000, 0.8}, {"易地扶贫搬迁", 24, 300000, 900000, 0.08}, {"产业扶贫", 58, 50000, 500000, 0.3},
        {"小额信贷", 50, 20000, 200000, 0.1},   {"劳动力转移培训", 30, 10000, 80000, 0.15}, {"危房改造", 48, 20000, 150000, 0.05},
        {"其他", 10, 10000, 100000, 0.1},
    };
    static const std::vector<const char*> kBatches = {"省级第一批", "省级第二批", "省级第三批", "州级", "县级"};
    std::vector<std::size_t> poor, any;
    for (std::size_t i = 0; i < county.villages.size(); ++i) {
        const auto& v = county.villages[i];
        any.push_back(i);
        if (static_cast<double>(v.poor_population) / v.population >= 0.3) poor.push_back(i);
    }
    for (const ProjectKind& kind : kKinds) {
        for (int k = 0; k < kind.count; ++k) {
            // Projects go mostly, not only, to poor villages; some poor villages get none yet.
            const std::size_t i = rng.uniform() < 0.8 && !poor.empty() ? rng.pick(poor) : rng.pick(any);
            const auto& v = county.villages[i];
            SyntheticSite s;
            s.position_m = random_point_in(rng, geos, prepared[i].prepared, prepared[i].extent);
            s.project_type = kind.type;
            s.project_name = v.name + kind.type + "项目";
            s.year = rng.integer(2008, 2012);
            s.batch = kBatches[static_cast<std::size_t>(std::min(4, (s.year - 2008) / 1 + rng.integer(0, 1)))];
            s.status = s.year == 2012 ? (rng.uniform() < 0.5 ? "在建" : "规划") : "已完工";
            s.funds_yuan = std::round(rng.range(kind.min_funds_yuan, kind.max_funds_yuan) / 1000) * 1000;
            s.beneficiary_households = std::max(1, static_cast<int>(std::lround(v.households * kind.share_of_households * rng.range(0.6, 1.0))));
            s.beneficiary_people = static_cast<int>(std::lround(s.beneficiary_households * rng.range(3.6, 4.2)));
            s.township = v.township;
            s.village_name = v.name;
            county.sites.push_back(std::move(s));
        }
    }
}

void add_lines(SyntheticCounty& county, Random& rng, const GeosContext& geos, const std::vector<PreparedVillage>& prepared,
               const GEOSPreparedGeometry* area, const SyntheticOptions& o) {
    struct LineKind {
        const char* kind;
        double total_m, each_m;
    };
    // DOMAIN.md: 56 km of lined ditches, 59 km of pipes, 537 m of U-troughs; roads and power besides.
    static const std::vector<LineKind> kKinds = {
        {"三面光沟渠", 56000, 2800}, {"管道", 59000, 2400}, {"U型槽", 537, 180}, {"电力", 24000, 6000},
    };
    for (const LineKind& kind : kKinds) {
        double done = 0;
        for (int n = 1; done < kind.total_m; ++n) {
            const std::size_t i = static_cast<std::size_t>(rng.integer(0, static_cast<int>(prepared.size()) - 1));
            const Vec2 start = random_point_in(rng, geos, prepared[i].prepared, prepared[i].extent);
            const double want = std::min(kind.each_m * rng.range(0.7, 1.3), kind.total_m - done);
            if (want < 5) break;  // close enough to the total
            SyntheticLine line{wander(rng, geos, area, start, want, std::min(100.0, want / 4)), county.villages[i].name + kind.kind + std::to_string(n), kind.kind, rng.integer(2008, 2012)};
            const double length = line_length(line.shape_m);
            if (length <= 0) continue;  // boxed in at the border: try elsewhere
            done += length;
            county.lines.push_back(std::move(line));
        }
    }
    // Roads: from every township seat towards the county seat, winding with the terrain.
    for (std::size_t t = 1; t < kSeats.size(); ++t) {
        const Vec2 from = seat_position(o, kSeats[t]), to = o.centre_m;
        std::vector<Vec2> points;
        const int steps = 40;
        for (int k = 0; k <= steps; ++k) {
            const double f = static_cast<double>(k) / steps;
            const double bend = std::sin(f * kPi) * 1800 * std::sin(t * 1.7);
            const double dx = to.x - from.x, dy = to.y - from.y, len = std::hypot(dx, dy);
            points.push_back({from.x + dx * f - dy / len * bend + 120 * rng.normal(), from.y + dy * f + dx / len * bend + 120 * rng.normal()});
        }
        model::Geometry g;
        g.type = model::GeometryType::Line;
        g.begin_part();
        g.add_ring(points);
        county.lines.push_back({std::move(g), std::string(kSeats[t].name) + "公路", "道路", 2010});
    }
}

void add_ponds(SyntheticCounty& county, Random& rng, const GeosContext& geos, const std::vector<PreparedVillage>& prepared) {
    auto place = [&](const char* kind, double capacity, const std::string& suffix) {
        const std::size_t i = static_cast<std::size_t>(rng.integer(0, static_cast<int>(prepared.size()) - 1));
        county.ponds.push_back({random_point_in(rng, geos, prepared[i].prepared, prepared[i].extent),
                                county.villages[i].name + suffix, kind, capacity, rng.integer(2008, 2012)});
    };
    // DOMAIN.md: 2 dam ponds of 60,000 m3 together, 24,898 m3 of water cellars, one well.
    place("坝塘", 36000, "坝塘");
    place("坝塘", 24000, "坝塘");
    place("水库", 850000, "水库");
    const int cellars = 140;
    std::vector<double> sizes;
    for (int k = 0; k < cellars; ++k) sizes.push_back(rng.range(60, 300));
    double sum = 0;
    for (double v : sizes) sum += v;
    double placed = 0;
    for (int k = 0; k < cellars; ++k) {
        // Whole cubic metres that add up exactly to the report's total.
        const double capacity = k + 1 == cellars ? 24898 - placed : std::round(sizes[static_cast<std::size_t>(k)] * 24898 / sum);
        placed += capacity;
        place("水窖", capacity, "水窖" + std::to_string(k + 1));
    }
    place("水井", 0, "水井");
}

}  // namespace

double mountain_factor(const SyntheticOptions& o, Vec2 p) {
    // Gaussian weights a township's width apart: smooth, and each seat's own value near it.
    const double width_m = 0.35 * o.radius_m;
    double weighted = 0, weights = 0;
    for (const TownshipSeat& seat : kSeats) {
        const Vec2 s = seat_position(o, seat);
        const double d = std::hypot(p.x - s.x, p.y - s.y) / width_m;
        const double w = std::exp(-d * d) + 1e-12;
        weighted += w * seat.mountain;
        weights += w;
    }
    return weighted / weights;
}

SyntheticCounty make_county(const SyntheticOptions& o) {
    Random rng(o.seed);
    GeosContext geos;
    const GEOSContextHandle_t ctx = geos.handle();
    std::vector<Cell> cells = voronoi_villages(rng, geos, o);
    for (Cell& c : cells) c.township = nearest_seat(o, c.seed);

    // One village in two parts: the far half of a non-neighbouring village of the same township.
    std::size_t two_part = cells.size(), donor = cells.size();
    for (std::size_t i = cells.size() / 3; i < cells.size() && two_part == cells.size(); ++i)
        for (std::size_t j = 0; j < cells.size(); ++j) {
            const double d = std::hypot(cells[i].seed.x - cells[j].seed.x, cells[i].seed.y - cells[j].seed.y);
            if (i != j && cells[i].township == cells[j].township && d > 1.6 * o.village_spacing_m && d < 2.4 * o.village_spacing_m &&
                GEOSIntersects_r(ctx, cells[i].shape.get(), cells[j].shape.get()) == 0) {
                two_part = i, donor = j;
                break;
            }
        }
    if (two_part < cells.size()) {
        const Vec2 a = cells[two_part].seed, b = cells[donor].seed;
        // The half-plane beyond the donor's seat, seen from the village: a big box on that side.
        const double big = 4 * o.village_spacing_m;
        const double x0 = b.x > a.x ? b.x : b.x - big, x1 = b.x > a.x ? b.x + big : b.x;
        Geom box = geos.own(GEOSGeom_createRectangle_r(ctx, x0, b.y - big, x1, b.y + big));
        Geom far = geos.own(GEOSIntersection_r(ctx, cells[donor].shape.get(), box.get()));
        Geom near = geos.own(GEOSDifference_r(ctx, cells[donor].shape.get(), box.get()));
        cells[two_part].shape = geos.own(GEOSUnion_r(ctx, cells[two_part].shape.get(), far.get()));
        cells[donor].shape = std::move(near);
    }
    // One enclave: a small village of another township inside a big one.
    std::size_t host = cells.size() / 2;
    Geom host_inside = geos.own(GEOSPointOnSurface_r(ctx, cells[host].shape.get()));
    Geom enclave = geos.own(GEOSBuffer_r(ctx, host_inside.get(), 0.12 * o.village_spacing_m, 6));
    cells[host].shape = geos.own(GEOSDifference_r(ctx, cells[host].shape.get(), enclave.get()));
    double ex = 0, ey = 0;
    GEOSGeomGetX_r(ctx, host_inside.get(), &ex);
    GEOSGeomGetY_r(ctx, host_inside.get(), &ey);
    const std::size_t host_township = cells[host].township;
    cells.push_back({{ex, ey}, std::move(enclave), host_township == 0 ? 1u : 0u});

    SyntheticCounty county;
    std::map<std::string, int> used_names;
    std::vector<int> villages_in_township(kSeats.size(), 0);
    for (Cell& c : cells) {
        SyntheticVillage v;
        v.township = kSeats[c.township].name;
        v.township_code = "532326" + std::to_string(100 + c.township);
        v.code = v.township_code + std::to_string(201 + villages_in_township[c.township]++);
        v.name = village_name(rng, used_names);
        v.shape_m = densify_and_bend(geos.from_geos(c.shape.get()), 300, o.centre_m);

        const double remote = std::min(1.0, std::hypot(c.seed.x - o.centre_m.x, c.seed.y - o.centre_m.y) / o.radius_m);
        const double mountain = kSeats[c.township].mountain;
        const double rate = std::clamp(0.12 + 0.35 * remote + 0.38 * mountain + 0.07 * rng.normal(), 0.05, 0.9);
        v.households = static_cast<int>(std::lround(rng.range(330, 780) * (1.15 - 0.3 * mountain)));
        v.population = static_cast<int>(std::lround(v.households * rng.range(3.6, 4.2)));
        v.poor_population = static_cast<int>(std::lround(v.population * rate));
        v.poor_households = std::min(v.households, static_cast<int>(std::lround(v.households * rate * rng.range(0.92, 1.04))));
        v.income_per_capita = std::round(std::clamp(4200 - 3300 * rate + 260 * rng.normal(), 780.0, 5200.0));
        county.villages.push_back(std::move(v));
    }

    // Townships: the union of their villages.
    for (std::size_t t = 0; t < kSeats.size(); ++t) {
        std::vector<GEOSGeometry*> parts;
        for (const auto& v : county.villages)
            if (v.township == kSeats[t].name) parts.push_back(geos.to_geos(v.shape_m).release());
        if (parts.empty()) continue;
        Geom all = geos.own(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
        Geom merged = geos.checked(GEOSUnaryUnion_r(ctx, all.get()), "union");
        county.townships.emplace_back(kSeats[t].name, geos.from_geos(merged.get()));
    }

    std::vector<PreparedVillage> prepared;
    for (const auto& v : county.villages) {
        PreparedVillage p{geos.to_geos(v.shape_m), nullptr, v.shape_m.extent()};
        p.prepared = GEOSPrepare_r(ctx, p.shape.get());
        prepared.push_back(std::move(p));
    }
    std::vector<GEOSGeometry*> all_villages;
    for (const auto& p : prepared) all_villages.push_back(GEOSGeom_clone_r(ctx, p.shape.get()));
    Geom collection = geos.own(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, all_villages.data(), static_cast<unsigned>(all_villages.size())));
    Geom outline = geos.checked(GEOSUnaryUnion_r(ctx, collection.get()), "union");
    const GEOSPreparedGeometry* area = GEOSPrepare_r(ctx, outline.get());

    add_sites(county, rng, geos, prepared);
    add_lines(county, rng, geos, prepared, area, o);
    add_ponds(county, rng, geos, prepared);

    GEOSPreparedGeom_destroy_r(ctx, area);
    for (auto& p : prepared) GEOSPreparedGeom_destroy_r(ctx, p.prepared);
    return county;
}

}  // namespace ca::tools
