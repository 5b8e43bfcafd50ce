// PNG chunks written here, image data compressed with zlib on every core: rows in bands, each
// band a raw deflate stream ended on a byte boundary (Z_SYNC_FLUSH) so the bands join into one
// zlib stream, the checksum joined by adler32_combine. No row filter at level 1: maps are flat
// colour, which filters do not help, or noise, which neither compresses. A 3000 x 2000
// prefecture page took 0.23 s through libpng (mostly its per-pixel BGRX-to-RGB transforms) and
// Cairo's own writer 0.56 s.
#include "core/print/png_writer.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <zlib.h>

#include "core/analysis/parallel.hpp"

namespace ca::print {
namespace {

void put_u32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

// length, type, data, CRC of type and data.
void write_chunk(model::TempFile& file, const char* type, std::string_view data) {
    std::string head;
    put_u32(head, static_cast<std::uint32_t>(data.size()));
    head.append(type, 4);
    file.write(head);
    file.write(data);
    uLong crc = crc32(0, reinterpret_cast<const Bytef*>(type), 4);
    if (!data.empty()) crc = crc32_z(crc, reinterpret_cast<const Bytef*>(data.data()), data.size());  // a null buffer restarts the CRC
    std::string tail;
    put_u32(tail, static_cast<std::uint32_t>(crc));
    file.write(tail);
}

struct CompressedBand {
    std::string deflated;
    uLong adler = 1;
    std::size_t raw_bytes = 0;
};

// Rows [y0, y1) as PNG scanlines (a filter byte 0, then R G B per pixel; Cairo's RGB24 is a
// native-endian 0xXXRRGGBB, B G R X in memory on little-endian machines), deflated raw.
CompressedBand compress_rows(cairo_surface_t* surface, int y0, int y1, bool last) {
    const int width = cairo_image_surface_get_width(surface), stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    z_stream z{};
    if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw model::WriteFailure("cannot start zlib");
    CompressedBand band;
    std::string row(1 + 3 * static_cast<std::size_t>(width), '\0');
    std::vector<unsigned char> out(deflateBound(&z, static_cast<uLong>(row.size())) + 64);
    for (int y = y0; y < y1; ++y) {
        const unsigned char* pixel = data + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = 0; x < width; ++x, pixel += 4) {
            row[1 + 3 * x] = static_cast<char>(pixel[2]);
            row[2 + 3 * x] = static_cast<char>(pixel[1]);
            row[3 + 3 * x] = static_cast<char>(pixel[0]);
        }
        band.adler = adler32_z(band.adler, reinterpret_cast<const Bytef*>(row.data()), row.size());
        band.raw_bytes += row.size();
        z.next_in = reinterpret_cast<Bytef*>(row.data());
        z.avail_in = static_cast<uInt>(row.size());
        const int flush = y + 1 < y1 ? Z_NO_FLUSH : last ? Z_FINISH : Z_SYNC_FLUSH;
        do {
            z.next_out = out.data();
            z.avail_out = static_cast<uInt>(out.size());
            deflate(&z, flush);
            band.deflated.append(reinterpret_cast<const char*>(out.data()), out.size() - z.avail_out);
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    return band;
}

// The zlib stream of the whole image: header, the bands' deflate data, the joined checksum.
std::string compressed_image(cairo_surface_t* surface) {
    const int height = cairo_image_surface_get_height(surface);
    const std::size_t count = std::clamp<std::size_t>(static_cast<std::size_t>(height) / 64, 1, analysis::worker_count() * 2);
    std::vector<CompressedBand> bands(count);
    analysis::for_each_index(count, analysis::worker_count(), [&](std::size_t b) {
        const int y0 = static_cast<int>(static_cast<std::size_t>(height) * b / count), y1 = static_cast<int>(static_cast<std::size_t>(height) * (b + 1) / count);
        bands[b] = compress_rows(surface, y0, y1, b + 1 == count);
    });
    std::string stream("\x78\x01", 2);  // deflate, 32 KiB window, fastest
    uLong adler = 1;
    for (const auto& band : bands) {
        stream += band.deflated;
        adler = adler32_combine(adler, band.adler, static_cast<z_off_t>(band.raw_bytes));
    }
    put_u32(stream, static_cast<std::uint32_t>(adler));
    return stream;
}

}  // namespace

void encode_png(cairo_surface_t* rgb24, double dpi, model::TempFile& file) {
    static_assert(std::endian::native == std::endian::little, "the byte order of Cairo's pixels is taken as little-endian");
    cairo_surface_flush(rgb24);
    if (cairo_image_surface_get_format(rgb24) != CAIRO_FORMAT_RGB24 && cairo_image_surface_get_format(rgb24) != CAIRO_FORMAT_ARGB32)
        throw model::WriteFailure("cannot encode the PNG: not an RGB image");
    const std::string image = compressed_image(rgb24);
    file.write(std::string_view("\x89PNG\r\n\x1a\n", 8));
    std::string header;
    put_u32(header, static_cast<std::uint32_t>(cairo_image_surface_get_width(rgb24)));
    put_u32(header, static_cast<std::uint32_t>(cairo_image_surface_get_height(rgb24)));
    header += std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, RGB, deflate, no filter method, not interlaced
    write_chunk(file, "IHDR", header);
    // Word processors place the figure at its printed size from this.
    std::string resolution;
    const auto per_metre = static_cast<std::uint32_t>(std::lround(dpi / 0.0254));
    put_u32(resolution, per_metre);
    put_u32(resolution, per_metre);
    resolution += '\x01';  // per metre
    write_chunk(file, "pHYs", resolution);
    constexpr std::size_t kChunk = 1 << 20;  // IDAT pieces of a megabyte, as other writers do
    for (std::size_t at = 0; at < image.size(); at += kChunk) write_chunk(file, "IDAT", std::string_view(image).substr(at, kChunk));
    write_chunk(file, "IEND", {});
}

}  // namespace ca::print
