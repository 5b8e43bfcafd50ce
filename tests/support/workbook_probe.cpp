// Workbooks read back through GDAL: its XLSX driver for values, /vsizip/ for the XML parts.
#include "support/workbook_probe.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>

namespace ca::test {
namespace {

struct DatasetCloser {
    void operator()(void* ds) const { GDALClose(ds); }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

Dataset open_workbook(const std::string& path) {
    GDALAllRegister();
    // Every row as it is (no header row taken), every cell as text.
    const char* options[] = {"HEADERS=DISABLE", "FIELD_TYPES=STRING", nullptr};
    const char* drivers[] = {"XLSX", nullptr};
    Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, drivers, options, nullptr));
    if (!ds) throw std::runtime_error("GDAL cannot open " + path);
    return ds;
}

// The value of attribute `name` in the element text `element` ("" when absent).
std::string attribute(const std::string& element, const std::string& name) {
    const std::string key = " " + name + "=\"";
    const auto at = element.find(key);
    if (at == std::string::npos) return {};
    const auto start = at + key.size();
    return element.substr(start, element.find('"', start) - start);
}

// The elements <tag ...> (with their content up to the next one) inside <block>...</block>.
std::vector<std::string> elements(const std::string& xml, const std::string& block, const std::string& tag) {
    std::vector<std::string> found;
    const auto begin = xml.find("<" + block);
    if (begin == std::string::npos) return found;
    const auto end = xml.find("</" + block + ">", begin);
    for (auto at = xml.find("<" + tag, begin); at != std::string::npos && at < end; at = xml.find("<" + tag, at + 1)) {
        const char next = xml[at + tag.size() + 1];
        if (next != ' ' && next != '>' && next != '/') continue;  // <font> but not <fonts>
        const auto stop = std::min(xml.find("<" + tag, at + 1), end);
        found.push_back(xml.substr(at, stop - at));
    }
    return found;
}

std::string cell_name(int row, int column) {
    std::string letters;
    for (int c = column + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return letters + std::to_string(row);
}

// The <c r="B4" ...>...</c> element of a cell, or "".
std::string cell_element(const std::string& sheet_xml, int row, int column) {
    const auto at = sheet_xml.find("<c r=\"" + cell_name(row, column) + "\"");
    if (at == std::string::npos) return {};
    const auto self_closed = sheet_xml.find("/>", at), closed = sheet_xml.find("</c>", at), next = sheet_xml.find("<c ", at + 1);
    const auto end = std::min({self_closed == std::string::npos ? sheet_xml.size() : self_closed + 2, closed == std::string::npos ? sheet_xml.size() : closed + 4,
                               next == std::string::npos ? sheet_xml.size() : next});
    return sheet_xml.substr(at, end - at);
}

std::string sheet_part(int sheet_number) { return "xl/worksheets/sheet" + std::to_string(sheet_number) + ".xml"; }

}  // namespace

std::vector<std::string> workbook_sheets(const std::string& path) {
    const Dataset ds = open_workbook(path);
    std::vector<std::string> names;
    for (int i = 0; i < GDALDatasetGetLayerCount(ds.get()); ++i) names.emplace_back(OGR_L_GetName(GDALDatasetGetLayer(ds.get(), i)));
    return names;
}

std::vector<std::vector<std::string>> workbook_cells(const std::string& path, const std::string& sheet) {
    const Dataset ds = open_workbook(path);
    OGRLayerH layer = GDALDatasetGetLayerByName(ds.get(), sheet.c_str());
    if (!layer) throw std::runtime_error(path + " has no sheet " + sheet);
    // GDAL's feature id of a sheet row read without headers is its Excel row number.
    std::vector<std::vector<std::string>> rows;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        const auto row = static_cast<std::size_t>(OGR_F_GetFID(f));
        if (rows.size() <= row) rows.resize(row + 1);
        for (int i = 0; i < OGR_F_GetFieldCount(f); ++i) rows[row].emplace_back(OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : "");
        OGR_F_Destroy(f);
    }
    return rows;
}

std::string workbook_part(const std::string& path, const std::string& part) {
    const std::string name = "/vsizip/" + path + "/" + part;
    VSILFILE* f = VSIFOpenL(name.c_str(), "rb");
    if (!f) return {};
    std::string text;
    char buffer[4096];
    for (std::size_t n; (n = VSIFReadL(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
    VSIFCloseL(f);
    return text;
}

CellStyle workbook_cell_style(const std::string& path, int sheet_number, int row, int column) {
    const std::string styles = workbook_part(path, "xl/styles.xml");
    const std::string cell = cell_element(workbook_part(path, sheet_part(sheet_number)), row, column);
    const std::string s = attribute(cell, "s");
    const auto xfs = elements(styles, "cellXfs", "xf");
    const std::size_t xf = s.empty() ? 0 : std::stoul(s);
    if (xf >= xfs.size()) return {};
    // Excel's built-in formats are not written out; libxlsxwriter uses them for these codes.
    std::map<std::string, std::string> codes = {{"0", "General"}, {"1", "0"}, {"2", "0.00"}, {"3", "#,##0"}, {"4", "#,##0.00"}, {"9", "0%"}, {"10", "0.00%"}};
    for (const auto& fmt : elements(styles, "numFmts", "numFmt")) codes[attribute(fmt, "numFmtId")] = attribute(fmt, "formatCode");
    CellStyle style;
    style.number_format = codes[attribute(xfs[xf], "numFmtId")];
    const auto fonts = elements(styles, "fonts", "font");
    const std::size_t font = std::stoul(attribute(xfs[xf], "fontId"));
    style.bold = font < fonts.size() && fonts[font].find("<b/>") != std::string::npos;
    return style;
}

std::string workbook_cell_xml_value(const std::string& path, int sheet_number, int row, int column) {
    const std::string cell = cell_element(workbook_part(path, sheet_part(sheet_number)), row, column);
    if (cell.empty() || attribute(cell, "t") == "s") return {};
    const auto at = cell.find("<v>");
    return at == std::string::npos ? std::string() : cell.substr(at + 3, cell.find("</v>") - at - 3);
}

}  // namespace ca::test
