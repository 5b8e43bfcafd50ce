// The statistics engine: place, cut, measure, then sum villages into townships and the county.
#include "core/analysis/statistics.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "core/analysis/measure.hpp"
#include "core/analysis/name_matching.hpp"
#include "core/analysis/parallel.hpp"
#include "core/analysis/site_counting.hpp"
#include "core/analysis/triangulate.hpp"
#include "core/analysis/village_index.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"

namespace ca::analysis {

using namespace detail;  // the site placement and counting this file shares with site_edits.cpp

namespace {

using model::Meaning;
using model::Role;

struct VillageRef {
    const model::Layer* layer;
    const model::Feature* feature;
};

// Townships for villages that do not name theirs: the township polygon holding a point inside.
std::vector<std::string> townships_by_location(const GeosContext& geos, const model::Project& project,
                                               const std::vector<VillageRef>& villages) {
    std::vector<std::string> names(villages.size());
    std::vector<const model::Geometry*> shapes;
    std::vector<std::string> shape_names;
    for (const auto* layer : project.layers_with(Role::Townships))
        for (const auto& f : layer->features) {
            shapes.push_back(&f.geometry);
            shape_names.push_back(text(*layer, f, Meaning::Township));
        }
    if (shapes.empty()) return names;
    const VillageIndex townships(shapes);
    for (std::size_t i = 0; i < villages.size(); ++i)
        if (const auto t = townships.locate(point_inside(geos, villages[i].feature->geometry))) names[i] = shape_names[*t];
    return names;
}

}  // namespace

void TerrainSums::add(const TerrainSums& other) {
    if (!other.has_data()) return;
    min_m = has_data() ? std::min(min_m, other.min_m) : other.min_m;
    max_m = has_data() ? std::max(max_m, other.max_m) : other.max_m;
    area_m2 += other.area_m2;
    elevation_m_m2 += other.elevation_m_m2;
    slope_deg_m2 += other.slope_deg_m2;
    steep_m2 += other.steep_m2;
    high_m2 += other.high_m2;
}

const char* to_string(Precision precision) {
    switch (precision) {
        case Precision::Exact: return "exact";
        case Precision::Village: return "village";
        case Precision::Township: return "township";
        case Precision::None: break;
    }
    return "none";
}

bool site_covers(const StatsOptions& options, const model::Layer& layer, const model::Feature& site) {
    if (options.include_site && !options.include_site(layer, site)) return false;
    return status_covers(options, model::canonical_status(model::to_text(layer.value(site, Meaning::Status))));
}

void require_township_names(const model::Project& project, const Statistics& stats) {
    if (!project.layers_with(Role::Townships).empty()) return;
    std::size_t row = 0;
    for (const auto* layer : project.layers_with(Role::Villages)) {
        bool empty = false;
        for (std::size_t i = 0; i < layer->features.size() && row + i < stats.villages.size(); ++i)
            empty = empty || stats.villages[row + i].township.empty();
        row += layer->features.size();
        if (!empty || layer->mapping.has(Meaning::Township)) continue;
        std::string fields;
        for (std::size_t i = 0; i < layer->field_names.size(); ++i) {
            if (i == 12) {
                fields += ", …";
                break;
            }
            fields += (i ? ", " : "") + layer->field_names[i];
        }
        throw Error("no township field (乡镇, township…) and no township layer; its fields are " + (fields.empty() ? std::string("none") : fields) +
                    "; pass --townships FILE or rename a field")
            .file(layer->file_name());
    }
}

namespace {

// The villages layers checked, and their features with their shapes in one order.
struct Villages {
    std::vector<VillageRef> refs;
    std::vector<const model::Geometry*> shapes;
};

Villages villages_of(const model::Project& project) {
    const auto village_layers = project.layers_with(Role::Villages);
    if (village_layers.empty()) throw Error("no villages layer: pass the village boundaries with --villages FILE");
    Villages out;
    for (const auto* layer : village_layers) {
        if (!layer->mapping.has(Meaning::VillageName))
            throw Error("has no village name field (village_name, 村名, 村委会, 行政村...); rename the field or see DATA-CONTRACT.md")
                .file(layer->file_name())
                .layer(layer->name);
        for (const auto& f : layer->features) {
            out.refs.push_back({layer, &f});
            out.shapes.push_back(&f.geometry);
        }
    }
    return out;
}

// Every line kind the line layers hold ("other" for none), sorted.
std::vector<std::string> line_kinds(const model::Project& project) {
    std::set<std::string> kinds;
    for (const auto* layer : project.layers_with(Role::Lines))
        for (const auto& f : layer->features) kinds.insert(line_kind_of(*layer, f));
    return {kinds.begin(), kinds.end()};
}

// A village's own row: its names and the figures of its fields.
RegionStats village_row(const model::Layer& layer, const model::Feature& f, const RegionStats& blank, const std::string& located_township) {
    RegionStats row = blank;
    row.village_name = text(layer, f, Meaning::VillageName);
    row.village_code = text(layer, f, Meaning::VillageCode);
    row.township = text(layer, f, Meaning::Township);
    if (row.township.empty()) row.township = located_township;
    row.villages = 1;
    row.area_km2 = area_km2(f.geometry);
    row.households = number(layer, f, Meaning::Households);
    row.population = number(layer, f, Meaning::Population);
    row.poor_households = number(layer, f, Meaning::PoorHouseholds);
    row.poor_population = number(layer, f, Meaning::PoorPopulation);
    if (const auto income = model::to_number(layer.value(f, Meaning::IncomePerCapita)); income && row.population > 0) {
        row.income_times_population = *income * row.population;
        row.population_with_income = row.population;
    }
    return row;
}

// Ponds into the village holding them (a polygon pond by a point inside it); the others counted apart.
void count_ponds(const model::Project& project, const GeosContext& geos, const VillageIndex& index, Statistics& stats) {
    for (const auto* layer : project.layers_with(Role::Ponds))
        for (const auto& f : layer->features) {
            const model::Vec2 at = f.geometry.type == model::GeometryType::Point ? f.geometry.coords.front() : point_inside(geos, f.geometry);
            const auto village = index.locate(at);
            if (!village) {
                ++stats.ponds_outside;
                stats.outside_ponds.push_back({layer->file_name(), layer->name, f.fid, layer->fids_are_rows});
                continue;
            }
            ++stats.villages[*village].ponds;
            stats.villages[*village].pond_capacity_m3 += number(*layer, f, Meaning::Capacity);
        }
}

// Lines cut at village borders on all cores, each worker summing into its own table of village x
// kind; what lies in no village is summed apart.
void cut_lines(const model::Project& project, const VillageIndex& index, const std::vector<std::string>& kind_list, Statistics& stats) {
    for (const auto* layer : project.layers_with(Role::Lines)) {
        const auto& features = layer->features;
        std::vector<std::size_t> kind_index(features.size());
        for (std::size_t i = 0; i < features.size(); ++i) {
            const std::string kind = line_kind_of(*layer, features[i]);
            kind_index[i] = static_cast<std::size_t>(std::find(kind_list.begin(), kind_list.end(), kind) - kind_list.begin());
        }
        const std::size_t workers = worker_count();
        std::vector<std::vector<double>> metres(workers, std::vector<double>(stats.villages.size() * kind_list.size(), 0.0));
        std::vector<double> outside_m(workers, 0.0);
        parallel_for(
            features.size(),
            [&](std::size_t begin, std::size_t end, std::size_t worker) {
                for (std::size_t i = begin; i < end; ++i) {
                    double inside = 0;
                    index.split_line(features[i].geometry, [&](std::size_t village, double length_m) {
                        metres[worker][village * kind_list.size() + kind_index[i]] += length_m;
                        inside += length_m;
                    });
                    outside_m[worker] += std::max(0.0, geodesic_length_m(features[i].geometry) - inside);
                }
            },
            256);
        for (std::size_t w = 0; w < workers; ++w) {
            for (std::size_t v = 0; v < stats.villages.size(); ++v)
                for (std::size_t k = 0; k < kind_list.size(); ++k)
                    if (const double m = metres[w][v * kind_list.size() + k]; m > 0) stats.villages[v].line_km_by_kind[kind_list[k]] += m / 1000;
            stats.line_km_outside += outside_m[w] / 1000;
        }
    }
}

}  // namespace

namespace detail {

VillageFrame village_frame(const model::Project& project, const StatsOptions& options, const std::vector<std::string>& line_kinds) {
    const Villages villages = villages_of(project);
    GeosContext geos;
    VillageFrame frame;
    frame.stats.options = options;
    const auto located_townships = townships_by_location(geos, project, villages.refs);
    // Every row carries every type and kind, so tables have the same columns everywhere.
    for (const auto& type : model::project_types()) frame.blank.sites_by_type[type] = 0;
    for (const auto& kind : line_kinds) frame.blank.line_km_by_kind[kind] = 0;
    const auto* terrain = options.village_terrain.get();
    if (terrain && terrain->size() != villages.refs.size())  // measured on other villages: a caller's mistake, never shown
        throw std::logic_error("the terrain was measured for " + std::to_string(terrain->size()) + " villages, the count has " +
                               std::to_string(villages.refs.size()));
    if (terrain) frame.blank.terrain = TerrainSums{};  // townships and the total carry terrain too
    auto& rows = frame.stats.villages;
    rows.resize(villages.refs.size());
    parallel_for(villages.refs.size(), [&](std::size_t begin, std::size_t end, std::size_t) {  // areas on the ellipsoid
        for (std::size_t i = begin; i < end; ++i) {
            rows[i] = village_row(*villages.refs[i].layer, *villages.refs[i].feature, frame.blank, located_townships[i]);
            if (terrain) rows[i].terrain = (*terrain)[i];
        }
    }, 1024);
    for (std::size_t i = 0; i < rows.size(); ++i) frame.names.add(rows[i].township, rows[i].village_name, i);
    frame.shapes = villages.shapes;
    return frame;
}

std::string line_kind_of(const model::Layer& layer, const model::Feature& f) {
    std::string kind = model::canonical_kind(text(layer, f, Meaning::Kind));
    return kind.empty() ? "other" : kind;
}

}  // namespace detail

Statistics compute_statistics(const model::Project& project, const StatsOptions& options, const StageCallback& on_stage) {
    auto finished = [&on_stage](std::string_view stage) {
        if (on_stage) on_stage(stage);
    };
    VillageFrame frame = village_frame(project, options, line_kinds(project));
    Statistics& stats = frame.stats;
    if (options.villages_only) {
        aggregate(stats, frame.blank, {});
        finished("aggregate");
        return std::move(stats);
    }
    GeosContext geos;
    const VillageIndex index(frame.shapes);
    finished("index");
    auto placement = place_sites(project, index, frame.names);
    stats.township_only_counts = count_sites(project, *placement, options, stats);
    finished("place sites");
    count_ponds(project, geos, index, stats);
    finished("ponds");
    cut_lines(project, index, line_kinds(project), stats);
    finished("cut lines");
    stats.placement = std::move(placement);
    aggregate(stats, frame.blank, stats.township_only_counts);
    finished("aggregate");
    return std::move(stats);
}

Statistics recount_sites(const model::Project& project, const Statistics& counted, const StatsOptions& options) {
    if (!counted.placement) return compute_statistics(project, options);
    Statistics stats;
    stats.options = options;
    if (!stats.options.village_terrain) {  // the rows keep theirs
        stats.options.village_terrain = counted.options.village_terrain;
        stats.options.village_terrain_key = counted.options.village_terrain_key;
    }
    stats.placement = counted.placement;
    stats.ponds_outside = counted.ponds_outside;
    stats.line_km_outside = counted.line_km_outside;
    stats.outside_ponds = counted.outside_ponds;
    const RegionStats blank = blank_row(counted);
    stats.villages = counted.villages;
    for (auto& row : stats.villages) {  // back to what the village layer and the lines say
        row.sites = row.sites_exact = row.sites_by_name = row.sites_township_only = row.sites_covering = 0;
        for (auto& [type, n] : row.sites_by_type) n = 0;
        row.funds_yuan = row.beneficiary_households = row.beneficiary_people = 0;
    }
    stats.township_only_counts = count_sites(project, *counted.placement, options, stats);
    aggregate(stats, blank, stats.township_only_counts);
    return stats;
}

}  // namespace ca::analysis
