// Splitting a loop over the machine's cores: the office PCs and CI have two.
#pragma once

#include <algorithm>
#include <thread>
#include <vector>

namespace ca::analysis {

// Calls body(begin, end, worker) on contiguous slices of [0, n), one slice per hardware thread,
// and waits for all. Small loops run on the calling thread. body must not touch shared state
// except through its own slice (or its own per-worker results).
template <typename Body>
void parallel_for(std::size_t n, Body&& body, std::size_t min_per_worker = 4096) {
    const std::size_t hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers = std::clamp<std::size_t>(n / std::max<std::size_t>(min_per_worker, 1), 1, hardware);
    if (workers == 1) {
        body(std::size_t{0}, n, std::size_t{0});
        return;
    }
    std::vector<std::jthread> threads;
    for (std::size_t w = 1; w < workers; ++w) threads.emplace_back([&, w] { body(n * w / workers, n * (w + 1) / workers, w); });
    body(std::size_t{0}, n / workers, std::size_t{0});
}

inline std::size_t worker_count() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace ca::analysis
