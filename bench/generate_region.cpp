// bench_generate SCALE OUT.gpkg: writes the synthetic region of that scale.
#include <filesystem>
#include <iostream>

#include "synthetic_region.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: bench_generate county|prefecture|province OUT.gpkg\n";
        return 2;
    }
    try {
        std::filesystem::remove(argv[2]);
        ca::bench::write_region(ca::bench::region_size(argv[1]), argv[2]);
    } catch (const std::exception& e) {
        std::cerr << "bench_generate: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
