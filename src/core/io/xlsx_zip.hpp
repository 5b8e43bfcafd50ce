// The parts of an .xlsx (a zip of XML files): read through GDAL's /vsizip/, written back through
// GDAL's zip writer, in their order, for patch_xlsx.
#pragma once

#include <string>
#include <vector>

namespace ca::io {

struct ZipPart {
    std::string name;   // "[Content_Types].xml", "xl/worksheets/sheet1.xml"
    std::string bytes;
};

// Every file of the zip in the zip's order (folders left out). Throws ca::Error naming the file
// when it is not a zip GDAL can read.
std::vector<ZipPart> read_zip_parts(const std::string& path);

// A new zip holding `parts`, "[Content_Types].xml" first (Office wants it there), the others in
// their order; the zip's bytes. Throws model::WriteFailure when GDAL's zip writer fails.
std::string write_zip(const std::vector<ZipPart>& parts);

}  // namespace ca::io
