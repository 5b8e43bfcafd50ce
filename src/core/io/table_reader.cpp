// Reads workbooks (through GDAL, headers off, every cell as text) and CSV files (csv_grid) into
// grids of cells, lays them out (sheet_layout) and turns the data rows into features.
#include "core/io/table_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include <cpl_conv.h>

#include "core/io/csv_grid.hpp"
#include "core/io/gdal_handles.hpp"
#include "core/io/sheet_layout.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"

namespace ca::io {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kSniffBytes = 64 * 1024;

using model::file_name;

std::string lower_extension(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

// Sets a GDAL configuration option for this thread while alive and puts back what was there
// before (the general reader sets the same options its own way around this one).
class ScopedThreadConfig {
public:
    ScopedThreadConfig(const char* key, const char* value) : m_key(key) {
        if (const char* before = CPLGetThreadLocalConfigOption(key, nullptr)) m_before = before;
        CPLSetThreadLocalConfigOption(key, value);
    }
    ~ScopedThreadConfig() { CPLSetThreadLocalConfigOption(m_key, m_before ? m_before->c_str() : nullptr); }
    ScopedThreadConfig(const ScopedThreadConfig&) = delete;
    ScopedThreadConfig& operator=(const ScopedThreadConfig&) = delete;

private:
    const char* m_key;
    std::optional<std::string> m_before;
};

std::string read_bytes(const std::string& path, std::size_t limit = std::string::npos) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot be read (permissions?)").file(file_name(path));
    if (limit == std::string::npos) return std::string(std::istreambuf_iterator<char>(in), {});
    std::string bytes(limit, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(limit));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

void check_file(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Error("file not found").file(path);
    if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0) throw Error("the file is empty (0 bytes)").file(file_name(path));
}

// The features of a laid-out sheet: its data rows, every cell as text, empty cells NULL.
model::Layer layer_from_grid(const std::vector<SheetRow>& grid, const std::string& path, const std::string& driver,
                             const std::string& name) {
    const SheetLayout layout = lay_out_sheet(grid, file_name(path), name);
    model::Layer layer;
    layer.source_path = path;
    layer.driver = driver;
    layer.name = name;
    layer.geometry_type = "None";
    layer.fids_are_rows = true;
    layer.source_crs = {"CGCS2000 / WGS 84 lon/lat (table columns)", 4490, "lon/lat columns", false};
    layer.field_names = layout.field_names;
    layer.mapping = layout.mapping;
    layer.problems = layout.problems;
    for (std::size_t index : layout.data_rows) {
        const SheetRow& row = grid[index];
        model::Feature feature;
        feature.fid = row.number;
        feature.values.resize(layer.field_names.size());
        for (std::size_t i = 0; i < row.cells.size() && i < feature.values.size(); ++i)
            if (!model::normalize_text(row.cells[i]).empty()) feature.values[i] = row.cells[i];
        layer.features.push_back(std::move(feature));
    }
    return layer;
}

std::vector<model::Layer> read_csv_table(const std::string& path, const std::string& wanted, TextDecoder& decoder) {
    const std::string name = fs::path(path).stem().string();
    if (!wanted.empty() && wanted != name) throw Error("has no layer \"" + wanted + "\"; its layers are: " + name).file(file_name(path));
    std::string_view bytes_view;
    const std::string bytes = read_bytes(path);
    bytes_view = bytes;
    if (bytes_view.rfind("\xEF\xBB\xBF", 0) == 0) bytes_view.remove_prefix(3);  // the BOM is not text
    const auto grid = read_csv_grid(decoder.decode(bytes_view), file_name(path));
    model::Layer layer = layer_from_grid(grid, path, "CSV", name);
    layer.encoding = decoder.description();
    return {std::move(layer)};
}

// One sheet as GDAL reads it with headers off: a feature per row, its id the row's number
// (GDAL 3.6's XLSX and ODS drivers keep leading and inner empty rows as empty features, so the
// id is the number Excel shows; checked by the tests).
std::vector<SheetRow> sheet_grid(OGRLayerH sheet) {
    std::vector<SheetRow> grid;
    const int field_count = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(sheet));
    OGR_L_ResetReading(sheet);
    while (OgrFeature f{OGR_L_GetNextFeature(sheet)}) {
        SheetRow row{OGR_F_GetFID(f.get()), {}};
        row.cells.resize(static_cast<std::size_t>(field_count));
        for (int i = 0; i < field_count; ++i)
            if (OGR_F_IsFieldSetAndNotNull(f.get(), i)) row.cells[static_cast<std::size_t>(i)] = OGR_F_GetFieldAsString(f.get(), i);
        grid.push_back(std::move(row));
    }
    return grid;
}

