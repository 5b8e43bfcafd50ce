// GDAL/OGR reading: open, decode text, transform to CGCS2000 lon/lat, flatten geometries.
#include "core/io/vector_reader.hpp"

#include <algorithm>
#include <cmath>
#include <atomic>
#include <exception>
#include <filesystem>
#include <thread>

#include <cpl_conv.h>

#include "core/io/encoding.hpp"
#include "core/io/gdal_handles.hpp"
#include "core/io/table_reader.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"

namespace ca::io {
namespace {

namespace fs = std::filesystem;
using model::Vec2;

constexpr const char* kLonLatCrs = "EPSG:4490";  // CGCS2000: what every layer is held in

std::string file_name(const std::string& path) { return fs::path(path).filename().string(); }

// Before GDAL sees a shapefile: it opens one without its .dbf or .shx and reads garbage.
void check_shapefile_siblings(const std::string& path) {
    for (const char* sibling : {".dbf", ".shx"}) {
        fs::path lower = fs::path(path).replace_extension(sibling);
        std::string upper_ext = sibling;
        for (char& c : upper_ext) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        fs::path upper = fs::path(path).replace_extension(upper_ext);
        if (!fs::exists(lower) && !fs::exists(upper))
            throw Error(std::string("the shapefile's ") + sibling + " file is missing; copy all its files (.shp, .shx, .dbf, .prj, .cpg) together")
                .file(file_name(path));
    }
}

Dataset open_dataset(const std::string& path, bool& is_shapefile) {
    register_gdal_drivers();
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Error("file not found").file(path);
    if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0)
        throw Error("the file is empty (0 bytes)").file(file_name(path));

    GdalErrorTrap trap;
    GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
    const std::string short_name = driver ? GDALGetDriverShortName(driver) : "";
    is_shapefile = short_name == "ESRI Shapefile" && !fs::is_directory(path, ec);
    if (is_shapefile) check_shapefile_siblings(path);

    std::vector<const char*> open_options;
    if (is_shapefile) open_options.push_back("ENCODING=");  // raw bytes: we decode them ourselves
    if (short_name == "CSV") {
        open_options.push_back("AUTODETECT_TYPE=YES");
        open_options.push_back("EMPTY_STRING_AS_NULL=YES");
    }
    open_options.push_back(nullptr);
    Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options.data(), nullptr));
    if (!ds) {
        std::string reason = trap.failed() ? trap.failure() : "GDAL does not recognise it as vector data";
        throw Error("cannot open as vector data: " + reason).file(file_name(path));
    }
    return ds;
}

model::CrsInfo describe_crs(OGRSpatialReferenceH srs) {
    model::CrsInfo info;
    if (const char* name = OSRGetName(srs)) info.name = name;
    const char* authority = OSRGetAuthorityName(srs, nullptr);
    const char* code = OSRGetAuthorityCode(srs, nullptr);
    if (authority && code && std::string(authority) == "EPSG") {
        info.epsg = std::atoi(code);
        return info;
    }
    // ESRI .prj files carry no authority: ask PROJ's database for the matching EPSG entry.
    int count = 0;
    int* confidence = nullptr;
    OGRSpatialReferenceH* matches = OSRFindMatches(srs, nullptr, &count, &confidence);
    if (matches && count > 0 && confidence[0] >= 70) {
        const char* match_authority = OSRGetAuthorityName(matches[0], nullptr);
        const char* match_code = OSRGetAuthorityCode(matches[0], nullptr);
        if (match_authority && match_code && std::string(match_authority) == "EPSG") info.epsg = std::atoi(match_code);
    }
    if (matches) OSRFreeSRSArray(matches);
    CPLFree(confidence);
    return info;
}

