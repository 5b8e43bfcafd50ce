// Loading: settle the sources, read them, assign roles, decide missing CRSs, convert web-map
// offsets, repair, leave out repeated data, and pick the working CRS — saying each decision.
#include "core/loading/load_project.hpp"

#include <filesystem>

#include "core/analysis/repair.hpp"
#include "core/io/crs_guess.hpp"
#include "core/io/dem_reader.hpp"
#include "core/model/database_source.hpp"
#include "core/io/working_crs.hpp"
#include "core/loading/check_values.hpp"
#include "core/loading/duplicates.hpp"
#include "core/loading/source_list.hpp"
#include "core/model/error.hpp"

namespace ca::loading {
namespace {

using model::GeometryType;
using model::Role;

io::WebMapCoords web_map_coords(const model::PerSourceOption& option, const std::string& path) {
    const std::string& name = option.for_source(path);
    if (name.empty()) return io::WebMapCoords::Wgs84;
    const auto coords = io::web_map_coords_from_string(name);
    if (!coords) throw Error("--coords " + name + " is not one of wgs84, gcj02, bd09");
    return *coords;
}

void convert_web_map_offsets(model::Layer& layer, io::WebMapCoords coords) {
    if (coords == io::WebMapCoords::Wgs84) return;
    layer.web_map_offsets = coords == io::WebMapCoords::Gcj02 ? "gcj02" : "bd09";
    for (auto& f : layer.features) {
        if (f.geometry.type != GeometryType::Point && f.geometry.type != GeometryType::Line) continue;
        for (auto& p : f.geometry.coords) p = io::to_wgs84(p, coords);
    }
}

model::Problem feature_problem(const model::Layer& layer, const model::Feature& f, std::string kind, std::string message) {
    return {model::Severity::Warning, std::move(kind), layer.file_name(), layer.name, f.fid, layer.fids_are_rows, std::move(message)};
}

void clean_geometries(model::Layer& layer, const analysis::GeosContext& geos) {
    std::vector<model::Feature> kept;
    kept.reserve(layer.features.size());
    for (auto& f : layer.features) {
        if (analysis::repair_in_place(geos, f.geometry)) {
            ++layer.counts.repaired;
            layer.problems.add(feature_problem(layer, f, "repaired geometry", "invalid polygon repaired"));
        }
        if (f.geometry.empty()) {
            // A table row without a location can still be placed by its village's name.
            if (layer.role == Role::Sites) {
                ++layer.counts.without_geometry;
                kept.push_back(std::move(f));
                continue;
            }
            ++layer.counts.empty_skipped;
            layer.problems.add(feature_problem(layer, f, "empty geometry", "NULL or empty geometry skipped"));
            continue;
        }
        kept.push_back(std::move(f));
    }
    layer.features = std::move(kept);
}

// A role the user gave must fit the layer's geometry: points given as villages would be counted
// as nothing, or as villages of no area.
void check_role_fits(const model::Layer& layer) {
    const GeometryType geometry = layer.dominant_geometry();
    if (!layer.role_given || layer.features.empty() || role_fits_geometry(layer.role, geometry)) return;
    throw Error(std::string("is given as ") + model::to_string(layer.role) + " but holds " + model::to_string(geometry) +
                " features; " + model::to_string(layer.role) + " need " + (layer.role == Role::Lines ? "lines" : layer.role == Role::Sites ? "points or table rows" : layer.role == Role::Ponds ? "points or polygons" : "polygons"))
        .file(layer.file_name())
        .layer(layer.name);
}

// What needs coordinates in lon/lat: web-map offsets and geometry repair.
void prepare_geometry(model::Layer& layer, const LoadOptions& options) {
    convert_web_map_offsets(layer, web_map_coords(options.coords, layer.source_path));
    const analysis::GeosContext geos;
    clean_geometries(layer, geos);
}

// Layers that declare no CRS: decided from their numbers and the other layers, or refused. Those
// their numbers decide alone (degrees, a zone prefix) go first, so a layer without prefix can
// take its zone from them.
void settle_missing_crs(std::vector<model::Layer>& layers, const LoadOptions& options) {
    for (bool progress = true; progress;) {
        progress = false;
        model::Extent others;
        for (const auto& layer : layers)
            if (!layer.source_crs.missing) others.merge(layer.extent());
        for (auto& layer : layers) {
            if (!layer.source_crs.missing) continue;
            const io::CrsGuess guess = io::guess_crs(layer.extent(), others);
            if (guess.crs.empty()) continue;
            io::assign_crs(layer, guess.crs, "guessed: " + guess.how);
            layer.problems.add({model::Severity::Warning, "CRS guessed", layer.file_name(), layer.name, -1, false,
                                guess.how + (guess.how.find("--assume-crs") == std::string::npos ? "; pass --assume-crs EPSG:CODE if it is another" : "")});
            prepare_geometry(layer, options);
            progress = true;
        }
    }
    for (const auto& layer : layers) {
        if (!layer.source_crs.missing) continue;
        const io::CrsGuess guess = io::guess_crs(layer.extent(), {});
        std::string codes;
        for (std::size_t i = 0; i < guess.candidates.size(); ++i) codes += (i ? ", " : "") + std::to_string(guess.candidates[i]);
        throw Error("has no coordinate reference system (no .prj or CRS in the file) and its numbers do not say which" +
                    (codes.empty() ? std::string() : "; they look like Gauss-Kruger metres without zone prefix, one of EPSG " + codes) +
                    "; pass --assume-crs EPSG:CODE")
            .file(layer.file_name())
            .layer(layer.name);
    }
}

bool is_dem_source(const SourceArgument& source) {
    if (source.role == Role::Dem) return true;
    return source.role == Role::Unknown && !model::is_database_source(source.spec) && io::is_raster_file(source.spec);
}

// The project's one DEM, read after the vector layers so a DEM without CRS can take their zone.
// One given as --dem must be a DEM: anything wrong with it stops the run. Rasters found without a
// role (in a folder, named alone) are candidates: one that is no DEM (a photo, a scanned map, a
// land-cover grid) is left out with a note, and of several that are, none is taken.
void read_dem(const std::vector<SourceArgument>& rasters, const LoadOptions& options, model::Project& project) {
    const io::DemReadOptions read{options.read.assume_crs, project.extent()};
    std::vector<std::string> given, found;
    for (const auto& raster : rasters) (raster.role == Role::Dem ? given : found).push_back(raster.spec);
    if (given.size() > 1)
        throw Error("two DEMs given (" + model::file_name(given[0]) + " and " + model::file_name(given[1]) +
                    "); a project has one: merge them first (gdalbuildvrt) and give the .vrt");
    if (!given.empty()) {
        for (const auto& path : found)
            project.problems.add({model::Severity::Note, "raster left out", model::file_name(path), {}, -1, false, "left out: the DEM is " + model::file_name(given[0])});
        project.dem = io::read_dem(given[0], read, project.problems);
        return;
    }
    std::vector<model::Dem> candidates;
    for (const auto& path : found) {
        model::ProblemLog notes;
        try {
            candidates.push_back(io::read_dem(path, read, notes));
        } catch (const Error& e) {
            const std::string file = model::file_name(path), what = e.what();
            const std::string why = what.rfind(file + ": ", 0) == 0 ? what.substr(file.size() + 2) : what;
            project.problems.add({model::Severity::Note, "raster left out", file, {}, -1, false, "not taken as the DEM: " + why});
            continue;
        }
        if (candidates.size() == 1) project.problems.append(notes);
    }
    if (candidates.size() == 1) return void(project.dem = std::move(candidates.front()));
    if (candidates.size() > 1) {
        std::string names;
        for (const auto& dem : candidates) names += (names.empty() ? "" : ", ") + dem.name;
        project.problems.report("dem", "several rasters could be the DEM (" + names + "); none taken: name one with --dem FILE",
                                model::Severity::Warning);
    }
}

}  // namespace

model::Project load_project(const std::vector<SourceArgument>& sources, const LoadOptions& options) {
    model::Project project;
    std::vector<SourceArgument> rasters;
    for (const SourceArgument& source : settle_sources(sources, project.problems)) {
        if (is_dem_source(source)) {
            rasters.push_back(source);
            continue;
        }
        // Each layer is prepared on the thread that read it (see io::read_source).
        auto prepare = [&](model::Layer& layer, std::size_t) {
            layer.role_given = source.role != Role::Unknown;
            layer.role = layer.role_given ? source.role : guess_role(layer);
            check_role_fits(layer);
            check_values(layer, options.skip_bad_rows, layer.problems);
            if (!layer.source_crs.missing) prepare_geometry(layer, options);
        };
        io::ReadOptions read = options.read;
        read.database_fields_only = source.role != Role::Unknown && options.rows_on_server.contains(source.role);
        for (auto& layer : io::read_source(io::parse_source(source.spec), read, prepare)) project.layers.push_back(std::move(layer));
    }
    settle_missing_crs(project.layers, options);
    // A copy left out takes its own notes with it: only the warning that it was left out stays.
    leave_out_repeated_layers(project.layers, project.problems);
    for (auto& layer : project.layers) {
        project.problems.append(layer.problems);
        layer.problems = {};
    }
    report_overlapping_sites(project.layers, project.problems);
    read_dem(rasters, options, project);
    project.working = io::choose_working_crs(project.extent());
    return project;
}

}  // namespace ca::loading