bool all_blank(const std::vector<SheetRow>& grid) {
    for (const auto& row : grid)
        for (const auto& cell : row.cells)
            if (!model::normalize_text(cell).empty()) return false;
    return true;
}

std::vector<model::Layer> read_workbook(const std::string& path, const std::string& wanted) {
    // Headers off: sheet_layout finds them. Every cell as text: a column type guessed from a few
    // rows would turn "12.5万" into NULL in a column GDAL took for numbers.
    const ScopedThreadConfig xlsx_headers("OGR_XLSX_HEADERS", "DISABLE");
    const ScopedThreadConfig xlsx_types("OGR_XLSX_FIELD_TYPES", "STRING");
    const ScopedThreadConfig ods_headers("OGR_ODS_HEADERS", "DISABLE");
    const ScopedThreadConfig ods_types("OGR_ODS_FIELD_TYPES", "STRING");
    register_gdal_drivers();
    GdalErrorTrap trap;
    Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) throw Error("cannot open as a workbook: " + (trap.failed() ? trap.failure() : std::string("not XLSX or ODS data"))).file(file_name(path));
    const std::string driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds.get()));
    std::vector<model::Layer> layers;
    std::vector<std::string> left_out;
    std::optional<Error> first_failure;
    const int count = GDALDatasetGetLayerCount(ds.get());
    std::string names;
    for (int i = 0; i < count; ++i) {
        OGRLayerH sheet = GDALDatasetGetLayer(ds.get(), i);
        const std::string name = OGR_L_GetName(sheet);
        names += (i ? ", " : "") + name;
        if (!wanted.empty() && name != wanted) continue;
        const auto grid = sheet_grid(sheet);
        // A damaged sheet stops GDAL part way: a smaller count must never pass for the whole.
        if (trap.failed())
            throw Error("cannot read sheet " + name + ": " + trap.failure() + " (is the file damaged or cut short?)").file(file_name(path));
        if (wanted.empty() && all_blank(grid)) continue;  // an unused sheet: nothing to report
        try {
            layers.push_back(layer_from_grid(grid, path, driver, name));
        } catch (const Error& e) {
            if (!wanted.empty()) throw;
            if (!first_failure) first_failure = e;
            left_out.push_back(name);
        }
    }
    if (!wanted.empty() && layers.empty()) throw Error("has no sheet \"" + wanted + "\"; its sheets are: " + names).file(file_name(path));
    if (layers.empty()) {
        if (first_failure) throw *first_failure;
        throw Error("holds no data: every sheet is empty").file(file_name(path));
    }
    for (const auto& name : left_out)
        layers.front().problems.add({model::Severity::Warning, "sheet left out", file_name(path), name, -1, true,
                                     "no header row in its first " + std::to_string(kHeaderSearchRows) +
                                         " rows, so it is not read; name it as FILE:" + name + " to see why"});
    return layers;
}

}  // namespace

bool is_workbook_file(const std::string& path) {
    const std::string ext = lower_extension(path);
    return ext == ".xlsx" || ext == ".xlsm" || ext == ".ods";
}

bool is_table_file(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return false;
    if (is_workbook_file(path)) return true;
    const std::string ext = lower_extension(path);
    if (ext != ".csv" && ext != ".tsv") return false;
    // The first non-blank line names the columns GDAL would make a geometry of.
    std::istringstream lines(read_bytes(path, kSniffBytes));
    std::string line;
    while (std::getline(lines, line) && model::normalize_text(line).empty()) {}
    std::string cell;
    for (char c : line + ",") {
        if (c == ',' || c == ';' || c == '\t') {
            const std::string key = model::fold_key(cell);
            for (const char* geometry : {"wkt", "\"wkt\"", "geometry", "the_geom", "wkb_geometry", "geojson", "_wkt"})
                if (key == geometry) return false;
            cell.clear();
        } else {
            cell += c;
        }
    }
    return true;
}

std::vector<model::Layer> read_tables(const std::string& path, const std::string& sheet, TextDecoder& decoder) {
    check_file(path);
    if (is_workbook_file(path)) return read_workbook(path, sheet);
    return read_csv_table(path, sheet, decoder);
}

}  // namespace ca::io
