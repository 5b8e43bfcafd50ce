// GDAL/OGR reading: open, decode text in the source's own encoding, bring to CGCS2000 lon/lat,
// and fail whole on any GDAL error while reading.
#include "core/io/vector_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <atomic>
#include <exception>
#include <filesystem>
#include <thread>

#include <cpl_conv.h>

#include "core/io/encoding.hpp"
#include "core/io/gdal_handles.hpp"
#include "core/io/ogr_geometry.hpp"
#include "core/io/source_crs.hpp"
#include "core/io/table_reader.hpp"
#include "core/io/table_writer.hpp"
#include "core/model/database_source.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"

namespace ca::io {
namespace {

namespace fs = std::filesystem;
using model::Vec2;

using model::file_name;

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

// A GeoPackage whose writer was killed inside a transaction keeps a hot `-journal` beside it.
// SQLite rolls it back only on a connection that may write: a read-only open fails with "attempt
// to write a readonly database" (or, worse, a backup copy of the file would hold half a save). One
// open for update rolls it back, as the next save would; in a read-only folder it cannot, and
// the read below says so.
void roll_back_interrupted_save(const std::string& path, const std::string& driver) {
    std::error_code ec;
    if (driver != "GPKG" || !fs::exists(path + "-journal", ec)) return;
    const GdalErrorTrap trap;
    Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
}

// GDAL's PostgreSQL driver, its libpq messages (several lines each) made one line.
Dataset open_database(const std::string& path) {
    register_gdal_drivers();
    GdalErrorTrap trap;
    const char* const drivers[] = {"PostgreSQL", nullptr};
    Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!ds) throw Error("cannot open the database: " + model::one_line(trap.failed() ? trap.failure() : "no answer")).file(file_name(path));
    return ds;
}

Dataset open_dataset(const std::string& path, bool& is_shapefile) {
    if (model::is_database_source(path)) {
        is_shapefile = false;
        return open_database(path);
    }
    register_gdal_drivers();
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Error("file not found").file(path);
    if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0)
        throw Error("the file is empty (0 bytes)").file(file_name(path));

    GdalErrorTrap trap;
    GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
    const std::string short_name = driver ? GDALGetDriverShortName(driver) : "";
    is_shapefile = short_name == "ESRI Shapefile" && !fs::is_directory(path, ec);
    // A lone .dbf is a table the same driver reads: only a .shp needs its .shx and .dbf.
    if (is_shapefile && model::fold_key(fs::path(path).extension().string()) == ".shp") check_shapefile_siblings(path);

    roll_back_interrupted_save(path, short_name);
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

// What reading one source needs to know of it, decided once for all its layers.
struct SourceContext {
    std::string path, file, driver;
    bool is_shapefile = false;
    bool fields_only = false;  // ReadOptions::database_fields_only, for a database
    bool legacy_text = false;  // DBF or CSV: bytes in some encoding; else Unicode by the format
    EncodingChoice encoding;   // for legacy text
    std::string assume_crs;
};

SourceContext describe_source(GDALDatasetH ds, const std::string& path, bool is_shapefile, const ReadOptions& options) {
    SourceContext context;
    context.path = path;
    context.file = file_name(path);
    context.driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds));
    context.is_shapefile = is_shapefile;
    // XLSX, GeoPackage, GeoJSON, KML, FlatGeobuf are Unicode by definition: never recoded, so an
    // --encoding meant for a GBK shapefile cannot garble the project sheet given beside it.
    context.legacy_text = context.driver == "ESRI Shapefile" || context.driver == "CSV";
    if (context.legacy_text) context.encoding = legacy_source_encoding(path, is_shapefile, options.encoding.for_source(path));
    context.assume_crs = options.assume_crs;
    context.fields_only = options.database_fields_only && context.driver == "PostgreSQL";
    return context;
}

