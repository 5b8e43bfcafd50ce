// Splitting work over the machine's cores: the office PCs and CI have two.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ca::analysis {

inline std::size_t worker_count() { return std::max(1u, std::thread::hardware_concurrency()); }

namespace detail {

// Runs work(worker) on `workers` threads, the caller being worker 0, and waits for all. An
// exception thrown on any of them (a cancelled drawing, a file that cannot be written) is
// rethrown here, the first one only; `failed` turns true at once so the others can stop early.
template <typename Work>
void run_workers(std::size_t workers, Work&& work, std::atomic<bool>& failed) {
    std::exception_ptr failure;
    std::mutex guard;
    auto guarded = [&](std::size_t worker) {
        try {
            work(worker);
        } catch (...) {
            std::lock_guard lock(guard);
            if (!failure) failure = std::current_exception();
            failed = true;
        }
    };
    {
        std::vector<std::jthread> threads;
        for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(guarded, w);
        guarded(0);
    }
    if (failure) std::rethrow_exception(failure);
}

}  // namespace detail

// Calls body(begin, end, worker) on contiguous slices of [0, n), one slice per hardware thread,
// and waits for all. Small loops run on the calling thread. body must not touch shared state
// except through its own slice (or its own per-worker results). An exception in any slice is
// rethrown here once every slice has ended.
template <typename Body>
void parallel_for(std::size_t n, Body&& body, std::size_t min_per_worker = 4096) {
    const std::size_t workers = std::clamp<std::size_t>(n / std::max<std::size_t>(min_per_worker, 1), 1, worker_count());
    if (workers == 1) {
        body(std::size_t{0}, n, std::size_t{0});
        return;
    }
    std::atomic<bool> failed{false};
    detail::run_workers(workers, [&](std::size_t w) { body(n * w / workers, n * (w + 1) / workers, w); }, failed);
}

// Calls body(i) for each i in [0, n), each index taken by the next free one of `threads`
// workers: for tasks of uneven cost (atlas pages, bands of a page). After an exception no
// further index is started; the first one is rethrown here.
template <typename Body>
void for_each_index(std::size_t n, std::size_t threads, Body&& body) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    detail::run_workers(std::min(n, threads), [&](std::size_t) {
        for (std::size_t i = next++; i < n && !failed; i = next++) body(i);
    }, failed);
}

}  // namespace ca::analysis
