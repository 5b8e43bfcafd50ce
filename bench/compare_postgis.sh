#!/usr/bin/env bash
# Times CountyAtlas over PostGIS against the same region read from its GeoPackage: publishing the
# region, counting on the server by SQL and here (every row over the wire), QGIS's processing
# algorithms reading the same tables, and the first map; checks the two engines' totals agree.
# Usage: bench/compare_postgis.sh [county|prefecture|province]   (default prefecture)
# Needs: a Release build in build/, Debian's postgresql-15 and postgresql-15-postgis-3 (a
# throwaway server from scripts/postgis_server.sh, as the tests use), qgis and python3-gdal.
# RUNS=N repeats each stats and export run (default 3; the median is shown); SKIP_QGIS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-prefecture}
runs=${RUNS:-3}
work=${BENCH_DIR:-/tmp/countyatlas-bench}
mkdir -p "$work"
region="$work/$scale.gpkg"
[ -f "$region" ] || build/bench/bench_generate "$scale" "$region"
out="$work/postgis-$scale"  # apart from compare_peers.sh's files, which it removes by pattern
rm -rf "$out"
mkdir -p "$out"
ca=build/src/countyatlas

state=$(mktemp -d /tmp/countyatlas-pgbench.XXXXXX)
stop_server() { scripts/postgis_server.sh stop "$state/server" >/dev/null 2>&1 || true; rm -rf "$state"; }
trap stop_server EXIT
trap 'exit 130' INT TERM  # so that the EXIT trap stops the server on Ctrl-C too
server=$(scripts/postgis_server.sh start "$state/server")
conninfo=$(cat "$state/server/conninfo")
word() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$conninfo"; }
schema="bench_$scale"
echo "== $scale: $(du -h "$region" | cut -f1) GeoPackage; $server"

seconds() { echo "$(date +%s.%N) - $1" | bc; }
times="$out/times.txt"
: >"$times"
# NAME CMD...: one line "NAME seconds peak_kB status" in $times; the run's output in $out/NAME.*
measure() {
  local name=$1 start rc=0 kb
  shift
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err" || rc=$?
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/$name.time")
  echo "$name $(seconds "$start") ${kb:-0} $rc" >>"$times"
  [ "$rc" = 0 ] || { echo "FAILED (exit $rc): $*" >&2; tail -n 5 "$out/$name.err" >&2; }
}
# NAME CMD...: measure RUNS times (NAME.1, NAME.2...); each writes the same output files
measure_runs() {
  local name=$1 i
  shift
  for i in $(seq 1 "$runs"); do measure "$name.$i" "$@"; done
}

layers=(--villages "$region:villages" --sites "$region:sites" --lines "$region:lines")
project="$out/$scale.cap.json"
measure publish "$ca" publish "${layers[@]}" --to "PG:$conninfo" --schema "$schema" --replace \
  --project-out "$project"

measure_runs stats_server "$ca" stats "$project" --engine server --format json -o "$out/server.json"
# The server plans these queries as costly enough for JIT compilation, which costs more than it saves.
measure_runs stats_server_nojit env PGOPTIONS="-c jit=off" "$ca" stats "$project" --engine server \
  --format json -o "$out/server-nojit.json"
measure_runs stats_local "$ca" stats "$project" --engine local --format json -o "$out/local.json"
measure_runs stats_gpkg "$ca" stats "${layers[@]}" --format json -o "$out/gpkg.json"

# The figure of compare_figure.sh; fixed sources and date so both pages can be compared by bytes.
figure=(--page 3000x2000px --choropleth poverty_rate --sources bench --map-date 2026-11-30)
measure_runs export_server "$ca" export "$project" "${figure[@]}" -o "$out/map-postgis.png"
measure_runs export_gpkg "$ca" export "${layers[@]}" "${figure[@]}" -o "$out/map-gpkg.png"

