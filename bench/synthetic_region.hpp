// A synthetic region of any size for benchmarks: a lattice of villages whose shared borders wind
// (30-200 vertices per village), townships of 12 x 12 villages, and random sites, lines, ponds.
#pragma once

#include <cstdint>
#include <string>

namespace ca::bench {

struct RegionSize {
    std::string name;
    int villages_across = 12;  // the lattice is villages_across x villages_across
    int sites = 2000;
    int lines = 500;
    int ponds = 200;
};

RegionSize region_size(const std::string& scale);  // "county", "prefecture", "province"

// Writes villages, sites, lines and ponds layers to a GeoPackage in EPSG:4490. Deterministic.
void write_region(const RegionSize& size, const std::string& path, std::uint64_t seed = 2011);

}  // namespace ca::bench