// Appends one OGR geometry's parts to `out`, flattening multi-geometries and collections and
// linearising curves. Z and M are dropped.
void append_geometry(OGRGeometryH g, model::Geometry& out, std::vector<Vec2>& scratch) {
    if (!g || OGR_G_IsEmpty(g)) return;
    const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(g));
    auto read_points = [&](OGRGeometryH ring) {
        const int n = OGR_G_GetPointCount(ring);
        scratch.resize(static_cast<std::size_t>(n));
        if (n > 0) OGR_G_GetPoints(ring, &scratch[0].x, sizeof(Vec2), &scratch[0].y, sizeof(Vec2), nullptr, 0);
    };
    auto set_type = [&](model::GeometryType t) {
        if (out.type == model::GeometryType::None || static_cast<int>(t) > static_cast<int>(out.type)) out.type = t;
    };
    switch (type) {
        case wkbPoint:
            set_type(model::GeometryType::Point);
            out.begin_part();
            read_points(g);
            out.add_ring(scratch);
            return;
        case wkbLineString:
            set_type(model::GeometryType::Line);
            out.begin_part();
            read_points(g);
            out.add_ring(scratch);
            return;
        case wkbPolygon:
            set_type(model::GeometryType::Polygon);
            out.begin_part();
            for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) {
                read_points(OGR_G_GetGeometryRef(g, i));
                if (!scratch.empty()) out.add_ring(scratch);
            }
            return;
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) append_geometry(OGR_G_GetGeometryRef(g, i), out, scratch);
            return;
        default:
            if (OGR_GT_IsNonLinear(type)) {
                OGRGeometryH linear = OGR_G_GetLinearGeometry(g, 0, nullptr);
                append_geometry(linear, out, scratch);
                OGR_G_DestroyGeometry(linear);
            }
            return;
    }
}

// OGR transforms separate x and y arrays, not interleaved points: split, transform, join.
bool transform_in_place(OGRCoordinateTransformationH transform, std::vector<Vec2>& points) {
    std::vector<double> xs(points.size()), ys(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) xs[i] = points[i].x, ys[i] = points[i].y;
    std::vector<int> ok(points.size());
    if (!OCTTransformEx(transform, static_cast<int>(points.size()), xs.data(), ys.data(), nullptr, ok.data()) ||
        std::find(ok.begin(), ok.end(), 0) != ok.end())
        return false;
    for (std::size_t i = 0; i < points.size(); ++i) points[i] = {xs[i], ys[i]};
    return true;
}

model::Value read_value(OGRFeatureH f, int i, OGRFieldType type, TextDecoder& decoder) {
    if (!OGR_F_IsFieldSetAndNotNull(f, i)) return {};
    switch (type) {
        case OFTInteger:
        case OFTInteger64: return static_cast<std::int64_t>(OGR_F_GetFieldAsInteger64(f, i));
        case OFTReal: return OGR_F_GetFieldAsDouble(f, i);
        default: return decoder.decode(OGR_F_GetFieldAsString(f, i));
    }
}

// Tables (CSV, XLSX) hold a location as lon/lat columns: make a point of them when both read
// as numbers in range. Degrees typed by hand in the wrong order are common: in China latitude
// is always below longitude, so a pair with lat > lon is swapped.
bool point_from_lon_lat(model::Layer& layer, model::Feature& feature) {
    auto lon = model::to_degrees(layer.value(feature, model::Meaning::Lon));
    auto lat = model::to_degrees(layer.value(feature, model::Meaning::Lat));
    if (!lon || !lat) return false;
    if (std::fabs(*lat) > 90 && std::fabs(*lon) <= 90) {
        std::swap(*lon, *lat);
        layer.problems.add({model::Severity::Warning, "swapped lon/lat", file_name(layer.source_path), layer.name, feature.fid,
                            layer.fids_are_rows, "longitude and latitude typed the wrong way round; read as lon " +
                                                     model::to_text(*lon) + ", lat " + model::to_text(*lat)});
    }
    if (std::fabs(*lon) > 180 || std::fabs(*lat) > 90) return false;
    feature.geometry = model::Geometry::point({*lon, *lat});
    return true;
}

// Spreadsheets and CSV tables: table_reader finds their header, unit and total rows.
std::vector<model::Layer> read_table_source(const SourceSpec& source, const ReadOptions& options, const LayerHook& after_each) {
    TextDecoder decoder = options.encoding.empty() ? TextDecoder() : TextDecoder(options.encoding, "--encoding");
    std::vector<model::Layer> layers = read_tables(source.path, source.layer, decoder);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        for (auto& f : layers[i].features) layers[i].counts.from_lon_lat += point_from_lon_lat(layers[i], f) ? 1 : 0;
        if (after_each) after_each(layers[i], i);
    }
    return layers;
}

