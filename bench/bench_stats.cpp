// bench_stats FILE.gpkg OUT.gpkg: the statistics pipeline on a generated region, timed stage by
// stage, with throughput and peak memory. Prints one line per stage and a JSON summary last.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "core/print/stats_table.hpp"
#include "core/analysis/village_index.hpp"
#include "core/loading/load_project.hpp"

namespace {

double peak_memory_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_stats REGION.gpkg OUT.gpkg\n");
        return 2;
    }
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    auto last = start;
    std::vector<std::pair<std::string, double>> stages;
    auto mark = [&](std::string_view stage) {
        const auto now = Clock::now();
        stages.emplace_back(std::string(stage), std::chrono::duration<double>(now - last).count());
        last = now;
    };
    try {
        const auto project = ca::loading::load_project({{argv[1], ca::model::Role::Unknown}}, {});
        mark("load");
        const auto stats = ca::analysis::compute_statistics(project, {}, mark);
        ca::print::write_stats_file(project, stats, ca::print::StatsLevel::Township, "gpkg", argv[2]);
        mark("write");

        // Placement alone, one thread, index already built: the per-core rate of locating points.
        std::vector<const ca::model::Geometry*> shapes;
        std::vector<ca::model::Vec2> points;
        for (const auto& layer : project.layers) {
            if (layer.role == ca::model::Role::Villages)
                for (const auto& f : layer.features) shapes.push_back(&f.geometry);
            if (layer.role == ca::model::Role::Sites)
                for (const auto& f : layer.features) points.push_back(f.geometry.coords.front());
        }
        const ca::analysis::VillageIndex index(shapes);
        const auto locate_start = Clock::now();
        std::vector<std::int64_t> where(points.size());
        index.locate_many(points, where);
        const auto found = static_cast<std::size_t>(std::count_if(where.begin(), where.end(), [](std::int64_t v) { return v >= 0; }));
        const double locate_s = std::chrono::duration<double>(Clock::now() - locate_start).count();
        std::printf("locate only  %8.3f s  %.0f points/s on one core (%zu in villages)\n", locate_s, points.size() / locate_s, found);

        std::size_t villages = 0, sites = 0, lines = 0;
        for (const auto& layer : project.layers) {
            if (layer.role == ca::model::Role::Villages) villages += layer.features.size();
            if (layer.role == ca::model::Role::Sites) sites += layer.features.size();
            if (layer.role == ca::model::Role::Lines) lines += layer.features.size();
        }
        const double total = std::chrono::duration<double>(last - start).count();  // the pipeline, not the probe above
        for (const auto& [stage, seconds] : stages) {
            std::string rate;
            if (stage == "place sites" && seconds > 0) rate = std::to_string(static_cast<long>(sites / seconds)) + " sites/s";
            if (stage == "cut lines" && seconds > 0) rate = std::to_string(static_cast<long>(lines / seconds)) + " lines/s";
            if (stage == "load" && seconds > 0) rate = std::to_string(static_cast<long>(villages / seconds)) + " villages/s";
            std::printf("%-12s %8.3f s  %s\n", stage.c_str(), seconds, rate.c_str());
        }
        std::printf("{\"villages\": %zu, \"sites\": %zu, \"lines\": %zu, \"seconds\": %.3f, \"peak_mib\": %.0f, \"unmatched_sites\": %zu}\n",
                    villages, sites, lines, total, peak_memory_mib(), stats.unmatched_sites.size());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_stats: %s\n", e.what());
        return 1;
    }
    return 0;
}
