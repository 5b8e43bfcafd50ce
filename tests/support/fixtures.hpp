// Test helpers: temporary folders, running the countyatlas binary, writing small vector files.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ca::test {

// A fresh folder under the system temp dir, removed with everything in it at scope exit.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs a shell command line, capturing stdout and stderr.
CommandResult run(const std::string& command_line);
// Runs the built countyatlas binary with the given arguments (already shell-quoted as needed).
CommandResult run_countyatlas(const std::string& arguments);
std::string sample_county();  // absolute path of data/sample/county.gpkg
// Starts the countyatlas binary with `arguments` as its own words, stdout to /dev/null and stderr
// to `stderr_path`, with SIGINT and SIGTERM at their defaults: spawned directly, not by a shell,
// whose background jobs ignore SIGINT. Returns its process id, for kill and waitpid.
int spawn_countyatlas(const std::vector<std::string>& arguments, const std::string& stderr_path);

void write_text(const std::string& path, const std::string& text);
// What `call` throws as a ca::Error (its one line), or "(no error)".
std::string error_of(const std::function<void()>& call);
std::string read_file(const std::filesystem::path& path);  // the whole file, bytes as they are; empty when absent
std::set<std::string> file_names_in(const std::filesystem::path& folder);  // hidden ones too
// The last row (the county total) of a statistics CSV, by column name.
std::map<std::string, std::string> csv_total_row(const std::string& path);

// One feature of a fixture layer: WKT (empty for none) and its attribute values as text.
struct Row {
    std::string wkt;
    std::vector<std::string> values;
};
struct FieldSpec {
    std::string name;
    bool integer = false;  // else text
};

// Two villages of 湾碧乡 (麻栗树 812 people, 300 poor; 石板箐 640, 100) around 101.1°E 25.05°N, as a
// land bureau sends them: a GBK shapefile with no .cpg.
void write_gbk_villages_without_cpg(const std::string& shp_path);

// WKT of the square with its south-west corner at (lon, lat) and sides of `side` degrees.
std::string square_wkt(double lon, double lat, double side);

// Writes a one-layer vector file with GDAL. epsg 0 writes no CRS. Options are GDAL layer creation
// options ("ENCODING=CP936"). Field names and values are given in UTF-8 and recoded by GDAL.
void write_layer(const std::string& path, const std::string& driver, int epsg, const std::vector<FieldSpec>& fields,
                 const std::vector<Row>& rows, const std::vector<std::string>& layer_options = {});

struct Rgb {
    int r = 0, g = 0, b = 0;
};
// A PNG read once, for looking at many pixels. Throws when it cannot be read.
class Image {
public:
    explicit Image(const std::string& path);
    int width() const { return m_width; }
    int height() const { return m_height; }
    Rgb at(int x, int y) const;  // throws when (x, y) is outside

private:
    std::vector<unsigned char> m_rgb;
    int m_width = 0, m_height = 0;
};

// One pixel of a PNG file, and its size: for tests that look once.
Rgb png_pixel(const std::string& path, int x, int y);
std::pair<int, int> png_size(const std::string& path);

}  // namespace ca::test
