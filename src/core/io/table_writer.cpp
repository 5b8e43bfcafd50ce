// Table output through OGR.
#include "core/io/table_writer.hpp"

#include <cstdio>
#include <filesystem>
#include <string_view>

#include <cpl_vsi.h>

#include "core/io/gdal_handles.hpp"
#include "core/io/ogr_geometry.hpp"
#include "core/model/error.hpp"
#include "core/model/safe_write.hpp"
#include "core/model/text.hpp"

namespace ca::io {
namespace {

OGRGeometryH multipolygon(const model::Geometry& g) {
    OGRGeometryH multi = OGR_G_CreateGeometry(wkbMultiPolygon);
    for (std::size_t p = 0; p < g.part_count(); ++p) {
        OGRGeometryH polygon = OGR_G_CreateGeometry(wkbPolygon);
        for (auto r = g.part_first_ring(p); r < g.part_last_ring(p); ++r) {
            OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
            for (const auto& pt : g.ring(r)) OGR_G_AddPoint_2D(ring, pt.x, pt.y);
            OGR_G_AddGeometryDirectly(polygon, ring);
        }
        OGR_G_AddGeometryDirectly(multi, polygon);
    }
    return multi;
}

// Any step GDAL refuses: its own first message says why.
[[noreturn]] void refused(const GdalErrorTrap& trap, const char* step) {
    throw model::WriteFailure(trap.failed() ? trap.failure() : std::string("GDAL could not ") + step);
}

// The geometry of a row, or null when it has none (or the table none).
OGRGeometryH geometry_of(const TableRow& row) { return row.polygon ? multipolygon(*row.polygon) : nullptr; }
OGRGeometryH geometry_of(const PointRow& row) {
    if (!row.lonlat) return nullptr;
    OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(point, 0, row.lonlat->x, row.lonlat->y);
    return point;
}

void set_values(OGRFeatureH f, const std::vector<Column>& columns, const std::vector<model::Value>& values) {
    for (std::size_t i = 0; i < columns.size() && i < values.size(); ++i) {
        const auto& v = values[i];
        const int field = static_cast<int>(i);
        if (const auto* s = std::get_if<std::string>(&v)) OGR_F_SetFieldString(f, field, s->c_str());
        else if (const auto* n = std::get_if<std::int64_t>(&v)) OGR_F_SetFieldInteger64(f, field, *n);
        else if (const auto* d = std::get_if<double>(&v)) OGR_F_SetFieldDouble(f, field, *d);
        else OGR_F_SetFieldNull(f, field);
    }
}

// `geometry_type` wkbNone writes no geometry column; rows are TableRow or PointRow.
template <class Row>
void fill_layer(GDALDatasetH ds, GdalErrorTrap& trap, const std::string& layer_name, const std::vector<Column>& columns, const std::vector<Row>& rows,
                OGRwkbGeometryType geometry_type, CSLConstList layer_options) {
    const bool with_geometry = geometry_type != wkbNone;
    SpatialRef srs;
    if (with_geometry) {
        srs.reset(OSRNewSpatialReference(nullptr));
        OSRImportFromEPSG(srs.get(), 4490);
        OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    }
    OGRLayerH layer = GDALDatasetCreateLayer(ds, layer_name.c_str(), srs.get(), geometry_type, const_cast<char**>(layer_options));
    if (!layer) refused(trap, "create the layer");
    for (const Column& c : columns) {
        OGRFieldDefnH field = OGR_Fld_Create(c.name.c_str(), c.type == ColumnType::Text      ? OFTString
                                                             : c.type == ColumnType::Integer ? OFTInteger64
                                                                                             : OFTReal);
        const OGRErr err = OGR_L_CreateField(layer, field, TRUE);
        OGR_Fld_Destroy(field);
        if (err != OGRERR_NONE) refused(trap, "add a column");
    }
    for (const Row& row : rows) {
        OgrFeature f(OGR_F_Create(OGR_L_GetLayerDefn(layer)));
        set_values(f.get(), columns, row.values);
        if (with_geometry)
            if (OGRGeometryH g = geometry_of(row)) OGR_F_SetGeometryDirectly(f.get(), g);
        if (OGR_L_CreateFeature(layer, f.get()) != OGRERR_NONE) refused(trap, "add a row");
    }
}

template <class Row>
void write_layer(GDALDriverH driver, const std::string& file, const std::string& layer_name, const std::vector<Column>& columns,
                 const std::vector<Row>& rows, OGRwkbGeometryType geometry_type) {
    GdalErrorTrap trap;
    Dataset ds(GDALCreate(driver, file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) refused(trap, "create the file");
    const bool in_transaction = GDALDatasetStartTransaction(ds.get(), FALSE) == OGRERR_NONE;
    if (!in_transaction) trap.clear();  // XLSX has no transactions: that is no failure of the write
    fill_layer(ds.get(), trap, layer_name, columns, rows, geometry_type, nullptr);
    if (in_transaction && GDALDatasetCommitTransaction(ds.get()) != OGRERR_NONE) refused(trap, "commit the rows");
    // GDAL 3.6's GDALClose returns nothing; a driver that fails while closing (XLSX zips the
    // whole workbook then) says so only through the error handler, as any step may.
    ds.reset();
    if (trap.failed()) refused(trap, "close the file");
}

// A file GDAL writes in memory, removed with this.
class MemoryFile {
public:
    explicit MemoryFile(const std::string& extension) {
        // Named by its own address: no two live ones share it, so concurrent writes never meet.
        char name[64];
        std::snprintf(name, sizeof name, "/vsimem/countyatlas_table_%p", static_cast<const void*>(this));
        m_name = name + extension;
    }
    ~MemoryFile() { VSIUnlink(m_name.c_str()); }
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    const std::string& name() const { return m_name; }
    std::string_view bytes() const {
        vsi_l_offset length = 0;
        const GByte* data = VSIGetMemFileBuffer(m_name.c_str(), &length, FALSE);
        if (!data) throw model::WriteFailure("GDAL wrote nothing");
        return {reinterpret_cast<const char*>(data), static_cast<std::size_t>(length)};
    }

private:
    std::string m_name;
};

// Through memory, then to the disk by write_via_temp (see write_table).
template <class Row>
void write_any(const std::string& path, const std::string& driver_name, const std::string& layer_name, const std::vector<Column>& columns,
               const std::vector<Row>& rows, OGRwkbGeometryType geometry_type) {
    register_gdal_drivers();
    GDALDriverH driver = GDALGetDriverByName(driver_name.c_str());
    if (!driver) throw Error("this GDAL has no " + driver_name + " driver").file(path);

    // GDAL's drivers report some failures of their own writes only in part (the XLSX writer says
    // nothing when the disk fills while it zips the workbook), so GDAL writes into memory, where
    // it cannot fail for want of disk, and the bytes go to the disk through write_via_temp, which
    // checks every write. Drivers want the format's extension on the name.
    model::write_via_temp(path, [&](model::TempFile& file) {
        const MemoryFile memory(std::filesystem::path(path).extension().string());
        write_layer(driver, memory.name(), layer_name, columns, rows, geometry_type);
        file.write(memory.bytes());
    });
}

// A whole layer's column types, from the values it holds: whole numbers, numbers, or text.
std::vector<OGRFieldType> column_types(const model::Layer& layer) {
    std::vector<OGRFieldType> types(layer.field_names.size(), OFTInteger64);
    std::vector<bool> any(layer.field_names.size(), false);
    for (const auto& f : layer.features)
        for (std::size_t i = 0; i < types.size() && i < f.values.size(); ++i) {
            const auto& v = f.values[i];
            if (model::is_null(v)) continue;
            any[i] = true;
            if (std::holds_alternative<std::string>(v)) types[i] = OFTString;
            else if (std::holds_alternative<double>(v) && types[i] == OFTInteger64) types[i] = OFTReal;
        }
    for (std::size_t i = 0; i < types.size(); ++i)
        if (!any[i]) types[i] = OFTString;
    return types;
}

OGRwkbGeometryType geometry_type_of(const model::Layer& layer) {
    bool single_points = true;
    for (const auto& f : layer.features) single_points = single_points && f.geometry.part_count() <= 1;
    switch (layer.dominant_geometry()) {
        case model::GeometryType::Point: return single_points ? wkbPoint : wkbMultiPoint;
        case model::GeometryType::Line: return wkbMultiLineString;
        case model::GeometryType::Polygon: return wkbMultiPolygon;
        case model::GeometryType::None: break;
    }
    return wkbNone;
}

void write_whole_layer(GDALDatasetH ds, const NamedLayer& named, const GdalErrorTrap& trap) {
    const model::Layer& source = *named.layer;
    const OGRwkbGeometryType type = geometry_type_of(source);
    SpatialRef srs(OSRNewSpatialReference(nullptr));
    OSRImportFromEPSG(srs.get(), 4490);
    OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayerH layer = GDALDatasetCreateLayer(ds, named.name.c_str(), type == wkbNone ? nullptr : srs.get(), type, nullptr);
    if (!layer) refused(trap, "create a layer");
    const auto types = column_types(source);
    for (std::size_t i = 0; i < types.size(); ++i) {
        OGRFieldDefnH field = OGR_Fld_Create(source.field_names[i].c_str(), types[i]);
        const OGRErr err = OGR_L_CreateField(layer, field, TRUE);
        OGR_Fld_Destroy(field);
        if (err != OGRERR_NONE) refused(trap, "add a column");
    }
    for (const auto& feature : source.features) {
        OgrFeature f(OGR_F_Create(OGR_L_GetLayerDefn(layer)));
        for (std::size_t i = 0; i < types.size() && i < feature.values.size(); ++i) {
            const auto& v = feature.values[i];
            const int field = static_cast<int>(i);
            if (model::is_null(v)) OGR_F_SetFieldNull(f.get(), field);
            else if (types[i] == OFTString) OGR_F_SetFieldString(f.get(), field, model::to_text(v).c_str());
            else OGR_F_SetFieldDouble(f.get(), field, model::to_number(v).value_or(0));
        }
        if (type != wkbNone && !feature.geometry.empty()) OGR_F_SetGeometryDirectly(f.get(), to_ogr(feature.geometry, type));
        if (OGR_L_CreateFeature(layer, f.get()) != OGRERR_NONE) refused(trap, "add a feature");
    }
}

void write_project_table(GDALDatasetH ds, const std::string& project_json, const GdalErrorTrap& trap) {
    OGRLayerH table = GDALDatasetCreateLayer(ds, kEmbeddedProjectTable, nullptr, wkbNone, nullptr);
    if (!table) refused(trap, "create the project table");
    OGRFieldDefnH field = OGR_Fld_Create("json", OFTString);
    OGR_L_CreateField(table, field, TRUE);
    OGR_Fld_Destroy(field);
    OgrFeature f(OGR_F_Create(OGR_L_GetLayerDefn(table)));
    OGR_F_SetFieldString(f.get(), 0, project_json.c_str());
    if (OGR_L_CreateFeature(table, f.get()) != OGRERR_NONE) refused(trap, "write the project table");
}

}  // namespace

void write_geopackage(const std::string& path, const std::vector<NamedLayer>& layers, const std::string& project_json) {
    register_gdal_drivers();
    model::write_via_temp(path, [&](model::TempFile& file) {
        const MemoryFile memory(".gpkg");
        {
            GdalErrorTrap trap;
            Dataset ds(GDALCreate(GDALGetDriverByName("GPKG"), memory.name().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
            if (!ds) refused(trap, "create the file");
            if (GDALDatasetStartTransaction(ds.get(), FALSE) != OGRERR_NONE) refused(trap, "start a transaction");
            for (const auto& named : layers) write_whole_layer(ds.get(), named, trap);
            write_project_table(ds.get(), project_json, trap);
            if (GDALDatasetCommitTransaction(ds.get()) != OGRERR_NONE) refused(trap, "commit");
            ds.reset();
            if (trap.failed()) refused(trap, "close the file");
        }
        file.write(memory.bytes());
    });
}

std::optional<std::string> read_embedded_project(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::error_code ec;
    if (ext != ".gpkg" || !std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    register_gdal_drivers();
    GdalErrorTrap quiet;  // not a GeoPackage after all: simply none
    const char* const drivers[] = {"GPKG", nullptr};
    Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!ds) return std::nullopt;
    OGRLayerH table = GDALDatasetGetLayerByName(ds.get(), kEmbeddedProjectTable);
    if (!table) return std::nullopt;
    OGR_L_ResetReading(table);
    OgrFeature f(OGR_L_GetNextFeature(table));
    if (!f || OGR_F_GetFieldIndex(f.get(), "json") < 0) return std::nullopt;
    return std::string(OGR_F_GetFieldAsString(f.get(), OGR_F_GetFieldIndex(f.get(), "json")));
}

void write_table(const std::string& path, const std::string& driver_name, const std::string& layer_name,
                 const std::vector<Column>& columns, const std::vector<TableRow>& rows, bool with_geometry) {
    write_any(path, driver_name, layer_name, columns, rows, with_geometry ? wkbMultiPolygon : wkbNone);
}

void write_points(const std::string& path, const std::string& driver_name, const std::string& layer_name,
                  const std::vector<Column>& columns, const std::vector<PointRow>& rows) {
    write_any(path, driver_name, layer_name, columns, rows, wkbPoint);
}

void write_database_table(const std::string& database, const std::string& table, const std::vector<Column>& columns,
                          const std::vector<TableRow>& rows, bool with_geometry) {
    register_gdal_drivers();
    GdalErrorTrap trap;
    const char* const drivers[] = {"PostgreSQL", nullptr};
    Dataset ds(GDALOpenEx(database.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr, nullptr));
    if (!ds) throw Error("cannot open the database: " + model::one_line(trap.failed() ? trap.failure() : "no answer")).file(model::file_name(database));
    // One transaction: the old table is dropped and the new one filled, or neither.
    if (GDALDatasetStartTransaction(ds.get(), FALSE) != OGRERR_NONE) refused(trap, "start a transaction");
    const char* const options[] = {"OVERWRITE=YES", "GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=GIST", nullptr};
    fill_layer(ds.get(), trap, table, columns, rows, with_geometry ? wkbMultiPolygon : wkbNone, options);
    if (GDALDatasetCommitTransaction(ds.get()) != OGRERR_NONE || trap.failed()) refused(trap, "commit the rows");
}

}  // namespace ca::io
