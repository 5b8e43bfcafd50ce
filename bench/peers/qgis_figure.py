"""The prefecture figure drawn the way a PyQGIS user would: the same GeoPackage, the same map.

Usage: qgis_figure.py REGION.gpkg OUT.png [--mode map|layout] [--job parallel|sequential]
                      [--labels village|none] [--size 3000x2000] [--dpi 96]
Prints one JSON line of seconds: start (QGIS initialised), load (layers opened), style
(renderers, Jenks classes, labels; the print layout in layout mode), render, save (layout mode:
render and save are one call, counted as render), and script (all of it, from Python's start).
Run by compare_figure.sh against the file CountyAtlas draws with `export --choropleth poverty_rate`.

The map copies CountyAtlas's defaults (src/core/scene/style.cpp) so both draw the same amount:
villages by poverty rate (poor_population / population) in 5 Jenks classes on YlOrRd with white
0.8 px borders, village names in Noto Sans CJK at 14 px with a halo (one place each, dropped on
collision), lines and point works by kind, project sites by type as 7 px circles with a white
rim. Sizes in CountyAtlas are 96-dpi screen pixels scaled to the page's dpi, and a WIDTHxHEIGHTpx
page is drawn at 96 dpi (one symbol pixel is one image pixel); here the same sizes in millimetres
at 96 dpi. CountyAtlas leaves village names out when villages are small on the page (it then
names townships); --labels none shows what QGIS's labelling costs.
`map` renders the map alone over the whole image (QgsMapRendererParallelJob or SequentialJob);
`layout` is a print layout page with title, map, legend and scale bar, exported as PNG at
the same pixel size (QgsLayoutExporter, which renders its map on one thread).
"""
import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication, QgsCategorizedSymbolRenderer, QgsClassificationJenks, QgsCoordinateReferenceSystem,
    QgsCoordinateTransform, QgsFillSymbol, QgsGraduatedSymbolRenderer, QgsLayoutExporter, QgsLayoutItemLabel,
    QgsLayoutItemLegend, QgsLayoutItemMap, QgsLayoutItemScaleBar, QgsLayoutPoint, QgsLayoutSize, QgsLineSymbol,
    QgsMapRendererParallelJob, QgsMapRendererSequentialJob, QgsMapSettings, QgsMarkerSymbol, QgsPalLayerSettings,
    QgsPrintLayout, QgsProject, QgsRectangle, QgsRendererCategory, QgsTextBufferSettings, QgsTextFormat, QgsUnitTypes,
    QgsVectorLayer, QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor, QFont  # noqa: E402

MM_PER_SCREEN_PX = 25.4 / 96  # CountyAtlas's symbol sizes are 96-dpi screen pixels

# ColorBrewer YlOrRd steps 1, 3, 5, 6, 8: the five classes CountyAtlas picks (style::sequential).
CLASS_COLOURS = ["#ffeda0", "#feb24c", "#fc4e2a", "#e31a1c", "#800026"]
ORANGE, SKY_BLUE, BLUISH_GREEN = "#e69f00", "#56b4e9", "#009e73"
BLUE, VERMILLION, REDDISH_PURPLE, GREY = "#0072b2", "#d55e00", "#cc79a7", "#5a5a5a"
SITE_COLOURS = {"整村推进": VERMILLION, "易地扶贫搬迁": BLUE, "产业扶贫": BLUISH_GREEN, "小额信贷": ORANGE,
                "劳动力转移培训": REDDISH_PURPLE, "危房改造": SKY_BLUE}
# kind: (colour, width px, dashed)
LINE_STYLES = {"沟渠": (BLUE, 1.8, False), "管道": (BLUISH_GREEN, 1.6, True), "U型槽": (SKY_BLUE, 2.4, False),
               "道路": (ORANGE, 1.4, False), "电力线": (REDDISH_PURPLE, 1.2, True)}
# kind: (colour, shape, size px)
POND_STYLES = {"坝塘": (BLUE, "square", 9), "小水池": (SKY_BLUE, "square", 11), "水窖": (BLUISH_GREEN, "triangle", 8),
               "水井": (BLUE, "triangle", 8)}


def mm(px):
    return px * MM_PER_SCREEN_PX


def categorized(layer, field, styles, make_symbol, fallback):
    # Only the kinds the layer has, so the legend lists what is on the map (as CountyAtlas's does).
    present = layer.uniqueValues(layer.fields().indexOf(field))
    categories = [QgsRendererCategory(value, make_symbol(*style), value) for value, style in styles.items() if value in present]
    categories.append(QgsRendererCategory(None, make_symbol(*fallback), "其他"))
    return QgsCategorizedSymbolRenderer(field, categories)


