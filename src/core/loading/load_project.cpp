// Loading: read sources, assign roles, convert web-map offsets, repair, pick the working CRS.
#include "core/loading/load_project.hpp"

#include <filesystem>
#include <map>
#include <mutex>

#include "core/analysis/repair.hpp"
#include "core/io/working_crs.hpp"
#include "core/loading/check_values.hpp"
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
using Reports = model::ProblemLog;

model::Problem feature_problem(const model::Layer& layer, const model::Feature& f, std::string kind, std::string message) {
    return {model::Severity::Warning, std::move(kind), std::filesystem::path(layer.source_path).filename().string(), layer.name, f.fid,
            layer.fids_are_rows, std::move(message)};
}

void clean_geometries(model::Layer& layer, const analysis::GeosContext& geos, Reports& problems) {
    std::vector<model::Feature> kept;
    kept.reserve(layer.features.size());
    for (auto& f : layer.features) {
        if (analysis::repair_in_place(geos, f.geometry)) {
            ++layer.counts.repaired;
            problems.add(feature_problem(layer, f, "repaired geometry", "invalid polygon repaired"));
        }
        if (f.geometry.empty()) {
            // A table row without a location can still be placed by its village's name.
            if (layer.role == Role::Sites) {
                ++layer.counts.without_geometry;
                kept.push_back(std::move(f));
                continue;
            }
            ++layer.counts.empty_skipped;
            problems.add(feature_problem(layer, f, "empty geometry", "NULL or empty geometry skipped"));
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
            Reports found;
            found.append(layer.problems);
            check_values(layer, options.skip_bad_rows, found);
            convert_web_map_offsets(layer, options.coords);
            const analysis::GeosContext geos;
            clean_geometries(layer, geos, found);
            const std::lock_guard lock(reports_mutex);
            reports[index] = std::move(found);
        };
        auto layers = io::read_source(io::parse_source(source.spec), options.read, prepare);
        for (const auto& [index, found] : reports)
            project.problems.append(found);
        for (auto& layer : layers) project.layers.push_back(std::move(layer));
    }
    project.working = io::choose_working_crs(project.extent());
    return project;
}

}  // namespace ca::loading
