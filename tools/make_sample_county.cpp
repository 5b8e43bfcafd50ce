// Writes the synthetic sample county: data/sample/county.gpkg, data/sample/projects_by_name.csv and
// its terrain, data/sample/dem.tif.
// Usage: make_sample_county OUTPUT_DIR. Same seed, same data, on any machine.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "core/io/working_crs.hpp"
#include "tools/synthetic_county.hpp"
#include "tools/synthetic_terrain.hpp"

namespace {

namespace fs = std::filesystem;
using ca::model::Geometry;
using ca::model::GeometryType;
using ca::model::Vec2;

OGRGeometry* to_ogr(const Geometry& g, const ca::model::Projection& projection) {
    Geometry lonlat = g;
    projection.inverse(lonlat.coords);
    auto ring_of = [&](std::size_t r, auto* ring) {
        for (const Vec2& p : lonlat.ring(r)) ring->addPoint(p.x, p.y);
    };
    if (g.type == GeometryType::Polygon) {
        auto* multi = new OGRMultiPolygon;
        for (std::size_t p = 0; p < lonlat.part_count(); ++p) {
            OGRPolygon polygon;
            for (auto r = lonlat.part_first_ring(p); r < lonlat.part_last_ring(p); ++r) {
                OGRLinearRing ring;
                ring_of(r, &ring);
                polygon.addRing(&ring);
            }
            multi->addGeometry(&polygon);
        }
        return multi;
    }
    if (g.type == GeometryType::Line) {
        auto* multi = new OGRMultiLineString;
        for (std::size_t r = 0; r < lonlat.ring_count(); ++r) {
            OGRLineString line;
            ring_of(r, &line);
            multi->addGeometry(&line);
        }
        return multi;
    }
    return new OGRPoint(lonlat.coords.at(0).x, lonlat.coords.at(0).y);
}

struct Writer {
    GDALDataset* ds;
    const ca::model::Projection& projection;
    OGRSpatialReference srs{};

    OGRLayer* layer(const char* name, OGRwkbGeometryType type, const std::vector<std::pair<const char*, OGRFieldType>>& fields) {
        OGRLayer* l = ds->CreateLayer(name, &srs, type, nullptr);
        for (const auto& [field, field_type] : fields) {
            OGRFieldDefn defn(field, field_type);
            l->CreateField(&defn);
        }
        return l;
    }
    void add(OGRLayer* l, const Geometry& g, const std::vector<std::pair<const char*, std::string>>& text,
             const std::vector<std::pair<const char*, double>>& numbers) {
        OGRFeature f(l->GetLayerDefn());
        for (const auto& [k, v] : text) f.SetField(k, v.c_str());
        for (const auto& [k, v] : numbers) f.SetField(k, v);
        f.SetGeometryDirectly(to_ogr(g, projection));
        if (l->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error(std::string("cannot write to layer ") + l->GetName());
    }
};

Geometry point(Vec2 p) { return Geometry::point(p); }

// The terrain as a survey bureau would send it: a GeoTIFF in the working CRS, 16-bit metres,
// DEFLATE with horizontal differencing (smooth land compresses to a fraction), a nodata value.
void write_dem(const ca::tools::TerrainGrid& grid, const char* crs, const fs::path& target) {
    const fs::path temp = target.parent_path() / ".dem.part.tif";
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    std::unique_ptr<GDALDataset> grid_ds(mem->Create("", grid.width, grid.height, 1, GDT_Int16, nullptr));
    double geotransform[6] = {grid.min_x_m, grid.cell_m, 0, grid.max_y_m, 0, -grid.cell_m};
    grid_ds->SetGeoTransform(geotransform);
    OGRSpatialReference srs;
    srs.importFromEPSG(std::stoi(std::string(crs).substr(5)));
    grid_ds->SetSpatialRef(&srs);
    GDALRasterBand* band = grid_ds->GetRasterBand(1);
    band->SetNoDataValue(-32768);
    auto z = grid.z_m;  // RasterIO takes a non-const buffer
    if (band->RasterIO(GF_Write, 0, 0, grid.width, grid.height, z.data(), grid.width, grid.height, GDT_Int16, 0, 0, nullptr) != CE_None)
        throw std::runtime_error("cannot fill the DEM grid");
    const char* options[] = {"COMPRESS=DEFLATE", "PREDICTOR=2", "ZLEVEL=9", "TILED=YES", nullptr};
    fs::remove(temp);
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDataset* out = gtiff->CreateCopy(temp.c_str(), grid_ds.get(), FALSE, const_cast<char**>(options), nullptr, nullptr);
    if (!out) throw std::runtime_error("cannot write " + temp.string());
    GDALClose(out);
    fs::rename(temp, target);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_sample_county OUTPUT_DIR\n";
        return 2;
    }
    GDALAllRegister();
    const fs::path dir(argv[1]);
    fs::create_directories(dir);
    const char* working_crs = "EPSG:4543";  // CGCS2000 3-degree GK, CM 102E
    auto projection = ca::io::make_projection(working_crs);
    ca::tools::SyntheticOptions options;
    std::vector<Vec2> seat{{101.30, 25.72}};  // the county seat
    projection->forward(seat);
    options.centre_m = seat[0];
    const ca::tools::SyntheticCounty county = ca::tools::make_county(options);

