#!/usr/bin/env bash
# The whole test suite again, built with clang under AddressSanitizer + UndefinedBehaviorSanitizer
# in build-asan/ (viewer tests too, under the same Xvfb as ./test), then each libFuzzer target in
# tests/fuzz/ for CA_FUZZ_SECONDS (default 60) from its seed corpus. The code is also compiled
# with -fsanitize=fuzzer-no-link, so one build serves both: libFuzzer sees the readers' coverage.
# Called by ./test. No suppression file: nothing is excused.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz_seconds=${CA_FUZZ_SECONDS:-60}
sanitize="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
flags="-O1 -g1 $sanitize -fsanitize=fuzzer-no-link"

CC=clang CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=None -DBUILD_TESTING=ON -DCA_FUZZ=ON \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$sanitize" >/dev/null
SECONDS=0
cmake --build build-asan -j"$(nproc)" --target ca_tests ca_postgis_tests fuzzers
echo "sanitizer build: ${SECONDS} s"

# Leak checking is off in the suite (CA_DETECT_LEAKS=1 turns it on), because of leaks that are
# not ours and cannot be told apart by name: Mesa's software driver (swrast_dri.so) holds 112 bytes
# that become unreachable when GLX unloads it at display close, so every viewer exit reports them
# from "<unknown module>" (with the driver preloaded they stay reachable and nothing is reported);
# and every PDF export reports 1.5 KB allocated inside libcairo during cairo_surface_finish and
# 768 bytes inside libfontconfig's config parsing. Those would need suppressing libcairo and
# libfontconfig wholesale, hiding a cairo object of ours never destroyed as well.
export ASAN_OPTIONS=detect_leaks=${CA_DETECT_LEAKS:-0}:check_initialization_order=1:strict_init_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
SECONDS=0
(cd build-asan && ../scripts/with_display.sh ctest --output-on-failure -j"$(nproc)")
echo "sanitized suite: ${SECONDS} s"

# Each fuzzer grows its own corpus in build-asan/ from the seeds kept in tests/fuzz/corpus/, two
# at a time on two cores; a crash leaves its input in build-asan/fuzz/ and fails ./test.
mkdir -p build-asan/fuzz
fuzz() {
  local name=$1
  mkdir -p "build-asan/fuzz/corpus-$name"
  # Leaks checked here: these readers touch neither cairo nor Mesa.
  if ASAN_OPTIONS=detect_leaks=1 "build-asan/tests/fuzz/fuzz_$name" -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=4096 \
       -dict=tests/fuzz/fuzz.dict -artifact_prefix="build-asan/fuzz/$name-" -print_final_stats=1 \
       "build-asan/fuzz/corpus-$name" "tests/fuzz/corpus/$name" >"build-asan/fuzz/$name.log" 2>&1; then
    echo "fuzz_$name: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "build-asan/fuzz/$name.log" | grep -o '[0-9]*$') inputs in ${fuzz_seconds} s, no finding"
  else
    echo "fuzz_$name FOUND A PROBLEM (build-asan/fuzz/$name.log):"; tail -n 60 "build-asan/fuzz/$name.log"; return 1
  fi
}
export -f fuzz; export fuzz_seconds
SECONDS=0
printf '%s\n' project_file layout_file sheet encoding | xargs -P "$(nproc)" -I{} bash -c 'fuzz {}'
echo "fuzzing: ${SECONDS} s"
