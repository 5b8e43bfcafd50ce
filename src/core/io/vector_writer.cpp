// Edits into GeoPackages and shapefiles through OGR (see vector_writer.hpp).
#include "core/io/vector_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <set>
#include <unordered_map>

#include "core/io/gdal_handles.hpp"
#include "core/io/ogr_geometry.hpp"
#include "core/io/source_crs.hpp"
#include "core/io/web_map_offsets.hpp"
#include "core/model/error.hpp"
#include "core/model/safe_write.hpp"
#include "core/model/temp_registry.hpp"
#include "core/model/text.hpp"

namespace ca::io {
namespace {

namespace fs = std::filesystem;

// From memory's CGCS2000 lon/lat to the layer's own coordinates.
class ToSource {
public:
    ToSource(const model::Layer& layer, OGRLayerH ogr_layer) : m_offsets(layer.web_map_offsets) {
        OGRSpatialReferenceH declared = declared_srs(ogr_layer);
        SpatialRef target = declared ? SpatialRef(OSRClone(declared))
                            : layer.source_crs.epsg ? srs_from_user_input("EPSG:" + std::to_string(layer.source_crs.epsg), "CRS")
                                                    : SpatialRef();
        if (!target) return;
        const SpatialRef lonlat = lonlat_srs();
        OSRSetAxisMappingStrategy(target.get(), OAMS_TRADITIONAL_GIS_ORDER);
        if (!OSRIsSame(lonlat.get(), target.get())) m_transform.reset(OCTNewCoordinateTransformation(lonlat.get(), target.get()));
    }
    model::Geometry operator()(model::Geometry g) const {
        for (auto& p : g.coords) {
            if (m_offsets == "gcj02") p = wgs84_to_gcj02(p);
            else if (m_offsets == "bd09") p = gcj02_to_bd09(wgs84_to_gcj02(p));
        }
        if (m_transform && !g.coords.empty() &&
            !OCTTransform(m_transform.get(), static_cast<int>(g.coords.size()), &g.coords[0].x, &g.coords[0].y, nullptr))
            throw model::WriteFailure("a coordinate cannot be brought into the layer's CRS");
        return g;
    }

private:
    std::string m_offsets;
    CoordTransform m_transform;
};

void set_value(OGRFeatureH f, int field, const model::Value& value) {
    if (model::is_null(value)) OGR_F_SetFieldNull(f, field);
    else if (const auto* i = std::get_if<std::int64_t>(&value)) OGR_F_SetFieldInteger64(f, field, *i);
    else if (const auto* d = std::get_if<double>(&value)) OGR_F_SetFieldDouble(f, field, *d);
    else OGR_F_SetFieldString(f, field, std::get<std::string>(value).c_str());
}

// The OGR feature id of each row number a layer's features carry when its ids are rows (a
// shapefile's records counted from 1; a GeoPackage table without geometry, in reading order).
class RowIds {
public:
    RowIds(const model::Layer& layer, OGRLayerH ogr) : m_rows(layer.fids_are_rows), m_shapefile(layer.driver == "ESRI Shapefile") {
        if (!m_rows || m_shapefile) return;
        OGR_L_ResetReading(ogr);
        while (OgrFeature f{OGR_L_GetNextFeature(ogr)}) m_ids.push_back(OGR_F_GetFID(f.get()));
    }
    // The OGR id of our id; -1 when there is none such.
    GIntBig operator()(std::int64_t fid) const {
        if (!m_rows) return fid;
        if (m_shapefile) return fid - 1;  // OGR counts shapefile records from 0
        return fid >= 1 && static_cast<std::size_t>(fid) <= m_ids.size() ? m_ids[static_cast<std::size_t>(fid - 1)] : -1;
    }

private:
    bool m_rows, m_shapefile;
    std::vector<GIntBig> m_ids;
};

struct Writing {
    const model::Layer& layer;
    OGRLayerH ogr;
    const ToSource& to_source;
    const RowIds& ogr_id;
    const GdalErrorTrap& trap;

