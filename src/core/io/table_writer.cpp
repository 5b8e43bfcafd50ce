// Table output through OGR.
#include "core/io/table_writer.hpp"

#include <algorithm>
#include <filesystem>

#include "core/io/gdal_handles.hpp"
#include "core/model/error.hpp"
#include "core/model/safe_write.hpp"

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

bool write_layer(GDALDriverH driver, const std::filesystem::path& temp, const std::string& layer_name, const std::vector<Column>& columns,
                 const std::vector<TableRow>& rows, bool with_geometry) {
    GdalErrorTrap trap;
    Dataset ds(GDALCreate(driver, temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) return false;
    SpatialRef srs;
    if (with_geometry) {
        srs.reset(OSRNewSpatialReference(nullptr));
        OSRImportFromEPSG(srs.get(), 4490);
        OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    }
    OGRLayerH layer = GDALDatasetCreateLayer(ds.get(), layer_name.c_str(), srs.get(), with_geometry ? wkbMultiPolygon : wkbNone, nullptr);
    if (!layer) return false;
    for (const Column& c : columns) {
        OGRFieldDefnH field = OGR_Fld_Create(c.name.c_str(), c.type == ColumnType::Text      ? OFTString
                                                             : c.type == ColumnType::Integer ? OFTInteger64
                                                                                             : OFTReal);
        const OGRErr err = OGR_L_CreateField(layer, field, TRUE);
        OGR_Fld_Destroy(field);
        if (err != OGRERR_NONE) return false;
    }
    GDALDatasetStartTransaction(ds.get(), FALSE);
    for (const TableRow& row : rows) {
        OgrFeature f(OGR_F_Create(OGR_L_GetLayerDefn(layer)));
        for (std::size_t i = 0; i < columns.size() && i < row.values.size(); ++i) {
            const auto& v = row.values[i];
            const int field = static_cast<int>(i);
            if (const auto* s = std::get_if<std::string>(&v)) OGR_F_SetFieldString(f.get(), field, s->c_str());
            else if (const auto* n = std::get_if<std::int64_t>(&v)) OGR_F_SetFieldInteger64(f.get(), field, *n);
            else if (const auto* d = std::get_if<double>(&v)) OGR_F_SetFieldDouble(f.get(), field, *d);
            else OGR_F_SetFieldNull(f.get(), field);
        }
        if (with_geometry && row.polygon) OGR_F_SetGeometryDirectly(f.get(), multipolygon(*row.polygon));
        if (OGR_L_CreateFeature(layer, f.get()) != OGRERR_NONE) return false;
    }
    GDALDatasetCommitTransaction(ds.get());
    ds.reset();  // closes and flushes the file
    return !trap.failed();
}

}  // namespace

void write_table(const std::string& path, const std::string& driver_name, const std::string& layer_name,
                 const std::vector<Column>& columns, const std::vector<TableRow>& rows, bool with_geometry) {
    register_gdal_drivers();
    GDALDriverH driver = GDALGetDriverByName(driver_name.c_str());
    if (!driver) throw Error("this GDAL has no " + driver_name + " driver").file(path);

    // Drivers want the format's extension on the file, and GDAL's XLSX writer fails to save a
    // name with more dots in it: the temporary file is ".STEM-part.EXT", dots in STEM replaced.
    const std::filesystem::path target(path);
    std::string stem = target.stem().string();
    std::replace(stem.begin(), stem.end(), '.', '_');
    model::write_via_temp(target, [&](const std::filesystem::path& temp_base) {
        const std::filesystem::path temp = temp_base.parent_path() / ("." + stem + "-part" + target.extension().string());
        const bool written = write_layer(driver, temp, layer_name, columns, rows, with_geometry);
        std::error_code ec;
        if (written) std::filesystem::rename(temp, temp_base, ec);  // write_via_temp moves it into place
        else std::filesystem::remove(temp, ec);
        return written && !ec;
    });
}

}  // namespace ca::io
