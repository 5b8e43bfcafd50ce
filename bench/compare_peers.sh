#!/usr/bin/env bash
# Runs the township statistics job on the same generated file with CountyAtlas, geopandas and
# QGIS's processing algorithms, checks the numbers agree, and prints the time ratios.
# Usage: bench/compare_peers.sh [county|prefecture|province]   (default prefecture)
# Needs: a Release build in build/ (./run or ./test), and Debian's qgis and python3-geopandas.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-prefecture}
work=${BENCH_DIR:-/tmp/countyatlas-bench}
mkdir -p "$work"
region="$work/$scale.gpkg"
[ -f "$region" ] || build/bench/bench_generate "$scale" "$region"

seconds() { local start=$1; echo "$(date +%s.%N) - $start" | bc; }

echo "== $scale: $(du -h "$region" | cut -f1) GeoPackage"
rm -f "$work"/ca-out.gpkg "$work"/gpd-out.gpkg "$work"/q-*.gpkg
start=$(date +%s.%N)
build/src/countyatlas stats --villages "$region:villages" --sites "$region:sites" --lines "$region:lines" \
  --format gpkg -o "$work/ca-out.gpkg" 2>/dev/null
t_ca=$(seconds "$start")
build/src/countyatlas stats --villages "$region:villages" --sites "$region:sites" --lines "$region:lines" \
  --format json 2>/dev/null > "$work/ca.json"

start=$(date +%s.%N)
/usr/bin/python3 bench/peers/geopandas_stats.py "$region" "$work/gpd-out.gpkg" > "$work/gpd.json"
t_gpd=$(seconds "$start")

qgis() { QT_QPA_PLATFORM=offscreen /usr/bin/qgis_process.bin run "$@" >/dev/null 2>&1; }
start=$(date +%s.%N)
qgis native:countpointsinpolygon --ellipsoid=EPSG:1024 -- "POLYGONS=$region|layername=villages" \
  "POINTS=$region|layername=sites" FIELD=NUMPOINTS "OUTPUT=$work/q-count.gpkg"
qgis qgis:joinbylocationsummary --ellipsoid=EPSG:1024 -- "INPUT=$work/q-count.gpkg" \
  "JOIN=$region|layername=sites" PREDICATE=0 JOIN_FIELDS=funds_yuan SUMMARIES=5 "OUTPUT=$work/q-funds.gpkg"
qgis native:sumlinelengths --ellipsoid=EPSG:1024 -- "POLYGONS=$work/q-funds.gpkg" "LINES=$region|layername=lines" \
  LEN_FIELD=LENGTH COUNT_FIELD=COUNT "OUTPUT=$work/q-lines.gpkg"
qgis native:dissolve -- "INPUT=$work/q-lines.gpkg" FIELD=township "OUTPUT=$work/q-townships.gpkg"
t_qgis=$(seconds "$start")

/usr/bin/python3 - "$work" "$t_ca" "$t_gpd" "$t_qgis" <<'PY'
import json, sys
import geopandas as gpd
work, t_ca, t_gpd, t_qgis = sys.argv[1], *map(float, sys.argv[2:])
ca = json.load(open(f"{work}/ca.json"))["total"]
gpd_totals = json.load(open(f"{work}/gpd.json"))
q = gpd.read_file(f"{work}/q-lines.gpkg")
qgis = {"sites": int(q["NUMPOINTS"].sum()), "funds_yuan": float(q["funds_yuan_sum"].fillna(0).sum()),
        "line_km": float(q["LENGTH"].sum()) / 1000}
ours = {"sites": ca["sites"], "funds_yuan": ca["funds_yuan"], "line_km": sum(ca["line_km_by_kind"].values())}
print(f"{'':12}{'CountyAtlas':>14}{'geopandas':>14}{'QGIS':>14}")
for key in ("sites", "funds_yuan", "line_km"):
    print(f"{key:12}{ours[key]:>14.1f}{gpd_totals[key]:>14.1f}{qgis[key]:>14.1f}")
def agree(a, b, rel):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1)
ok = all(agree(ours[k], gpd_totals[k], 0.001) and agree(ours[k], qgis[k], 0.001) for k in ours)
print(f"{'seconds':12}{t_ca:>14.2f}{t_gpd:>14.2f}{t_qgis:>14.2f}")
print(f"CountyAtlas is {t_gpd / t_ca:.1f}x faster than geopandas and {t_qgis / t_ca:.1f}x faster than QGIS")
print("numbers agree within 0.1 %" if ok else "NUMBERS DIFFER by more than 0.1 %")
sys.exit(0 if ok else 1)
PY