model::Layer read_layer(OGRLayerH ogr_layer, const std::string& path, const std::string& driver, bool is_shapefile,
                        const ReadOptions& options) {
    model::Layer layer;
    layer.source_path = path;
    layer.driver = driver;
    layer.name = OGR_L_GetName(ogr_layer);
    const std::string file = file_name(path);

    TextDecoder decoder;
    if (!options.encoding.empty()) {
        decoder = TextDecoder(options.encoding, "--encoding");
    } else if (is_shapefile) {
        std::string origin;
        std::string declared = shapefile_declared_encoding(path, origin);
        if (!declared.empty()) decoder = TextDecoder(declared, origin);
    }

    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(ogr_layer);
    const int field_count = OGR_FD_GetFieldCount(defn);
    std::vector<OGRFieldType> field_types;
    for (int i = 0; i < field_count; ++i) {
        OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
        layer.field_names.push_back(decoder.decode(OGR_Fld_GetNameRef(fd)));
        field_types.push_back(OGR_Fld_GetType(fd));
    }
    layer.mapping = model::map_fields(layer.field_names);

    const OGRwkbGeometryType declared_type = OGR_L_GetGeomType(ogr_layer);
    layer.geometry_type = OGRGeometryTypeToName(declared_type);
    const bool has_geometry_column = declared_type != wkbNone;

    // CRS: every layer with geometry must say where it is; tables with lon/lat are in degrees.
    SpatialRef assumed;
    OGRSpatialReferenceH srs = has_geometry_column ? OGR_L_GetSpatialRef(ogr_layer) : nullptr;
    if (has_geometry_column && !srs) {
        if (options.assume_crs.empty())
            throw Error("has no coordinate reference system (no .prj or CRS in the file); pass --assume-crs EPSG:4490 "
                        "(or the code you know it is in)")
                .file(file)
                .layer(layer.name);
        assumed.reset(OSRNewSpatialReference(nullptr));
        if (OSRSetFromUserInput(assumed.get(), options.assume_crs.c_str()) != OGRERR_NONE)
            throw Error("--assume-crs " + options.assume_crs + " is not a CRS PROJ knows").file(file).layer(layer.name);
        srs = assumed.get();
    }
    SpatialRef lonlat(OSRNewSpatialReference(nullptr));
    OSRSetFromUserInput(lonlat.get(), kLonLatCrs);
    OSRSetAxisMappingStrategy(lonlat.get(), OAMS_TRADITIONAL_GIS_ORDER);
    CoordTransform to_lonlat;
    if (srs) {
        layer.source_crs = describe_crs(srs);
        SpatialRef source(OSRClone(srs));
        OSRSetAxisMappingStrategy(source.get(), OAMS_TRADITIONAL_GIS_ORDER);
        if (!OSRIsSame(source.get(), lonlat.get())) {
            to_lonlat.reset(OCTNewCoordinateTransformation(source.get(), lonlat.get()));
            if (!to_lonlat)
                throw Error("no transformation from " + layer.source_crs.name + " to CGCS2000 lon/lat").file(file).layer(layer.name);
        }
    } else {
        layer.source_crs = {"CGCS2000 / WGS 84 lon/lat (table columns)", 4490};
    }

    GdalErrorTrap trap;
    std::vector<Vec2> scratch;
    OGR_L_ResetReading(ogr_layer);
    std::int64_t row = 0;
    while (true) {
        OgrFeature f(OGR_L_GetNextFeature(ogr_layer));
        ++row;
        if (trap.failed())
            throw Error("cannot read feature " + std::to_string(row) + ": " + trap.failure() + " (is the file truncated?)")
                .file(file)
                .layer(layer.name);
        if (!f) break;
        model::Feature feature;
        // Shapefile and CSV ids count from 0 and from the header line; users count rows from 1.
        feature.fid = has_geometry_column && driver != "ESRI Shapefile" ? OGR_F_GetFID(f.get()) : row;
        feature.values.reserve(static_cast<std::size_t>(field_count));
        for (int i = 0; i < field_count; ++i)
            feature.values.push_back(read_value(f.get(), i, field_types[static_cast<std::size_t>(i)], decoder));
        append_geometry(OGR_F_GetGeometryRef(f.get()), feature.geometry, scratch);
        if (to_lonlat && !feature.geometry.empty() && !transform_in_place(to_lonlat.get(), feature.geometry.coords))
            throw Error("coordinates cannot be transformed from " + layer.source_crs.name +
                        " (are they in that CRS? check the .prj or --assume-crs)")
                .file(file)
                .layer(layer.name)
                .feature("feature " + std::to_string(feature.fid));
        if (!has_geometry_column && point_from_lon_lat(layer, feature)) ++layer.counts.from_lon_lat;
        layer.features.push_back(std::move(feature));
    }
    // Shapefiles: OGR stops quietly at a truncated .shp; the .shx says how many there should be.
    if (is_shapefile) {
        const GIntBig expected = OGR_L_GetFeatureCount(ogr_layer, FALSE);
        if (expected >= 0 && static_cast<std::size_t>(expected) != layer.features.size())
            throw Error("read " + std::to_string(layer.features.size()) + " features but the index lists " +
                        std::to_string(expected) + " (is the file truncated?)")
                .file(file)
                .layer(layer.name);
    }
    layer.encoding = decoder.description();
    return layer;
}

