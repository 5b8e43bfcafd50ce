// Loading: read sources, assign roles, convert web-map offsets, repair, pick the working CRS.
#include "core/loading/load_project.hpp"

#include <filesystem>
#include <map>
#include <mutex>

#include "core/analysis/repair.hpp"
#include "core/io/working_crs.hpp"
#include "core/model/error.hpp"

namespace ca::loading {
namespace {

using model::GeometryType;
using model::Role;

void convert_web_map_offsets(model::Layer& layer, io::WebMapCoords coords) {
    if (coords == io::WebMapCoords::Wgs84) return;
    for (auto& f : layer.features) {
        if (f.geometry.type != GeometryType::Point && f.geometry.type != GeometryType::Line) continue;
        for (auto& p : f.geometry.coords) p = io::to_wgs84(p, coords);
    }
}

// Problems found while preparing one layer, reported to the project's log in layer order after.
using Reports = std::vector<std::pair<std::string, std::string>>;

void clean_geometries(model::Layer& layer, const analysis::GeosContext& geos, Reports& problems) {
    const std::string where = std::filesystem::path(layer.source_path).filename().string() + ", layer " + layer.name;
    std::vector<model::Feature> kept;
    kept.reserve(layer.features.size());
    for (auto& f : layer.features) {
        if (analysis::repair_in_place(geos, f.geometry)) {
            ++layer.counts.repaired;
            problems.emplace_back("repaired geometry", where + ", feature " + std::to_string(f.fid) + ": invalid polygon repaired");
        }
        if (f.geometry.empty()) {
            // A table row without a location can still be placed by its village's name.
            if (layer.role == Role::Sites) {
                ++layer.counts.without_geometry;
                kept.push_back(std::move(f));
                continue;
            }
            ++layer.counts.empty_skipped;
            problems.emplace_back("empty geometry", where + ", feature " + std::to_string(f.fid) + ": NULL or empty geometry skipped");
            continue;
        }
        kept.push_back(std::move(f));
    }
    layer.features = std::move(kept);
}

}  // namespace

model::Project load_project(const std::vector<SourceArgument>& sources, const LoadOptions& options) {
    model::Project project;
    for (const SourceArgument& source : sources) {
        // Each layer is prepared on the thread that read it (see io::read_source).
        std::mutex reports_mutex;
        std::map<std::size_t, Reports> reports;
        auto prepare = [&](model::Layer& layer, std::size_t index) {
            layer.role_given = source.role != Role::Unknown;
            layer.role = layer.role_given ? source.role : guess_role(layer);
            convert_web_map_offsets(layer, options.coords);
            const analysis::GeosContext geos;
            Reports found;
            clean_geometries(layer, geos, found);
            const std::lock_guard lock(reports_mutex);
            reports[index] = std::move(found);
        };
        auto layers = io::read_source(io::parse_source(source.spec), options.read, prepare);
        for (const auto& [index, found] : reports)
            for (const auto& [kind, message] : found) project.problems.report(kind, message);
        for (auto& layer : layers) project.layers.push_back(std::move(layer));
    }
    project.working = io::choose_working_crs(project.extent());
    return project;
}

}  // namespace ca::loading
