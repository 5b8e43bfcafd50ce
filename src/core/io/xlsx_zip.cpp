// Zip in and out through GDAL (cpl_vsi.h, cpl_conv.h's CPLCreateZip): GDAL is linked already and
// reads and writes the deflate zips Excel makes, so no zip library of our own is needed.
#include "core/io/xlsx_zip.hpp"

#include <memory>
#include <random>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include "core/io/gdal_handles.hpp"
#include "core/model/error.hpp"
#include "core/model/layer.hpp"
#include "core/model/safe_write.hpp"

namespace ca::io {
namespace {

using FileList = std::unique_ptr<char*, Deleter<CSLDestroy>>;
using VsiFile = std::unique_ptr<VSILFILE, Deleter<VSIFCloseL>>;

std::string read_part(const std::string& name) {
    VsiFile f(VSIFOpenL(name.c_str(), "rb"));
    if (!f) return {};
    std::string bytes;
    char buffer[65536];
    for (std::size_t n; (n = VSIFReadL(buffer, 1, sizeof buffer, f.get())) > 0;) bytes.append(buffer, n);
    return bytes;
}

// A name in GDAL's memory file system of its own: writes may run on several threads at once.
std::string memory_name() {
    std::random_device entropy;
    return "/vsimem/countyatlas_patch_" + std::to_string(entropy()) + "_" + std::to_string(entropy()) + ".zip";
}

// Closes GDAL's zip writer if a step failed before CPLCloseZip, and removes the memory file.
struct ZipWriter {
    std::string name = memory_name();
    void* zip = CPLCreateZip(name.c_str(), nullptr);
    ~ZipWriter() {
        if (zip) CPLCloseZip(zip);
        VSIUnlink(name.c_str());
    }
};

void add_part(void* zip, const ZipPart& part) {
    if (CPLCreateFileInZip(zip, part.name.c_str(), nullptr) != CE_None) throw model::WriteFailure("cannot add " + part.name + " to the zip");
    const CPLErr written = CPLWriteFileInZip(zip, part.bytes.data(), static_cast<int>(part.bytes.size()));
    if (CPLCloseFileInZip(zip) != CE_None || written != CE_None) throw model::WriteFailure("cannot compress " + part.name);
}

}  // namespace

std::vector<ZipPart> read_zip_parts(const std::string& path) {
    GdalErrorTrap trap;
    const std::string root = "/vsizip/" + path;
    FileList names(VSIReadDirRecursive(root.c_str()));
    std::vector<ZipPart> parts;
    for (char** name = names.get(); name && *name; ++name) {
        const std::string part = *name;
        if (part.empty() || part.back() == '/') continue;
        parts.push_back({part, read_part(root + "/" + part)});
    }
    if (parts.empty() || trap.failed())
        throw Error("cannot be read as a workbook (not a zip, or damaged)" + (trap.failed() ? ": " + trap.failure() : std::string()))
            .file(model::file_name(path));
    return parts;
}

std::string write_zip(const std::vector<ZipPart>& parts) {
    GdalErrorTrap trap;
    ZipWriter writer;
    if (!writer.zip) throw model::WriteFailure("GDAL cannot make a zip in memory");
    for (const ZipPart& part : parts)
        if (part.name == "[Content_Types].xml") add_part(writer.zip, part);
    for (const ZipPart& part : parts)
        if (part.name != "[Content_Types].xml") add_part(writer.zip, part);
    const CPLErr closed = CPLCloseZip(writer.zip);
    writer.zip = nullptr;
    if (closed != CE_None) throw model::WriteFailure("cannot finish the zip" + (trap.failed() ? ": " + trap.failure() : std::string()));
    vsi_l_offset size = 0;
    const GByte* data = VSIGetMemFileBuffer(writer.name.c_str(), &size, FALSE);
    if (!data) throw model::WriteFailure("GDAL made no zip");
    return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace ca::io
