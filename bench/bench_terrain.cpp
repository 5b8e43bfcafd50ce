// bench_terrain REGION.gpkg DEM.tif [--stages]: per-village zonal terrain statistics
// (terrain::village_terrain) on a generated region and DEM, timed, with peak memory; one line per
// stage, then a JSON summary with figures a peer's zonal statistics can be checked against.
// --stages then times the parts of the job one by one, as village_terrain runs them: the villages
// mapped to pixels, the DEM decoded strip by strip (GDAL alone), the strips read with their slopes
// (DemPixels::read_strip); what is left of the zonal time is the scanlines' accumulation.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <sys/resource.h>

#include <gdal.h>

#include "core/loading/load_project.hpp"
#include "core/io/gdal_handles.hpp"
#include "core/terrain/dem_pixels.hpp"
#include "core/terrain/village_outlines.hpp"
#include "core/terrain/zonal.hpp"

namespace {

double peak_memory_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds of the process so far (user + system, all threads): on a machine others share, the
// work done, where wall time also counts the waits for a core.
double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The stages of terrain::village_terrain, each run alone over the whole DEM.
void time_stages(const ca::model::Project& project) {
    const ca::terrain::DemPixels dem(*project.dem);
    auto start = std::chrono::steady_clock::now();
    double cpu = cpu_seconds();
    const auto outlines = ca::terrain::village_outlines(ca::terrain::village_shapes(project), dem);
    std::printf("  outlines   %8.3f s  %7.3f s CPU  (%zu villages to pixel coordinates, on all cores)\n", seconds_since(start), cpu_seconds() - cpu,
                outlines.size());

    ca::io::Dataset raw(GDALOpen(project.dem->path.c_str(), GA_ReadOnly));
    const int rows = dem.strip_rows();
    std::vector<float> buffer(static_cast<std::size_t>(dem.width()) * (rows + 2));
    start = std::chrono::steady_clock::now();
    cpu = cpu_seconds();
    for (int row = 0; row < dem.height(); row += rows) {
        const int from = std::max(0, row - 1), to = std::min(dem.height(), row + rows + 1);
        if (GDALRasterIO(GDALGetRasterBand(raw.get(), 1), GF_Read, 0, from, dem.width(), to - from, buffer.data(), dem.width(), to - from,
                         GDT_Float32, 0, 0) != CE_None)
            throw std::runtime_error("cannot read the DEM");
    }
    std::printf("  decode     %8.3f s  %7.3f s CPU  (GDALRasterIO of every strip, one thread)\n", seconds_since(start), cpu_seconds() - cpu);

    start = std::chrono::steady_clock::now();
    cpu = cpu_seconds();
    for (int row = 0; row < dem.height(); row += rows) dem.read_strip(row, std::min(rows, dem.height() - row));
    std::printf("  strips     %8.3f s  %7.3f s CPU  (DemPixels::read_strip: decode, nodata, Horn slopes on all cores)\n", seconds_since(start),
                cpu_seconds() - cpu);
}

}  // namespace

int main(int argc, char** argv) {
    const bool stages = argc == 4 && std::string(argv[3]) == "--stages";
    if (argc != 3 && !stages) {
        std::fprintf(stderr, "usage: bench_terrain REGION.gpkg DEM.tif [--stages]\n");
        return 2;
    }
    using Clock = std::chrono::steady_clock;
    try {
        const auto start = Clock::now();
        // The villages only: sites and lines play no part in terrain figures.
        const std::string villages = std::string(argv[1]) + ":villages";
        const auto project = ca::loading::load_project({{villages, ca::model::Role::Villages}, {argv[2], ca::model::Role::Dem}}, {});
        const auto loaded = Clock::now();
        const double cpu_before = cpu_seconds();
        const auto terrain = ca::terrain::village_terrain(project, 2500);
        const auto done = Clock::now();
        const double zonal_cpu_s = cpu_seconds() - cpu_before;
        const double load_s = std::chrono::duration<double>(loaded - start).count();
        const double zonal_s = std::chrono::duration<double>(done - loaded).count();

        // Figures to compare with a peer: the mean over villages of each village's mean elevation
        // (a peer counting pixel centres gets nearly the same), and the extremes.
        double sum_of_means = 0, lowest = 1e9, highest = -1e9, area_m2 = 0, steep_m2 = 0;
        std::size_t with_data = 0;
        for (const auto& t : terrain.villages) {
            if (!t.has_data()) continue;
            ++with_data;
            sum_of_means += t.elevation_m_m2 / t.area_m2;
            lowest = std::min(lowest, t.min_m);
            highest = std::max(highest, t.max_m);
            area_m2 += t.area_m2;
            steep_m2 += t.steep_m2;
        }
        const auto& dem = *project.dem;
        std::printf("load         %8.3f s  (villages, DEM header)\n", load_s);
        std::printf("zonal        %8.3f s  %7.3f s CPU  %.0f villages/s, %.1f M pixels/s\n", zonal_s, zonal_cpu_s, terrain.villages.size() / zonal_s,
                    static_cast<double>(dem.width) * dem.height / zonal_s / 1e6);
        std::printf("{\"villages\": %zu, \"with_data\": %zu, \"dem_pixels\": [%d, %d], \"overviews\": %d, \"load_s\": %.3f, \"zonal_s\": %.3f, "
                    "\"peak_mib\": %.0f, \"mean_of_village_means_m\": %.2f, \"min_m\": %.0f, \"max_m\": %.0f, \"steep_share\": %.4f}\n",
                    terrain.villages.size(), with_data, dem.width, dem.height, dem.overviews, load_s, zonal_s, peak_memory_mib(),
                    with_data ? sum_of_means / with_data : 0.0, lowest, highest, area_m2 > 0 ? steep_m2 / area_m2 : 0.0);
        if (stages) time_stages(project);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_terrain: %s\n", e.what());
        return 1;
    }
    return 0;
}
