// Work split over cores: every index done once, and a failure on any worker reaches the caller
// (before, an exception on a helper thread ended the program).
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "core/analysis/parallel.hpp"

using namespace ca;

TEST_CASE("parallel_for covers every index once, and rethrows a worker's exception on the caller") {
    std::vector<std::atomic<int>> seen(100000);
    analysis::parallel_for(seen.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
        for (std::size_t i = begin; i < end; ++i) ++seen[i];
    });
    int wrong = 0;
    for (const auto& s : seen) wrong += s != 1;
    CHECK(wrong == 0);
    // The last slice runs on a helper thread whenever there are two or more workers.
    CHECK_THROWS_WITH(analysis::parallel_for(100000, [&](std::size_t, std::size_t end, std::size_t) {
                          if (end == 100000) throw std::runtime_error("disk full");
                      }),
                      "disk full");
}

TEST_CASE("for_each_index runs each task once on the threads asked for, stops taking tasks after a failure and rethrows it") {
    std::vector<std::atomic<int>> seen(50);
    analysis::for_each_index(seen.size(), 3, [&](std::size_t i) { ++seen[i]; });
    int wrong = 0;
    for (const auto& s : seen) wrong += s != 1;
    CHECK(wrong == 0);
    std::atomic<int> started{0};
    CHECK_THROWS_WITH(analysis::for_each_index(1000, 2, [&](std::size_t i) {
                          ++started;
                          if (i == 3) throw std::runtime_error("page 4 cannot be written");
                      }),
                      "page 4 cannot be written");
    CHECK(started < 1000);
    analysis::for_each_index(0, 2, [&](std::size_t) { FAIL("no task to run"); });
}
