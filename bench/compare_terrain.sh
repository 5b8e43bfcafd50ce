#!/usr/bin/env bash
# Zonal terrain statistics per village on a generated region and a synthetic DEM: CountyAtlas
# (bench_terrain: elevation mean/min/max, Horn slope, steep and high shares), then QGIS's
# native:zonalstatisticsfb (elevation mean/min/max only) on the same files when QGIS is installed.
# Wall time and peak memory from /usr/bin/time -v; the mean of the villages' mean elevations
# checked to agree within 0.5 % (CountyAtlas weights edge pixels by their part inside, QGIS counts
# pixel centres).
# Usage: bench/compare_terrain.sh [county|province]   (default county)
#   county:   4000 × 4000 pixels in EPSG:4543 (7.5 m) over the 144 villages
#   province: 20000 × 20000 pixels in EPSG:4490 (about 1.7″, 45 m) over 130,321 villages, with overviews
# Needs a Release build in build/ (bench_generate, bench_generate_dem, bench_terrain).
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-county}
work=${BENCH_DIR:-/tmp/countyatlas-bench}
mkdir -p "$work"
region="$work/$scale.gpkg"
dem="$work/$scale-dem.tif"
case $scale in
  county) pixels=4000 crs=EPSG:4543 ;;
  province) pixels=20000 crs=EPSG:4490 ;;
  *) echo "scale is county or province" >&2; exit 2 ;;
esac
[ -f "$region" ] || build/bench/bench_generate "$scale" "$region"
[ -f "$dem" ] || build/bench/bench_generate_dem "$region" "$dem" "$pixels" "$crs"

# "wall seconds, peak MiB" from /usr/bin/time -v's report in file $1
time_of() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = t[n] + (n > 1 ? 60 * t[n-1] : 0) + (n > 2 ? 3600 * t[n-2] : 0) }
                        /Maximum resident/ { m = $2 / 1024 } END { printf "%.2f s, %.0f MiB", s, m }' "$1"; }

echo "== $scale: $(du -h "$region" | cut -f1) villages, $(du -h "$dem" | cut -f1) DEM of $pixels × $pixels in $crs"
/usr/bin/time -v build/bench/bench_terrain "$region" "$dem" 2>"$work/ca-terrain.time" | tee "$work/ca-terrain.out"
echo "CountyAtlas (bench_terrain): $(time_of "$work/ca-terrain.time")"
ours=$(sed -n 's/.*"mean_of_village_means_m": \([0-9.]*\).*/\1/p' "$work/ca-terrain.out")

if [ -x /usr/bin/qgis_process.bin ]; then
  rm -f "$work/q-zonal.gpkg"
  QT_QPA_PLATFORM=offscreen /usr/bin/time -v /usr/bin/qgis_process.bin run native:zonalstatisticsfb -- \
    "INPUT=$region|layername=villages" "INPUT_RASTER=$dem" RASTER_BAND=1 COLUMN_PREFIX=z_ STATISTICS=2,5,6 \
    "OUTPUT=$work/q-zonal.gpkg" >/dev/null 2>"$work/q-zonal.time"
  echo "QGIS native:zonalstatisticsfb: $(time_of "$work/q-zonal.time")"
  layer=$(ogrinfo -q "$work/q-zonal.gpkg" | sed -n '1s/^1: \([^ ]*\).*/\1/p')
  figures=$(ogrinfo -q -dialect sqlite -sql "SELECT AVG(z_mean) AS m, MIN(z_min) AS lo, MAX(z_max) AS hi FROM \"$layer\"" "$work/q-zonal.gpkg")
  theirs=$(echo "$figures" | sed -n 's/.* m ([A-Za-z0-9]*) = //p')
  echo "mean of village means: CountyAtlas $ours m, QGIS $theirs m;" \
       "lowest/highest pixel: CountyAtlas $(sed -n 's/.*"min_m": \([0-9]*\), "max_m": \([0-9]*\).*/\1\/\2/p' "$work/ca-terrain.out")," \
       "QGIS $(echo "$figures" | sed -n 's/.* lo ([A-Za-z0-9]*) = //p' | cut -d. -f1)/$(echo "$figures" | sed -n 's/.* hi ([A-Za-z0-9]*) = //p' | cut -d. -f1)"
  awk -v a="$ours" -v b="$theirs" 'BEGIN { d = (a - b) / b; if (d < 0) d = -d; printf "differ by %.3f %%\n", 100 * d; exit d > 0.005 }'
else
  echo "QGIS (qgis_process.bin) not installed: no peer run"
fi
