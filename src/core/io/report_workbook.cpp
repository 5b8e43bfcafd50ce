// Report workbooks through libxlsxwriter: GDAL's XLSX writer writes values only, no formats.
#include "core/io/report_workbook.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <xlsxwriter.h>

#include "core/model/safe_write.hpp"

namespace ca::io {
namespace {

constexpr const char* kMissing = "—";      // a value the data lacks, as the viewer shows it
constexpr double kMaxColumnWidth = 40;      // in characters; longer text wraps
constexpr int kFormatCount = 5;             // CellFormat's values

// libxlsxwriter prints its own failures to stderr ("[ERROR] workbook_close(): ...", LXW_ERROR in
// its common.h) while it writes, which would put two lines of a library's internals before the
// command line's one-line message. While it writes, stderr goes to /dev/null; what failed comes
// back through workbook_close's result and errno.
class QuietStderr {
public:
    QuietStderr() {
        std::fflush(stderr);
        m_saved = ::dup(STDERR_FILENO);
        const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (m_saved >= 0 && null >= 0) ::dup2(null, STDERR_FILENO);
        if (null >= 0) ::close(null);
    }
    ~QuietStderr() {
        std::fflush(stderr);
        if (m_saved >= 0) ::dup2(m_saved, STDERR_FILENO), ::close(m_saved);
    }
    QuietStderr(const QuietStderr&) = delete;
    QuietStderr& operator=(const QuietStderr&) = delete;

private:
    int m_saved = -1;
};

const char* number_format(CellFormat format) {
    switch (format) {
        case CellFormat::Integer: return "#,##0";
        case CellFormat::Decimal1: return "#,##0.0";
        case CellFormat::Decimal2: return "#,##0.00";
        case CellFormat::Percent1: return "0.0%";
        case CellFormat::Text: break;
    }
    return nullptr;
}

// The formats a sheet uses, made once per workbook: libxlsxwriter keeps one style per format.
struct Formats {
    lxw_format* title = nullptr;
    lxw_format* unit_line = nullptr;
    lxw_format* heading = nullptr;
    lxw_format* note = nullptr;
    std::array<std::array<lxw_format*, kFormatCount>, 2> cell{};  // [bold][CellFormat]