// Sets a GDAL configuration option for this thread while alive.
class ScopedConfig {
public:
    ScopedConfig(const char* key, const char* value) : m_key(key) { CPLSetThreadLocalConfigOption(key, value); }
    ~ScopedConfig() { CPLSetThreadLocalConfigOption(m_key, nullptr); }
    ScopedConfig(const ScopedConfig&) = delete;
    ScopedConfig& operator=(const ScopedConfig&) = delete;

private:
    const char* m_key;
};

}  // namespace

SourceSpec parse_source(std::string_view argument) {
    std::string whole(argument);
    std::error_code ec;
    if (fs::exists(whole, ec)) return {whole, {}};
    const auto colon = whole.rfind(':');
    if (colon == std::string::npos || colon == 0) return {whole, {}};
    return {whole.substr(0, colon), whole.substr(colon + 1)};
}

std::vector<model::Layer> read_source(const SourceSpec& source, const ReadOptions& options, const LayerHook& after_each) {
    if (is_table_file(source.path)) return read_table_source(source, options, after_each);
    // Office sheets have a header row, but when every cell is text (numbers typed as text are
    // common) GDAL's header detection takes it for data. The drivers read these while reading.
    const ScopedConfig xlsx_headers("OGR_XLSX_HEADERS", "FORCE");
    const ScopedConfig ods_headers("OGR_ODS_HEADERS", "FORCE");
    bool is_shapefile = false;
    Dataset ds = open_dataset(source.path, is_shapefile);
    const std::string driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds.get()));
    std::vector<model::Layer> layers;
    if (!source.layer.empty()) {
        OGRLayerH layer = GDALDatasetGetLayerByName(ds.get(), source.layer.c_str());
        if (!layer) {
            std::string names;
            for (int i = 0; i < GDALDatasetGetLayerCount(ds.get()); ++i)
                names += (i ? ", " : "") + std::string(OGR_L_GetName(GDALDatasetGetLayer(ds.get(), i)));
            throw Error("has no layer \"" + source.layer + "\"; its layers are: " + names).file(file_name(source.path));
        }
        layers.push_back(read_layer(layer, source.path, driver, is_shapefile, options));
        if (after_each) after_each(layers.back(), 0);
        return layers;
    }
    const int count = GDALDatasetGetLayerCount(ds.get());
    if (count == 0) throw Error("holds no vector layers").file(file_name(source.path));
    // Layers go to the cores as they free up; each thread opens the file itself, as GDAL datasets
    // are not to be shared between threads. The first failure, in layer order, is what is thrown.
    layers.resize(static_cast<std::size_t>(count));
    std::vector<std::exception_ptr> failures(static_cast<std::size_t>(count));
    std::atomic<int> next{0};
    auto work = [&](bool own_handle) {
        const ScopedConfig thread_xlsx_headers("OGR_XLSX_HEADERS", "FORCE");
        const ScopedConfig thread_ods_headers("OGR_ODS_HEADERS", "FORCE");
        Dataset own;
        GDALDatasetH handle = ds.get();
        for (int i = next++; i < count; i = next++) {
            try {
                if (own_handle && !own) {
                    bool shapefile = false;
                    own = open_dataset(source.path, shapefile);
                }
                if (own_handle) handle = own.get();
                const auto k = static_cast<std::size_t>(i);
                layers[k] = read_layer(GDALDatasetGetLayer(handle, i), source.path, driver, is_shapefile, options);
                if (after_each) after_each(layers[k], k);
            } catch (...) {
                failures[static_cast<std::size_t>(i)] = std::current_exception();
            }
        }
    };
    {
        std::vector<std::jthread> helpers;
        const int threads = std::min<int>(count, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
        for (int t = 1; t < threads; ++t) helpers.emplace_back(work, true);
        work(false);
    }
    for (const auto& failure : failures)
        if (failure) std::rethrow_exception(failure);
    return layers;
}

}  // namespace ca::io
