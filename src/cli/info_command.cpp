// `countyatlas info FILE[:LAYER]...`: what the program sees in each layer, and what it guesses.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/layer_report.hpp"
#include "cli/source_options.hpp"
#include "core/model/error.hpp"

namespace ca::cli {
namespace {

using nlohmann::ordered_json;

ordered_json dem_json(const model::Dem& dem) {
    const auto& e = dem.extent_lonlat;
    return {{"file", dem.name},     {"role", "dem"},          {"width", dem.width},
            {"height", dem.height}, {"pixel_width", dem.geotransform[1]}, {"pixel_height", -dem.geotransform[5]},
            {"crs", dem.crs_name},  {"extent", {e.min_x, e.min_y, e.max_x, e.max_y}},
            {"nodata", dem.nodata ? ordered_json(*dem.nodata) : ordered_json()}, {"overviews", dem.overviews}};
}

void print_dem(const model::Dem& dem, std::ostream& out) {
    const auto& e = dem.extent_lonlat;
    char text[512];
    std::snprintf(text, sizeof text, "%s (elevation model)\n  role        dem\n  size        %d × %d pixels of %g × %g %s\n  CRS         %s\n"
                                     "  extent      %.6f, %.6f to %.6f, %.6f (lon, lat)\n",
                  dem.name.c_str(), dem.width, dem.height, dem.geotransform[1], -dem.geotransform[5], dem.geographic ? "degrees" : "CRS units",
                  dem.crs_name.c_str(), e.min_x, e.min_y, e.max_x, e.max_y);
    out << text;
}

void print_text(const model::Project& project, std::ostream& out) {
    for (const auto& layer : project.layers) print_layer(layer, out);
    if (project.dem) print_dem(*project.dem, out);
    if (project.working) out << "working CRS: " << project.working->name() << " (EPSG:" << project.working->epsg() << ")\n";
    for (const auto& problem : project.problems.all()) out << model::to_string(problem.severity) << ": " << problem.line() << "\n";
}

}  // namespace

void register_info_command(CLI::App& root) {
    auto options = std::make_shared<SourceOptions>();
    auto format = std::make_shared<std::string>("text");
    CLI::App* info = root.add_subcommand("info", "Show each layer: driver, count, geometry, CRS, extent, guessed role, fields");
    options->add_to(*info);
    info->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
    info->callback([options, format] {
        if (options->empty()) throw Error("info needs at least one file");
        options->say_problems = *format == "json";  // the text lists every problem itself
        const model::Project project = options->load();
        if (*format == "json") {
            ordered_json j;
            j["layers"] = ordered_json::array();
            for (const auto& layer : project.layers) j["layers"].push_back(layer_json(layer));
            if (project.dem) j["dem"] = dem_json(*project.dem);
            j["working_crs"] = {{"name", project.working->name()}, {"epsg", project.working->epsg()}};
            j["problems"] = project.problems.counts();
            std::cout << j.dump(2) << "\n";
        } else {
            print_text(project, std::cout);
        }
    });
}

}  // namespace ca::cli
