// OGR's ISO WKB (whose 2D type codes are EWKB's) with the SRID flag and the SRID after the type.
#include "core/postgis/ewkb.hpp"

#include <vector>

#include "core/io/ogr_geometry.hpp"

namespace ca::postgis {

std::optional<std::string> ewkb_hex(const model::Geometry& g, OGRwkbGeometryType type) {
    if (g.empty()) return std::nullopt;
    OGRGeometryH ogr = io::to_ogr(g, type);
    std::vector<unsigned char> wkb(static_cast<std::size_t>(OGR_G_WkbSize(ogr)));
    OGR_G_ExportToIsoWkb(ogr, wkbNDR, wkb.data());
    OGR_G_DestroyGeometry(ogr);
    std::uint32_t code = static_cast<std::uint32_t>(wkb[1]) | static_cast<std::uint32_t>(wkb[2]) << 8 | static_cast<std::uint32_t>(wkb[3]) << 16 |
                         static_cast<std::uint32_t>(wkb[4]) << 24;
    code |= 0x20000000u;
    const std::uint32_t srid = 4490;
    std::vector<unsigned char> out = {wkb[0]};
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<unsigned char>(code >> shift));
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<unsigned char>(srid >> shift));
    out.insert(out.end(), wkb.begin() + 5, wkb.end());
    static const char* const digits = "0123456789ABCDEF";
    std::string hex;
    hex.reserve(out.size() * 2);
    for (const unsigned char b : out) hex += digits[b >> 4], hex += digits[b & 15];
    return hex;
}

}  // namespace ca::postgis