qgis() {
  local log=$1
  shift
  QT_QPA_PLATFORM=offscreen /usr/bin/qgis_process.bin run "$@" >>"$log" 2>&1
}
# TAG VILLAGES SITES LINES: compare_peers.sh's township job (count, funds, line length on the
# CGCS2000 ellipsoid, dissolve) with the three layers read from the sources given
qgis_job() {
  local tag=$1 villages=$2 sites=$3 lines=$4 start rc=0
  local log="$out/qgis-$tag.log" q="$out/q-$tag"
  start=$(date +%s.%N)
  { qgis "$log" native:countpointsinpolygon --ellipsoid=EPSG:1024 -- "POLYGONS=$villages" \
      "POINTS=$sites" FIELD=NUMPOINTS "OUTPUT=$q-count.gpkg" &&
    qgis "$log" qgis:joinbylocationsummary --ellipsoid=EPSG:1024 -- "INPUT=$q-count.gpkg" \
      "JOIN=$sites" PREDICATE=0 JOIN_FIELDS=funds_yuan SUMMARIES=5 "OUTPUT=$q-funds.gpkg" &&
    qgis "$log" native:sumlinelengths --ellipsoid=EPSG:1024 -- "POLYGONS=$q-funds.gpkg" \
      "LINES=$lines" LEN_FIELD=LENGTH COUNT_FIELD=COUNT "OUTPUT=$q-lines.gpkg" &&
    qgis "$log" native:dissolve -- "INPUT=$q-lines.gpkg" FIELD=township "OUTPUT=$q-townships.gpkg"
  } || rc=$?
  echo "qgis_$tag $(seconds "$start") 0 $rc" >>"$times"
  [ "$rc" = 0 ] || { echo "FAILED (exit $rc): QGIS over $tag, see $log" >&2; tail -n 5 "$log" >&2; }
}
if [ -z "${SKIP_QGIS:-}" ]; then
  pg="postgres://dbname='$(word dbname)' host=$(word host) port=$(word port) user='$(word user)' key='fid' srid=4490"
  qgis_job postgis "$pg type=MultiPolygon table=\"$schema\".\"villages\" (geom)" \
    "$pg type=Point table=\"$schema\".\"sites\" (geom)" \
    "$pg type=MultiLineString table=\"$schema\".\"lines\" (geom)"
  qgis_job gpkg "$region|layername=villages" "$region|layername=sites" "$region|layername=lines"
fi

/usr/bin/python3 - "$out" <<'PY'
import json, os, statistics, sys
from collections import defaultdict
from osgeo import ogr
out = sys.argv[1]
runs = defaultdict(list)
for line in open(f"{out}/times.txt"):
    name, sec, kb, rc = line.split()
    runs[name.split(".")[0]].append((float(sec), int(kb), int(rc)))
ok = True
steps = [("publish", "publish (COPY into PostGIS, indexes)"),
         ("stats_server", "stats --engine server (SQL)"),
         ("stats_server_nojit", "  the same, jit=off (PGOPTIONS)"),
         ("stats_local", "stats --engine local over PostGIS"),
         ("stats_gpkg", "stats on the GeoPackage"),
         ("export_server", "export PNG from PostGIS"),
         ("export_gpkg", "export PNG from the GeoPackage"),
         ("qgis_postgis", "QGIS job over PostGIS"),
         ("qgis_gpkg", "QGIS job on the GeoPackage")]
print(f"{'':40}{'median s':>10}{'min s':>8}{'runs':>6}{'peak MiB':>10}")
for key, label in steps:
    if key not in runs:
        continue
    rs = runs[key]
    secs = [s for s, _, _ in rs]
    peak = max(kb for _, kb, _ in rs) / 1024
    failed = sum(1 for *_, rc in rs if rc != 0)
    ok &= failed == 0
    mem = f"{peak:>10.0f}" if peak else f"{'':>10}"
    note = f"  FAILED {failed} of {len(rs)}" if failed else ""
    print(f"{label:40}{statistics.median(secs):>10.2f}{min(secs):>8.2f}{len(rs):>6}{mem}{note}")