    const fs::path target = dir / "county.gpkg", temp = dir / ".county.part.gpkg";
    fs::remove(temp);
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDataset* ds = gpkg->Create(temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds) {
        std::cerr << "make_sample_county: cannot create " << temp << "\n";
        return 1;
    }
    Writer w{ds, *projection};
    w.srs.importFromEPSG(4490);
    ds->StartTransaction();

    OGRLayer* townships = w.layer("townships", wkbMultiPolygon, {{"township", OFTString}, {"township_code", OFTString}});
    for (std::size_t t = 0; t < county.townships.size(); ++t)
        w.add(townships, county.townships[t].second,
              {{"township", county.townships[t].first}, {"township_code", "532326" + std::to_string(100 + t)}}, {});

    OGRLayer* villages = w.layer("villages", wkbMultiPolygon,
                                 {{"village_name", OFTString}, {"village_code", OFTString}, {"township", OFTString},
                                  {"township_code", OFTString}, {"households", OFTInteger}, {"population", OFTInteger},
                                  {"poor_households", OFTInteger}, {"poor_population", OFTInteger}, {"income_per_capita", OFTReal}});
    for (const auto& v : county.villages)
        w.add(villages, v.shape_m, {{"village_name", v.name}, {"village_code", v.code}, {"township", v.township}, {"township_code", v.township_code}},
              {{"households", v.households}, {"population", v.population}, {"poor_households", v.poor_households},
               {"poor_population", v.poor_population}, {"income_per_capita", v.income_per_capita}});

    OGRLayer* sites = w.layer("sites", wkbPoint,
                              {{"project_name", OFTString}, {"project_type", OFTString}, {"year", OFTInteger}, {"batch", OFTString},
                               {"status", OFTString}, {"funds_yuan", OFTReal}, {"beneficiary_households", OFTInteger},
                               {"beneficiary_people", OFTInteger}, {"township", OFTString}, {"village_name", OFTString}});
    for (const auto& s : county.sites)
        w.add(sites, point(s.position_m),
              {{"project_name", s.project_name}, {"project_type", s.project_type}, {"batch", s.batch}, {"status", s.status},
               {"township", s.township}, {"village_name", s.village_name}},
              {{"year", s.year}, {"funds_yuan", s.funds_yuan}, {"beneficiary_households", s.beneficiary_households},
               {"beneficiary_people", s.beneficiary_people}});

    OGRLayer* lines = w.layer("lines", wkbMultiLineString, {{"name", OFTString}, {"kind", OFTString}, {"year", OFTInteger}});
    for (const auto& l : county.lines) w.add(lines, l.shape_m, {{"name", l.name}, {"kind", l.kind}}, {{"year", l.year}});

    OGRLayer* ponds = w.layer("ponds", wkbPoint, {{"name", OFTString}, {"kind", OFTString}, {"capacity_m3", OFTReal}, {"year", OFTInteger}});
    for (const auto& p : county.ponds)
        w.add(ponds, point(p.position_m), {{"name", p.name}, {"kind", p.kind}}, {{"capacity_m3", p.capacity_m3}, {"year", p.year}});

    ds->CommitTransaction();
    GDALClose(ds);
    fs::rename(temp, target);

    // A project list as offices keep it: Chinese headers, funds in 万元, coordinates only sometimes,
    // village names with the usual variants. Placed by name in statistics.
    const fs::path csv = dir / "projects_by_name.csv", csv_temp = dir / ".projects_by_name.csv.part";
    {
        std::ofstream out(csv_temp);
        out << "项目名称,项目类型,乡镇,村委会,总投资(万元),受益户数,受益人数,年度,经度,纬度\n";
        for (std::size_t i = 0; i < county.villages.size(); i += 9) {
            const auto& v = county.villages[i];
            const std::size_t row = i / 9;
            const char* suffix = row % 2 ? "村委会" : "";
            std::string lon, lat;
            if (row % 3 == 0) {
                std::vector<Vec2> c{v.shape_m.extent().centre()};
                projection->inverse(c);
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%.5f", c[0].x);
                lon = buffer;
                std::snprintf(buffer, sizeof buffer, "%.5f", c[0].y);
                lat = buffer;
            }
            out << v.name << "人畜饮水工程,整村推进," << v.township << "," << (row % 4 == 1 ? "\u3000" : "") << v.name << suffix << ","
                << 12.5 + static_cast<double>(i % 7) << "," << 40 + i % 30 << "," << 160 + i % 90 << ",2011," << lon << "," << lat << "\n";
        }
    }
    fs::rename(csv_temp, csv);

    const auto terrain = ca::tools::make_terrain(county, options);
    write_dem(terrain, working_crs, dir / "dem.tif");
    std::cout << "wrote " << target.string() << " (" << county.villages.size() << " villages, " << county.sites.size() << " sites, "
              << county.lines.size() << " lines, " << county.ponds.size() << " ponds), " << csv.string() << " and " << (dir / "dem.tif").string() << " (" << terrain.width << " × " << terrain.height
              << " cells of " << terrain.cell_m << " m)\n";
    return 0;
}