    [[noreturn]] void fail(std::int64_t fid, const std::string& what) const {
        throw Error(what + (trap.failed() ? ": " + trap.failure() : std::string()) + "; the file is unchanged", ErrorKind::CannotWrite)
            .file(layer.file_name())
            .layer(layer.name)
            .feature(fid < 0 ? "new" : std::to_string(fid));
    }
    // The edited parts of `feature` into `f`.
    void fill(OGRFeatureH f, const model::Feature& feature, const model::EditedParts& parts) const {
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(ogr);
        for (const std::size_t i : parts.fields) {
            const int field = OGR_FD_GetFieldIndex(defn, layer.field_names[i].c_str());
            if (field < 0) fail(feature.fid, "the file has no field " + layer.field_names[i] + " any more");
            set_value(f, field, feature.values[i]);
        }
        if (!parts.geometry || OGR_L_GetGeomType(ogr) == wkbNone) return;
        OGR_F_SetGeometryDirectly(f, feature.geometry.empty() ? nullptr : to_ogr(to_source(feature.geometry), OGR_L_GetGeomType(ogr)));
    }
    void write(std::int64_t fid, const model::EditedParts& parts, const model::Feature* now) const {
        if (!now) {  // removed: a new one never reached the file
            if (fid >= 0 && OGR_L_DeleteFeature(ogr, ogr_id(fid)) != OGRERR_NONE) fail(fid, "cannot delete the feature");
            return;
        }
        if (fid < 0) {
            OgrFeature f{OGR_F_Create(OGR_L_GetLayerDefn(ogr))};
            fill(f.get(), *now, parts);
            if (OGR_L_CreateFeature(ogr, f.get()) != OGRERR_NONE) fail(fid, "cannot add the new feature");
            return;
        }
        OgrFeature f{OGR_L_GetFeature(ogr, ogr_id(fid))};
        if (!f) fail(fid, "the file has no such feature any more");
        fill(f.get(), *now, parts);
        if (OGR_L_SetFeature(ogr, f.get()) != OGRERR_NONE) fail(fid, "cannot write the feature");
    }
};

// Every edit of the layer into the open OGR layer.
void write_edits(const model::Layer& layer, OGRLayerH ogr, const GdalErrorTrap& trap) {
    std::unordered_map<std::int64_t, const model::Feature*> by_fid;
    for (const auto& f : layer.features) by_fid.emplace(f.fid, &f);
    const ToSource to_source(layer, ogr);
    const RowIds ogr_id(layer, ogr);
    const Writing writing{layer, ogr, to_source, ogr_id, trap};
    for (const auto& [fid, parts] : layer.edited) {
        const auto found = by_fid.find(fid);
        writing.write(fid, parts, found == by_fid.end() ? nullptr : found->second);
    }
}

Dataset open_for_update(const std::string& path, const std::vector<const char*>& options, const model::Layer& layer, const GdalErrorTrap& trap) {
    register_gdal_drivers();
    std::vector<const char*> list = options;
    list.push_back(nullptr);
    Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, list.data(), nullptr));
    if (!ds)
        throw Error("cannot be opened for writing" + (trap.failed() ? ": " + trap.failure() : std::string()) + "; is it read-only or open in another program?",
                    ErrorKind::CannotWrite)
            .file(layer.file_name());
    return ds;
}

OGRLayerH layer_named(GDALDatasetH ds, const model::Layer& layer) {
    OGRLayerH ogr = GDALDatasetGetLayerByName(ds, layer.name.c_str());
    if (!ogr && GDALDatasetGetLayerCount(ds) == 1) ogr = GDALDatasetGetLayer(ds, 0);  // a shapefile copy has the copy's name
    if (!ogr) throw Error("has no layer " + layer.name + " any more").file(layer.file_name());
    return ogr;
}

void write_geopackage(const model::Layer& layer) {
    GdalErrorTrap trap;
    Dataset ds = open_for_update(layer.source_path, {}, layer, trap);
    OGRLayerH ogr = layer_named(ds.get(), layer);
    if (GDALDatasetStartTransaction(ds.get(), FALSE) != OGRERR_NONE)
        throw Error("cannot start a transaction" + (trap.failed() ? ": " + trap.failure() : std::string()), ErrorKind::CannotWrite).file(layer.file_name());
    try {
        write_edits(layer, ogr, trap);
    } catch (...) {
        GDALDatasetRollbackTransaction(ds.get());
        throw;
    }
    if (GDALDatasetCommitTransaction(ds.get()) != OGRERR_NONE)
        throw Error("cannot save: " + (trap.failed() ? trap.failure() : std::string("the commit failed")) + "; the file is unchanged", ErrorKind::CannotWrite)
            .file(layer.file_name());
    ds.reset();
    if (trap.failed()) throw Error("cannot save: " + trap.failure(), ErrorKind::CannotWrite).file(layer.file_name());
}