def totals(path):
    t = json.load(open(path))["total"]
    return {"sites": t["sites"], "funds_yuan": t["funds_yuan"],
            "line_km": sum(t["line_km_by_kind"].values())}
def qgis_totals(path):
    source = ogr.Open(path)  # kept: a layer outliving its data source crashes GDAL's Python
    s = {"sites": 0, "funds_yuan": 0.0, "line_km": 0.0}
    for f in source.GetLayer(0):
        s["sites"] += f["NUMPOINTS"] or 0
        s["funds_yuan"] += f["funds_yuan_sum"] or 0
        s["line_km"] += (f["LENGTH"] or 0) / 1000
    return s
def close(a, b, rel):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1)

cols = {}
for key, path in [("server", "server.json"), ("local", "local.json"), ("GeoPackage", "gpkg.json")]:
    if os.path.exists(f"{out}/{path}") and os.path.getsize(f"{out}/{path}"):
        cols[key] = totals(f"{out}/{path}")
for key, tag in [("QGIS/PostGIS", "postgis"), ("QGIS/GPKG", "gpkg")]:
    if os.path.exists(f"{out}/q-{tag}-lines.gpkg"):
        cols[key] = qgis_totals(f"{out}/q-{tag}-lines.gpkg")
print()
print(f"{'':12}" + "".join(f"{c:>20}" for c in cols))
for k in ("sites", "funds_yuan", "line_km"):
    print(f"{k:12}" + "".join(f"{cols[c][k]:>20,.2f}" for c in cols))

def check(label, passed):
    global ok
    ok &= passed
    print(f"{'pass' if passed else 'FAIL'}: {label}")
print()
if "server" in cols and "local" in cols:
    s, l = cols["server"], cols["local"]
    check(f"server and local engines: sites {s['sites']} vs {l['sites']} (exact)", s["sites"] == l["sites"])
    check(f"server and local engines: funds_yuan {s['funds_yuan']} vs {l['funds_yuan']} (exact)",
          s["funds_yuan"] == l["funds_yuan"])
    check(f"server and local engines: line km {s['line_km']:.4f} vs {l['line_km']:.4f} (within 0.01 %)",
          close(s["line_km"], l["line_km"], 1e-4))
    regions = lambda p: {r["township"]: (r["sites"], r["funds_yuan"])
                         for r in json.load(open(f"{out}/{p}"))["regions"]}
    rs, rl = regions("server.json"), regions("local.json")
    differ = [t for t in rs.keys() | rl.keys() if rs.get(t) != rl.get(t)]
    check(f"server and local engines: sites and funds of each of {len(rs)} townships"
          + (f" ({len(differ)} differ, e.g. {differ[0]}: {rs.get(differ[0])} vs {rl.get(differ[0])})" if differ else ""),
          not differ)
else:
    check("both engines produced JSON", False)
err = open(f"{out}/stats_server.1.err", encoding="utf-8", errors="replace").read()
check("the server engine says it counted on the server", "counted on the PostGIS server" in err)
if os.path.exists(f"{out}/server-nojit.json") and "server" in cols:
    check("the server engine gives the same totals with jit=off", totals(f"{out}/server-nojit.json") == cols["server"])
if "local" in cols and "GeoPackage" in cols:
    check("local engine over PostGIS and on the GeoPackage give the same totals",
          cols["local"] == cols["GeoPackage"])
for q in ("QGIS/PostGIS", "QGIS/GPKG"):
    if q in cols and "server" in cols:
        check(f"{q} within 0.1 % of the server engine",
              all(close(cols[q][k], cols["server"][k], 1e-3) for k in cols[q]))
pngs = [f"{out}/map-postgis.png", f"{out}/map-gpkg.png"]
if all(os.path.exists(p) for p in pngs):
    same = open(pngs[0], "rb").read() == open(pngs[1], "rb").read()
    print(f"{'pass' if same else 'note'}: the maps from PostGIS and from the GeoPackage are "
          + ("byte for byte the same" if same else "NOT byte for byte the same"))
sys.exit(0 if ok else 1)
PY