def line_symbol(colour, width_px, dashed):
    return QgsLineSymbol.createSimple({"line_color": colour, "line_width": str(mm(width_px)), "line_width_unit": "MM",
                                       "line_style": "dash" if dashed else "solid", "capstyle": "round"})


def marker_symbol(colour, shape, size_px):
    # CountyAtlas rims its markers in white (0.8 px, 90 % opaque).
    return QgsMarkerSymbol.createSimple({"name": shape, "color": colour, "size": str(mm(size_px)), "size_unit": "MM",
                                         "outline_color": "255,255,255,230", "outline_width": str(mm(0.8)),
                                         "outline_width_unit": "MM"})


def style_villages(villages, labelled):
    # The poverty rate as CountyAtlas computes it, classified over the villages by Jenks.
    renderer = QgsGraduatedSymbolRenderer('"poor_population" / "population"')
    renderer.setClassificationMethod(QgsClassificationJenks())
    renderer.updateClasses(villages, 5)
    for i, colour in enumerate(CLASS_COLOURS[: len(renderer.ranges())]):
        renderer.updateRangeSymbol(i, QgsFillSymbol.createSimple({
            "color": colour, "outline_color": "#ffffff", "outline_width": str(mm(0.8)), "outline_width_unit": "MM"}))
    villages.setRenderer(renderer)

    text = QgsTextFormat()
    text.setFont(QFont("Noto Sans CJK SC"))
    text.setSize(mm(14))
    text.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    text.setColor(QColor(60, 60, 60))
    halo = QgsTextBufferSettings()
    halo.setEnabled(True)
    halo.setSize(mm(1.5))
    halo.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    halo.setColor(QColor("white"))
    text.setBuffer(halo)
    labels = QgsPalLayerSettings()
    labels.fieldName = "village_name"
    labels.placement = QgsPalLayerSettings.OverPoint  # one place per village, like CountyAtlas's anchor
    labels.centroidInside = True
    labels.setFormat(text)
    obstacles = labels.obstacleSettings()
    obstacles.setIsObstacle(False)
    labels.setObstacleSettings(obstacles)
    villages.setLabeling(QgsVectorLayerSimpleLabeling(labels))
    villages.setLabelsEnabled(labelled)
    return renderer.ranges()


def load_layers(region):
    layers = {}
    for name in ("villages", "sites", "lines", "ponds"):
        layer = QgsVectorLayer(f"{region}|layername={name}", name, "ogr")
        if layer.isValid():
            layers[name] = layer
        elif name == "villages":
            raise SystemExit(f"{region}: no villages layer")
    return layers


def style_layers(layers, labelled):
    ranges = style_villages(layers["villages"], labelled)
    if "lines" in layers:
        layers["lines"].setRenderer(categorized(layers["lines"], "kind", LINE_STYLES, line_symbol, (GREY, 1.2, False)))
    if "ponds" in layers:
        layers["ponds"].setRenderer(categorized(layers["ponds"], "kind", POND_STYLES, marker_symbol, (GREY, "square", 7)))
    if "sites" in layers:
        sites = {kind: (colour, "circle", 7) for kind, colour in SITE_COLOURS.items()}
        layers["sites"].setRenderer(categorized(layers["sites"], "project_type", sites, marker_symbol, (GREY, "circle", 7)))
    return ranges


def working_crs(villages):
    # CountyAtlas's working CRS: the CGCS2000 3-degree Gauss-Kruger zone of the data's centre.
    centre = villages.extent().center()
    meridian = 3 * round(centre.x() / 3)
    return QgsCoordinateReferenceSystem(f"EPSG:{4534 + (meridian - 75) // 3}")


def drawing_order(layers):
    return [layers[n] for n in ("sites", "ponds", "lines", "villages") if n in layers]  # topmost first


def map_extent(layers, crs):
    villages = layers["villages"]
    to_map = QgsCoordinateTransform(villages.crs(), crs, QgsProject.instance())
    extent = to_map.transformBoundingBox(villages.extent())
    extent.scale(1.04)  # CountyAtlas's air inside the frame
    return extent


