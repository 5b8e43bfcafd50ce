// Declared column types of a vector source (see field_types.hpp).
#include "core/io/field_types.hpp"

#include <gdal.h>
#include <ogr_api.h>

#include "core/io/gdal_handles.hpp"

namespace ca::io {

std::set<std::string> integer_fields(const model::Layer& layer) {
    std::set<std::string> names;
    if (layer.fids_are_rows && (layer.driver == "CSV" || layer.driver == "XLSX")) return names;
    register_gdal_drivers();
    const GdalErrorTrap trap;
    Dataset ds(GDALOpenEx(layer.source_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) return names;
    OGRLayerH ogr = GDALDatasetGetLayerByName(ds.get(), layer.name.c_str());
    if (!ogr && GDALDatasetGetLayerCount(ds.get()) == 1) ogr = GDALDatasetGetLayer(ds.get(), 0);
    if (!ogr) return names;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(ogr);
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
        OGRFieldDefnH field = OGR_FD_GetFieldDefn(defn, i);
        const OGRFieldType type = OGR_Fld_GetType(field);
        if (type == OFTInteger || type == OFTInteger64) names.insert(OGR_Fld_GetNameRef(field));
    }
    return names;
}

}  // namespace ca::io