    explicit Formats(lxw_workbook* book) {
        title = workbook_add_format(book);
        format_set_bold(title);
        format_set_font_size(title, 16);
        format_set_align(title, LXW_ALIGN_CENTER);
        format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
        unit_line = workbook_add_format(book);
        note = workbook_add_format(book);
        heading = workbook_add_format(book);
        format_set_bold(heading);
        format_set_border(heading, LXW_BORDER_THIN);
        format_set_align(heading, LXW_ALIGN_CENTER);
        format_set_align(heading, LXW_ALIGN_VERTICAL_CENTER);
        format_set_text_wrap(heading);
        for (int bold = 0; bold < 2; ++bold)
            for (int f = 0; f < kFormatCount; ++f) {
                lxw_format* format = workbook_add_format(book);
                format_set_border(format, LXW_BORDER_THIN);
                if (bold) format_set_bold(format);
                if (const char* number = number_format(static_cast<CellFormat>(f))) format_set_num_format(format, number);
                else format_set_align(format, LXW_ALIGN_LEFT);
                cell[static_cast<std::size_t>(bold)][static_cast<std::size_t>(f)] = format;
            }
    }
    lxw_format* of(CellFormat format, bool bold) const { return cell[bold ? 1 : 0][static_cast<std::size_t>(format)]; }
};

// How wide a cell's text shows: the number as its format prints it (thousands separators too).
std::size_t shown_width(const model::Value& value, CellFormat format) {
    const auto number = model::to_number(value);
    if (const auto* text = std::get_if<std::string>(&value)) return display_width(*text);
    if (!number) return display_width(kMissing);
    const int decimals = format == CellFormat::Decimal1 ? 1 : format == CellFormat::Decimal2 || format == CellFormat::Percent1 ? 2 : 0;
    char digits[64];
    std::snprintf(digits, sizeof digits, "%.*f", decimals, format == CellFormat::Percent1 ? *number * 100 : *number);
    const std::size_t whole = std::strcspn(digits, ".");
    return std::strlen(digits) + (whole > 3 ? (whole - 1) / 3 : 0);
}

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const model::Value& value, lxw_format* format) {
    if (const auto* text = std::get_if<std::string>(&value)) worksheet_write_string(ws, row, col, text->c_str(), format);
    else if (const auto* n = std::get_if<std::int64_t>(&value)) worksheet_write_number(ws, row, col, static_cast<double>(*n), format);
    else if (const auto* d = std::get_if<double>(&value); d && std::isfinite(*d)) worksheet_write_number(ws, row, col, *d, format);
    else worksheet_write_string(ws, row, col, kMissing, format);
}

void write_sheet(lxw_workbook* book, const Formats& formats, const ReportSheet& sheet) {
    lxw_worksheet* ws = workbook_add_worksheet(book, sheet.name.c_str());
    const auto last_col = static_cast<lxw_col_t>(sheet.columns.empty() ? 0 : sheet.columns.size() - 1);
    lxw_row_t row = 0;
    if (!sheet.title.empty()) {
        if (last_col > 0) worksheet_merge_range(ws, row, 0, row, last_col, sheet.title.c_str(), formats.title);
        else worksheet_write_string(ws, row, 0, sheet.title.c_str(), formats.title);
        worksheet_set_row(ws, row++, 28, nullptr);
    }
    if (!sheet.unit_line.empty()) worksheet_write_string(ws, row++, 0, sheet.unit_line.c_str(), formats.unit_line);
    const lxw_row_t heading_row = row++;
    std::vector<std::size_t> widths;
    for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
        worksheet_write_string(ws, heading_row, static_cast<lxw_col_t>(c), sheet.columns[c].heading.c_str(), formats.heading);
        widths.push_back(display_width(sheet.columns[c].heading));
    }
    for (const ReportRow& r : sheet.rows) {
        const bool bold = r.kind != RowKind::Body;
        for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
            const model::Value value = c < r.cells.size() ? r.cells[c] : model::Value{};
            write_cell(ws, row, static_cast<lxw_col_t>(c), value, formats.of(sheet.columns[c].format, bold));
            widths[c] = std::max(widths[c], shown_width(value, sheet.columns[c].format));
        }
        ++row;
    }
    // Two characters of room; a wide heading wraps rather than making its column a page wide.
    for (std::size_t c = 0; c < widths.size(); ++c)
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             std::min(static_cast<double>(widths[c] + 2), kMaxColumnWidth), nullptr);
    if (!sheet.notes.empty()) ++row;  // a blank row between the table and its notes
    for (const std::string& note : sheet.notes) worksheet_write_string(ws, row++, 0, note.c_str(), formats.note);

    worksheet_freeze_panes(ws, heading_row + 1, static_cast<lxw_col_t>(sheet.frozen_columns));
    // Printed as the office prints it: A4 landscape, one page wide, headings on every page.
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, heading_row, heading_row);
}

}  // namespace

std::size_t display_width(const std::string& text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        width += length >= 3 ? 2 : 1;  // U+0800 and up: CJK, full-width forms, their punctuation
        i += length;
    }
    return width;
}

void write_report_workbook(const std::string& path, const std::vector<ReportSheet>& sheets) {
    // libxlsxwriter writes to a path of its own choosing: it is given the temporary file's, which
    // write_via_temp then syncs and renames (or removes, when anything failed).
    model::write_via_temp(path, [&](model::TempFile& file) {
        lxw_workbook* book = workbook_new(file.path().c_str());
        if (!book) throw model::WriteFailure("libxlsxwriter could not start a workbook");
        const Formats formats(book);
        for (const ReportSheet& sheet : sheets) write_sheet(book, formats, sheet);
        lxw_error result = LXW_NO_ERROR;
        int error = 0;
        {
            const QuietStderr quiet;
            errno = 0;
            result = workbook_close(book);  // frees the workbook whatever it returns
            error = errno;
        }
        if (result != LXW_NO_ERROR) throw model::WriteFailure(error != 0 ? std::strerror(error) : lxw_strerror(result));
    });
}

}  // namespace ca::io
