#!/usr/bin/env bash
# Draws the same 3000 × 2000 px choropleth figure of a generated region with CountyAtlas and with
# PyQGIS (bench/peers/qgis_figure.py: the map alone with the parallel and the sequential render
# job, the map without labels, and a print layout page), 3 runs each (RUNS=N to change), and
# prints min/median seconds of each whole process and the median's ratio to CountyAtlas's.
# Usage: bench/compare_figure.sh [county|prefecture|province]   (default prefecture)
# Needs: a Release build in build/ (./run or ./test), and Debian's qgis and python3-qgis.
# The images stay in $BENCH_DIR (default /tmp/countyatlas-bench) to be looked at.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-prefecture}
runs=${RUNS:-3}
work=${BENCH_DIR:-/tmp/countyatlas-bench}
mkdir -p "$work"
region="$work/$scale.gpkg"
[ -f "$region" ] || build/bench/bench_generate "$scale" "$region"

seconds() { local start=$1; echo "$(date +%s.%N) - $start" | bc; }
# min and median of the numbers on stdin
summary() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f\n", v[1], (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== $scale: $(du -h "$region" | cut -f1) GeoPackage, 3000 x 2000 px, $runs runs each, load $(cut -d' ' -f1 /proc/loadavg)"
declare -A times args labels
variants=(qgis-map-parallel qgis-map-sequential qgis-map-nolabels qgis-layout)
args[qgis-map-parallel]="--mode map --job parallel";     labels[qgis-map-parallel]="QGIS map, parallel job"
args[qgis-map-sequential]="--mode map --job sequential"; labels[qgis-map-sequential]="QGIS map, sequential job"
args[qgis-map-nolabels]="--mode map --labels none";      labels[qgis-map-nolabels]="QGIS map, parallel, no labels"
args[qgis-layout]="--mode layout";                       labels[qgis-layout]="QGIS layout page (legend, title)"
run_ca() {
  build/src/countyatlas export "$region" --choropleth poverty_rate --page 3000x2000px \
    -o "$work/figure-countyatlas-$scale.png" >/dev/null 2>&1
}
run_qgis() {  # variant; the script's own stage timings go to $work/VARIANT.json
  # shellcheck disable=SC2086  # the arguments are words
  QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/peers/qgis_figure.py "$region" "$work/figure-$1-$scale.png" \
    ${args[$1]} 2>/dev/null | tail -1 > "$work/$1.json"
}
for i in $(seq "$runs"); do
  start=$(date +%s.%N); run_ca; times[countyatlas]+="$(seconds "$start") "
  for v in "${variants[@]}"; do
    start=$(date +%s.%N); run_qgis "$v"; times[$v]+="$(seconds "$start") "
    echo "   run $i $v: $(cat "$work/$v.json")"
  done
done

read -r ca_min ca_median < <(tr ' ' '\n' <<<"${times[countyatlas]}" | grep . | summary)
printf '%-34s %8s %8s %8s\n' "whole process, seconds" min median "÷ CA"
printf '%-34s %8s %8s %8s\n' "CountyAtlas export (full page)" "$ca_min" "$ca_median" 1.0
for v in "${variants[@]}"; do
  read -r lo median < <(tr ' ' '\n' <<<"${times[$v]}" | grep . | summary)
  printf '%-34s %8s %8s %8.1f\n' "${labels[$v]}" "$lo" "$median" "$(echo "$median / $ca_median" | bc -l)"
done
echo "images: $work/figure-*-$scale.png"