// A GDAL failure at any point of reading is the source's failure: never a smaller count.
void throw_if_failed(const GdalErrorTrap& trap, const SourceContext& source, const std::string& layer, const std::string& what) {
    if (!trap.failed()) return;
    // A server's refusal (permission, a dropped connection) is its own reason, in one line.
    const std::string hint = source.driver == "PostgreSQL" ? "" : " (is the file damaged or cut short?)";
    throw Error("cannot read " + what + ": " + model::one_line(trap.failure()) + hint).file(source.file).layer(layer);
}

model::Value read_value(OGRFeatureH f, int i, OGRFieldType type, TextDecoder& decoder, bool& replaced) {
    if (!OGR_F_IsFieldSetAndNotNull(f, i)) return {};
    switch (type) {
        case OFTInteger:
        case OFTInteger64: return static_cast<std::int64_t>(OGR_F_GetFieldAsInteger64(f, i));
        case OFTReal: return OGR_F_GetFieldAsDouble(f, i);
        default: return decoder.decode(OGR_F_GetFieldAsString(f, i), &replaced);
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

void report_unreadable_text(model::Layer& layer, const model::Feature& f, const std::string& file, const TextDecoder& decoder) {
    for (std::size_t i = 0; i < f.values.size(); ++i) {
        const auto* text = std::get_if<std::string>(&f.values[i]);
        if (!text || text->find("\xEF\xBF\xBD") == std::string::npos) continue;
        layer.problems.add({model::Severity::Warning, "unreadable text", file, layer.name, f.fid, layer.fids_are_rows,
                            "field " + layer.field_names[i] + ": \"" + *text + "\" holds bytes that are not " + decoder.description() +
                                " text (shown as �); give the right one with --encoding " + file + "=ENCODING"});
        return;  // one per row is enough to find it
    }
}

// A detected legacy encoding is a decision to say: the user can correct it.
void note_detected_encoding(model::Layer& layer, const EncodingChoice& encoding) {
    if (!encoding.detected() || encoding.name == "UTF-8") return;
    const std::string file = file_name(layer.source_path);
    layer.problems.add({model::Severity::Note, "encoding", file, layer.name, -1, false,
                        "text read as " + layer.encoding + "; if it looks wrong, pass --encoding " + file + "=ENCODING"});
}

// Fields and features as the source has them, text decoded; coordinates not yet transformed.
void read_features(OGRLayerH ogr_layer, const SourceContext& source, TextDecoder& decoder, model::Layer& layer) {
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(ogr_layer);
    const int field_count = OGR_FD_GetFieldCount(defn);
    std::vector<OGRFieldType> field_types;
    for (int i = 0; i < field_count; ++i) {
        OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
        layer.field_names.push_back(decoder.decode(OGR_Fld_GetNameRef(fd)));
        field_types.push_back(OGR_Fld_GetType(fd));
    }
    layer.mapping = model::map_fields(layer.field_names);
    const bool has_geometry_column = OGR_L_GetGeomType(ogr_layer) != wkbNone;
    // Shapefile and DBF records are counted from 1 as users count them; a CSV GDAL reads (one with
    // a geometry column) by its lines, the header being line 1.
    layer.fids_are_rows = !has_geometry_column || source.driver == "ESRI Shapefile" || source.driver == "CSV";
    const std::int64_t header_rows = source.driver == "CSV" ? 1 : 0;
    layer.rows_on_server = source.fields_only;
    if (source.fields_only) return;
    std::vector<model::Vec2> scratch;
    OGR_L_ResetReading(ogr_layer);
    for (std::int64_t row = 1;; ++row) {
        OgrFeature f(OGR_L_GetNextFeature(ogr_layer));
        if (!f) break;
        model::Feature feature;
        feature.fid = layer.fids_are_rows ? row + header_rows : OGR_F_GetFID(f.get());
        feature.values.reserve(static_cast<std::size_t>(field_count));
        bool replaced = false;
        for (int i = 0; i < field_count; ++i)
            feature.values.push_back(read_value(f.get(), i, field_types[static_cast<std::size_t>(i)], decoder, replaced));
        if (replaced) report_unreadable_text(layer, feature, source.file, decoder);
        append_geometry(OGR_F_GetGeometryRef(f.get()), feature.geometry, scratch);
        if (!has_geometry_column && point_from_lon_lat(layer, feature)) ++layer.counts.from_lon_lat;
        layer.features.push_back(std::move(feature));
    }
}

// The layer's CRS: declared, else --assume-crs, else lon/lat for table columns, else left for
// the loader to decide from the numbers and the other layers (Layer::source_crs.missing).
void settle_crs(OGRLayerH ogr_layer, const SourceContext& source, model::Layer& layer) {
    if (OGR_L_GetGeomType(ogr_layer) == wkbNone) {
        layer.source_crs = {"CGCS2000 / WGS 84 lon/lat (table columns)", 4490, "lon/lat columns", false};
        bring_to_lonlat(layer, srs_from_user_input("EPSG:4490", "CRS").get());
        return;
    }
    if (OGRSpatialReferenceH srs = declared_srs(ogr_layer)) {
        layer.source_crs = describe_crs(srs);
        bring_to_lonlat(layer, srs);
        return;
    }
    if (!source.assume_crs.empty()) {
        assign_crs(layer, source.assume_crs, "--assume-crs");
        return;
    }
    layer.source_crs = {"none declared", 0, "", true};
}

model::Layer read_layer(OGRLayerH ogr_layer, const SourceContext& source) {
    // From the first question asked of the layer: GDAL parses an XLSX sheet when its definition
    // is first asked for, and a damaged one fails there.
    GdalErrorTrap trap;
    model::Layer layer;
    layer.source_path = source.path;
    layer.driver = source.driver;
    layer.name = OGR_L_GetName(ogr_layer);
    TextDecoder decoder = source.legacy_text ? TextDecoder(source.encoding) : TextDecoder();
    layer.geometry_type = OGRGeometryTypeToName(OGR_L_GetGeomType(ogr_layer));
    throw_if_failed(trap, source, layer.name, "the layer");
    read_features(ogr_layer, source, decoder, layer);
    throw_if_failed(trap, source, layer.name, "feature " + std::to_string(layer.features.size() + 1));
    // Shapefiles: OGR stops quietly at a truncated .shp; the .shx says how many there should be.
    if (source.is_shapefile) {
        const GIntBig expected = OGR_L_GetFeatureCount(ogr_layer, FALSE);
        if (expected >= 0 && static_cast<std::size_t>(expected) != layer.features.size())
            throw Error("read " + std::to_string(layer.features.size()) + " features but the index lists " + std::to_string(expected) +
                        " (is the file truncated?)")
                .file(source.file)
                .layer(layer.name);
    }
    for (std::string& warning : trap.take_warnings())
        layer.problems.add({model::Severity::Warning, "GDAL warning", source.file, layer.name, -1, false, "GDAL says: " + warning});
    layer.encoding = decoder.description();
    note_detected_encoding(layer, source.encoding);
    settle_crs(ogr_layer, source, layer);
    // A table's rows come in the order the server stores them, which an update changes: in key
    // order they come the same way to every reader (and to the server's own counting).
    if (source.driver == "PostgreSQL")
        std::ranges::sort(layer.features, {}, [](const model::Feature& f) { return f.fid; });
    return layer;
}

// Spreadsheets and CSV tables: table_reader finds their header, unit and total rows; here they get
// the source's encoding, their rows checked for unreadable text, and points from lon/lat columns.
std::vector<model::Layer> read_table_source(const SourceSpec& source, const ReadOptions& options, const LayerHook& after_each) {
    const bool workbook = is_workbook_file(source.path);
    const EncodingChoice encoding = workbook ? EncodingChoice{} : legacy_source_encoding(source.path, false, options.encoding.for_source(source.path));
    TextDecoder decoder = workbook ? TextDecoder() : TextDecoder(encoding);
    std::vector<model::Layer> layers = read_tables(source.path, source.layer, decoder);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        model::Layer& layer = layers[i];
        for (auto& f : layer.features) {
            report_unreadable_text(layer, f, file_name(source.path), decoder);
            if (point_from_lon_lat(layer, f)) ++layer.counts.from_lon_lat;
        }
        if (workbook) layer.encoding = decoder.description();
        else note_detected_encoding(layer, encoding);
        bring_to_lonlat(layer, srs_from_user_input("EPSG:4490", "CRS").get());
        if (after_each) after_each(layer, i);
    }
    return layers;
}

std::vector<model::Layer> read_source_layers(const SourceSpec& source, const ReadOptions& options, const LayerHook& after_each) {
    if (is_table_file(source.path)) return read_table_source(source, options, after_each);
    bool is_shapefile = false;
    Dataset ds = open_dataset(source.path, is_shapefile);
    const SourceContext context = describe_source(ds.get(), source.path, is_shapefile, options);
    std::vector<model::Layer> layers;
    if (!source.layer.empty()) {
        OGRLayerH layer = GDALDatasetGetLayerByName(ds.get(), source.layer.c_str());
        if (!layer) {
            std::string names;
            for (int i = 0; i < GDALDatasetGetLayerCount(ds.get()); ++i)
                names += (i ? ", " : "") + std::string(OGR_L_GetName(GDALDatasetGetLayer(ds.get(), i)));
            throw Error("has no layer \"" + source.layer + "\"; its layers are: " + names).file(file_name(source.path));
        }
        layers.push_back(read_layer(layer, context));
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
                layers[k] = read_layer(GDALDatasetGetLayer(handle, i), context);
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

}  // namespace

void assign_crs(model::Layer& layer, const std::string& crs, const std::string& how) {
    const SpatialRef srs = srs_from_user_input(crs, how == "--assume-crs" ? "--assume-crs" : "CRS");
    layer.source_crs = describe_crs(srs.get());
    layer.source_crs.how = how;
    bring_to_lonlat(layer, srs.get());
}

SourceSpec parse_source(std::string_view argument) {
    if (model::is_database_source(argument)) {
        const model::DatabaseSource database = model::parse_database_source(argument);
        remember_database_password(database.password);
        return {model::database_connection_name(database), database.table};
    }
    std::string whole(argument);
    std::error_code ec;
    if (fs::exists(whole, ec)) return {whole, {}};
    const auto colon = whole.rfind(':');
    if (colon == std::string::npos || colon == 0) return {whole, {}};
    return {whole.substr(0, colon), whole.substr(colon + 1)};
}

std::string source_argument(const SourceSpec& source) {
    if (source.layer.empty()) return source.path;
    return source.path + (model::is_database_source(source.path) ? " " : ":") + source.layer;
}

void remember_database_password(const std::string& password) {
    // libpq's own channel, read by every connection this process opens (GDAL's and ours); never
    // written to a file or shown.
    if (!password.empty()) setenv("PGPASSWORD", password.c_str(), 1);
}

std::vector<model::Layer> read_source(const SourceSpec& source, const ReadOptions& options, const LayerHook& after_each) {
    // Stamped before reading: a change made while it is read is a change since.
    const model::SourceStamp stamp = model::stamp_of(source.path);
    std::vector<model::Layer> layers = read_source_layers(source, options, after_each);
    // A GeoPackage saved with its project holds that in a table of its own: not data.
    // A schema published to PostGIS keeps the loader's notes beside the layers: not data either.
    std::erase_if(layers, [](const model::Layer& layer) {
        const std::string bare = model::split_table_name(layer.name).name;
        return bare == kEmbeddedProjectTable || bare == kLoadNotesTable;
    });
    for (auto& layer : layers) layer.source_stamp = stamp;
    return layers;
}

}  // namespace ca::io
