"""The township statistics job done the way a geopandas user would: sjoin, overlay, dissolve.

Usage: geopandas_stats.py REGION.gpkg OUT.gpkg  -> prints a JSON summary to stdout.
Run by compare_peers.sh against the same file CountyAtlas reads.
"""
import json
import sys

import geopandas as gpd
import pandas as pd

region, out = sys.argv[1], sys.argv[2]
villages = gpd.read_file(region, layer="villages")
sites = gpd.read_file(region, layer="sites")
lines = gpd.read_file(region, layer="lines")

# Sites in villages (a point on a shared border may match two villages: keep the first).
joined = gpd.sjoin(sites, villages[["village_name", "township", "geometry"]], how="inner", predicate="intersects")
joined = joined[~joined.index.duplicated(keep="first")]
site_stats = joined.groupby("township").agg(sites=("funds_yuan", "size"), funds_yuan=("funds_yuan", "sum"))

# Lines cut at village borders, measured in the CGCS2000 Gauss-Kruger zone of the region.
pieces = gpd.overlay(lines.to_crs(4543), villages[["township", "geometry"]].to_crs(4543), how="intersection", keep_geom_type=True)
pieces["km"] = pieces.geometry.length / 1000
line_stats = pieces.groupby("township").agg(line_km=("km", "sum"))

people = villages.groupby("township").agg(villages=("village_name", "size"), population=("population", "sum"))
townships = villages[["township", "geometry"]].dissolve(by="township")
table = townships.join(people).join(site_stats).join(line_stats).fillna(0)
table.to_file(out, layer="township_stats", driver="GPKG")

print(json.dumps({
    "townships": len(table),
    "sites": int(table["sites"].sum()),
    "funds_yuan": float(table["funds_yuan"].sum()),
    "line_km": float(table["line_km"].sum()),
    "population": int(table["population"].sum()),
}))