def render_map(layers, crs, size, dpi, job_kind):
    settings = QgsMapSettings()
    settings.setLayers(drawing_order(layers))
    settings.setDestinationCrs(crs)
    settings.setOutputSize(QSize(*size))
    settings.setOutputDpi(dpi)
    settings.setExtent(map_extent(layers, crs))
    settings.setBackgroundColor(QColor("white"))
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    settings.setFlag(QgsMapSettings.DrawLabeling, True)
    job = (QgsMapRendererParallelJob if job_kind == "parallel" else QgsMapRendererSequentialJob)(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def build_layout(layers, crs, size, dpi):
    project = QgsProject.instance()
    project.addMapLayers(list(layers.values()))
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    width_mm, height_mm = size[0] / dpi * 25.4, size[1] / dpi * 25.4
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(width_mm, height_mm))

    title = QgsLayoutItemLabel(layout)
    title.setText("扶贫项目分布图")
    title.setFont(QFont("Noto Sans CJK SC", 20))  # QGIS 3.22: a QFont (setTextFormat came in 3.24)
    title.adjustSizeToText()
    layout.addLayoutItem(title)
    title.attemptMove(QgsLayoutPoint(width_mm / 2 - 30, 6))

    margin = 12
    legend_width = 80
    item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(item)
    extent = map_extent(layers, crs)
    item.setCrs(crs)
    item.attemptMove(QgsLayoutPoint(margin, 22))
    frame_w, frame_h = width_mm - 3 * margin - legend_width, height_mm - 22 - margin
    item.attemptResize(QgsLayoutSize(frame_w, frame_h))
    # setExtent sizes the frame to the extent's shape (and zoomToExtent fails on a new map's empty
    # extent): widen the extent to the frame's shape first.
    scale = max(extent.width() / frame_w, extent.height() / frame_h)
    centre = extent.center()
    item.setExtent(QgsRectangle(centre.x() - scale * frame_w / 2, centre.y() - scale * frame_h / 2,
                                centre.x() + scale * frame_w / 2, centre.y() + scale * frame_h / 2))
    item.setLayers(drawing_order(layers))
    item.setFrameEnabled(True)

    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("贫困发生率，自然断点，5 级")
    legend.setLinkedMap(item)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(width_mm - margin - legend_width, 22))

    scale_bar = QgsLayoutItemScaleBar(layout)
    scale_bar.setStyle("Single Box")
    scale_bar.setLinkedMap(item)
    scale_bar.setUnits(QgsUnitTypes.DistanceKilometers)
    scale_bar.setNumberOfSegments(4)
    scale_bar.setUnitsPerSegment(20)
    scale_bar.setUnitLabel("km")
    layout.addLayoutItem(scale_bar)
    scale_bar.attemptMove(QgsLayoutPoint(margin + 4, height_mm - margin - 14))
    return layout


def export_layout(layout, out, dpi):
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = dpi
    # No metadata; QGIS 3.22 still tries to georeference the PNG through GDAL afterwards, which
    # prints "ERROR 6: The PNG driver does not support update access" (harmless).
    settings.exportMetadata = False
    result = QgsLayoutExporter(layout).exportToImage(out, settings)
    if result != QgsLayoutExporter.Success:
        raise SystemExit(f"layout export failed ({result})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("region")
    parser.add_argument("out")
    parser.add_argument("--mode", choices=("map", "layout"), default="map")
    parser.add_argument("--job", choices=("parallel", "sequential"), default="parallel")
    parser.add_argument("--labels", choices=("village", "none"), default="village")
    parser.add_argument("--size", default="3000x2000")
    parser.add_argument("--dpi", type=float, default=96)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    t_start = time.perf_counter()
    layers = load_layers(os.path.abspath(args.region))
    t_load = time.perf_counter()
    ranges = style_layers(layers, args.labels == "village")
    crs = working_crs(layers["villages"])
    t_style = time.perf_counter()
    if args.mode == "map":
        image = render_map(layers, crs, size, args.dpi, args.job)
        t_render = time.perf_counter()
        if not image.save(args.out, "PNG"):
            raise SystemExit(f"cannot write {args.out}")
        del image
        t_save = time.perf_counter()
    else:
        layout = build_layout(layers, crs, size, args.dpi)
        t_style = time.perf_counter()  # the layout counts as styling; the export renders and saves at once
        export_layout(layout, args.out, args.dpi)
        del layout
        t_render = t_save = time.perf_counter()
    breaks = [round(r.upperValue(), 4) for r in ranges]
    print(json.dumps({
        "mode": args.mode, "labels": args.labels, "job": args.job if args.mode == "map" else "layout",
        "crs": crs.authid(), "breaks": breaks,
        "start_s": round(t_start - T0, 3), "load_s": round(t_load - t_start, 3), "style_s": round(t_style - t_load, 3),
        "render_s": round(t_render - t_style, 3), "save_s": round(t_save - t_render, 3),
        "script_s": round(time.perf_counter() - T0, 3)}), flush=True)
    # Python would free the layers after QGIS's registries are gone (a crash at exit): free them first.
    del layers
    QgsProject.instance().clear()
    app.exitQgis()


if __name__ == "__main__":
    main()
