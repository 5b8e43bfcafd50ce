// Until the CSV and XLSX writers land: saving into a project sheet is refused, naming the file,
// and the file is left as it was.
#include "core/io/table_patch.hpp"

#include "core/model/error.hpp"

namespace ca::io {

void patch_csv(const std::string& path, const std::string&, const TablePatch&) {
    throw Error("cannot save edits into CSV files yet; use Save as GeoPackage", ErrorKind::CannotWrite).file(path);
}
void patch_xlsx(const std::string& path, const std::string&, const TablePatch&) {
    throw Error("cannot save edits into workbooks yet; use Save as GeoPackage", ErrorKind::CannotWrite).file(path);
}

}  // namespace ca::io