// A shapefile's files (.shp, .shx, .dbf, and .prj and .cpg when there) copied beside it under one
// temporary stem, so GDAL can write the copy as a shapefile; the copies replace the originals
// only in commit(), and are removed otherwise.
class ShapefileCopies {
public:
    explicit ShapefileCopies(const fs::path& shp) {
        std::random_device random;
        const std::string stem = "." + shp.stem().string() + ".save-" + std::to_string(random() % 1000000);
        for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
            const fs::path original = sibling(shp, ext);
            if (original.empty()) continue;
            const fs::path copy = shp.parent_path() / (stem + ext);
            m_parts.push_back({original, copy, model::detail::remember_temp_file(copy.string())});
            std::error_code ec;
            fs::copy_file(original, copy, fs::copy_options::overwrite_existing, ec);
            if (ec) throw model::WriteFailure("cannot copy " + original.filename().string() + ": " + ec.message());
        }
        m_shp = m_parts.front().copy;
    }
    ~ShapefileCopies() {
        for (const auto& part : m_parts) {
            std::error_code ec;
            if (!m_committed) fs::remove(part.copy, ec);
            if (part.slot >= 0) model::detail::forget_temp_file(part.slot);
        }
    }
    ShapefileCopies(const ShapefileCopies&) = delete;
    ShapefileCopies& operator=(const ShapefileCopies&) = delete;
    const fs::path& shp() const { return m_shp; }
    bool has(const char* ext) const {
        for (const auto& part : m_parts)
            if (model::fold_key(part.original.extension().string()) == ext) return true;
        return false;
    }
    // Each copy on disk, then renamed over its original (the .dbf first: attributes are most of an edit).
    void commit() {
        for (const auto& part : m_parts) {
            const int fd = ::open(part.copy.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0 || ::fsync(fd) != 0) {
                if (fd >= 0) ::close(fd);
                throw model::WriteFailure("cannot write " + part.copy.filename().string() + " to disk");
            }
            ::close(fd);
        }
        for (const char* ext : {".dbf", ".shx", ".shp", ".prj", ".cpg"})
            for (const auto& part : m_parts) {
                if (model::fold_key(part.original.extension().string()) != ext) continue;
                std::error_code ec;
                fs::rename(part.copy, part.original, ec);
                if (ec) throw model::WriteFailure("cannot replace " + part.original.filename().string() + ": " + ec.message());
            }
        m_committed = true;
    }

private:
    // The part with this extension, in lower or upper case as the files were named.
    static fs::path sibling(const fs::path& shp, const std::string& ext) {
        std::string upper = ext;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        std::error_code ec;
        for (const std::string& variant : {ext, upper}) {
            fs::path p = shp;
            if (fs::is_regular_file(p.replace_extension(variant), ec)) return p;
        }
        return {};
    }
    struct Part {
        fs::path original, copy;
        int slot = -1;
    };
    std::vector<Part> m_parts;
    fs::path m_shp;
    bool m_committed = false;
};

void write_shapefile(const model::Layer& layer, const std::string& encoding) {
    try {
        ShapefileCopies copies(layer.source_path);
        bool removed = false;
        {
            GdalErrorTrap trap;
            const std::string encoding_option = "ENCODING=" + encoding;
            Dataset ds = open_for_update(copies.shp().string(), {encoding_option.c_str()}, layer, trap);
            OGRLayerH ogr = layer_named(ds.get(), layer);
            write_edits(layer, ogr, trap);
            std::set<std::int64_t> present;
            for (const auto& f : layer.features) present.insert(f.fid);
            for (const auto& [fid, parts] : layer.edited) removed = removed || (fid >= 0 && !present.count(fid));
            if (removed) {  // deleted records are only marked until the file is packed
                const std::string repack = "REPACK " + std::string(OGR_L_GetName(ogr));  // the rest of the line is the name
                GDALDatasetExecuteSQL(ds.get(), repack.c_str(), nullptr, nullptr);
            }
            ds.reset();
            if (trap.failed()) throw model::WriteFailure(trap.failure());
        }
        const bool had_cpg = copies.has(".cpg");
        copies.commit();
        if (!had_cpg && !encoding.empty()) {  // say the encoding, so no program has to guess it again
            fs::path cpg = layer.source_path;
            model::write_file_bytes(cpg.replace_extension(".cpg"), encoding);
        }
    } catch (const model::WriteFailure& failure) {
        throw Error(std::string("cannot save: ") + failure.what() + "; the old files are unchanged", ErrorKind::CannotWrite).file(layer.file_name()).layer(layer.name);
    }
}

}  // namespace

bool can_write_back_vector(const model::Layer& layer) {
    if (layer.driver == "GPKG") return true;
    return layer.driver == "ESRI Shapefile" && model::fold_key(fs::path(layer.source_path).extension().string()) == ".shp";
}

void write_back_vector(const model::Layer& layer, const std::string& encoding) {
    if (!can_write_back_vector(layer))
        throw Error("cannot be saved in its own format (" + layer.driver + "); save it as a GeoPackage instead").file(layer.file_name()).layer(layer.name);
    if (layer.driver == "GPKG") return write_geopackage(layer);
    write_shapefile(layer, encoding);
}

}  // namespace ca::io
