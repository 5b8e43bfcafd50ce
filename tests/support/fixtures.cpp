// Test helpers, implemented with the C++ standard library, GDAL and stb_image.
#include "support/fixtures.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stb/stb_image.h>

#include "core/model/error.hpp"

namespace ca::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device device;
    m_path = fs::temp_directory_path() / ("countyatlas-test-" + std::to_string(device()) + std::to_string(device()));
    fs::create_directories(m_path);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

std::map<std::string, std::string> csv_total_row(const std::string& path) {
    std::ifstream in(path);
    std::string header, line, last;
    std::getline(in, header);
    while (std::getline(in, line)) last = line;
    std::map<std::string, std::string> row;
    std::stringstream names(header), cells(last);
    for (std::string name, cell; std::getline(names, name, ',') && std::getline(cells, cell, ',');) row[name] = cell;
    return row;
}

std::set<std::string> file_names_in(const fs::path& folder) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
    return names;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

CommandResult run(const std::string& command_line) {
    TempDir dir;
    const std::string out = dir.file("out"), err = dir.file("err");
    const int status = std::system(("(" + command_line + ") >'" + out + "' 2>'" + err + "' </dev/null").c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file(out);
    result.err = read_file(err);
    return result;
}

CommandResult run_countyatlas(const std::string& arguments) { return run(std::string("'") + CA_BINARY + "' " + arguments); }

int spawn_countyatlas(const std::vector<std::string>& arguments, const std::string& stderr_path) {
    std::vector<char*> argv{const_cast<char*>(CA_BINARY)};
    for (const auto& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&files, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    const int error = posix_spawn(&pid, CA_BINARY, &files, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
    if (error != 0) throw std::runtime_error("cannot start " CA_BINARY);
    return pid;
}

std::string sample_county() { return (fs::path(CA_SOURCE_DIR) / "data" / "sample" / "county.gpkg").string(); }

void write_gbk_villages_without_cpg(const std::string& shp_path) {
    write_layer(shp_path, "ESRI Shapefile", 4490, {{"村名"}, {"乡镇"}, {"人口", true}, {"贫困人口", true}},
                {{"POLYGON((101 25,101.1 25,101.1 25.1,101 25.1,101 25))", {"麻栗树", "湾碧乡", "812", "300"}},
                 {"POLYGON((101.1 25,101.2 25,101.2 25.1,101.1 25.1,101.1 25))", {"石板箐", "湾碧乡", "640", "100"}}},
                {"ENCODING=CP936"});
    fs::remove(fs::path(shp_path).replace_extension(".cpg"));
}

std::string square_wkt(double lon, double lat, double side) {
    char wkt[320];
    std::snprintf(wkt, sizeof wkt, "POLYGON((%.12g %.12g,%.12g %.12g,%.12g %.12g,%.12g %.12g,%.12g %.12g))", lon, lat, lon + side, lat,
                  lon + side, lat + side, lon, lat + side, lon, lat);
    return wkt;
}

std::string error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

void write_layer(const std::string& path, const std::string& driver_name, int epsg, const std::vector<FieldSpec>& fields,
                 const std::vector<Row>& rows, const std::vector<std::string>& layer_options) {
    GDALAllRegister();
    GDALDriverH driver = GDALGetDriverByName(driver_name.c_str());
    if (!driver) throw std::runtime_error("no GDAL driver " + driver_name);
    GDALDatasetH ds = GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds) throw std::runtime_error("cannot create " + path);
    OGRSpatialReferenceH srs = nullptr;
    if (epsg) {
        srs = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(srs, epsg);
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);  // WKT is written x = lon or easting
    }
    std::vector<const char*> options;
    for (const auto& o : layer_options) options.push_back(o.c_str());
    options.push_back(nullptr);
    OGRwkbGeometryType type = wkbNone;
    for (const Row& row : rows)
        if (!row.wkt.empty()) {
            OGRGeometryH g = nullptr;
            char* wkt = const_cast<char*>(row.wkt.c_str());
            OGR_G_CreateFromWkt(&wkt, nullptr, &g);
            type = OGR_G_GetGeometryType(g);
            OGR_G_DestroyGeometry(g);
            break;
        }
    const std::string layer_name = fs::path(path).stem().string();
    OGRLayerH layer = GDALDatasetCreateLayer(ds, layer_name.c_str(), srs, type, options.data());
    for (const FieldSpec& f : fields) {
        OGRFieldDefnH defn = OGR_Fld_Create(f.name.c_str(), f.integer ? OFTInteger : OFTString);
        OGR_L_CreateField(layer, defn, TRUE);
        OGR_Fld_Destroy(defn);
    }
    for (const Row& row : rows) {
        OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        for (std::size_t i = 0; i < row.values.size(); ++i) OGR_F_SetFieldString(feature, static_cast<int>(i), row.values[i].c_str());
        if (!row.wkt.empty()) {
            OGRGeometryH g = nullptr;
            char* wkt = const_cast<char*>(row.wkt.c_str());
            OGR_G_CreateFromWkt(&wkt, nullptr, &g);
            OGR_F_SetGeometryDirectly(feature, g);
        }
        if (OGR_L_CreateFeature(layer, feature) != OGRERR_NONE) throw std::runtime_error("cannot write a feature to " + path);
        OGR_F_Destroy(feature);
    }
    GDALClose(ds);
    if (srs) OSRRelease(srs);
}

Image::Image(const std::string& path) {
    int channels = 0;
    unsigned char* data = stbi_load(path.c_str(), &m_width, &m_height, &channels, 3);
    if (!data) throw std::runtime_error("cannot read PNG " + path);
    m_rgb.assign(data, data + static_cast<std::size_t>(m_width) * m_height * 3);
    stbi_image_free(data);
}

Rgb Image::at(int x, int y) const {
    if (x < 0 || y < 0 || x >= m_width || y >= m_height) throw std::runtime_error("pixel outside the image");
    const unsigned char* p = m_rgb.data() + (static_cast<std::size_t>(y) * m_width + x) * 3;
    return {p[0], p[1], p[2]};
}

Rgb png_pixel(const std::string& path, int x, int y) { return Image(path).at(x, y); }

std::pair<int, int> png_size(const std::string& path) {
    const Image image(path);
    return {image.width(), image.height()};
}

}  // namespace ca::test
