// Encodings: .cpg and DBF language ids, detection from bytes, iconv decoding with replacement marks.
#include "core/io/encoding.hpp"

#include <cctype>
#include <cerrno>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include <iconv.h>

#include "core/model/error.hpp"
#include "core/model/text.hpp"

namespace ca::io {
namespace {

namespace fs = std::filesystem;

// The name iconv knows for what users and .cpg files write. GBK text is read as GB18030, its
// superset, so the odd character outside GBK still decodes.
std::string iconv_name(const std::string& name) {
    const std::string key = model::fold_key(name);
    if (key == "gbk" || key == "cp936" || key == "936" || key == "gb2312" || key == "gb18030" || key == "54936") return "GB18030";
    if (key == "big5" || key == "cp950" || key == "950") return "BIG5";
    if (key == "utf-8" || key == "utf8" || key == "65001") return "UTF-8";
    if (!key.empty() && std::isdigit(static_cast<unsigned char>(key[0]))) return "CP" + key;
    return name;
}

// The name iconv knows for an encoding text is written in: as iconv_name, but GBK stays GBK.
std::string iconv_write_name(const std::string& name) {
    const std::string key = model::fold_key(name);
    if (key == "gbk" || key == "cp936" || key == "936" || key == "gb2312") return "GBK";
    return iconv_name(name);
}

// Users' name for an encoding: "GBK" rather than "CP936" or "GB18030".
std::string display_name(const std::string& name) {
    const std::string iconv = iconv_name(name);
    if (iconv == "GB18030") return "GBK";
    if (iconv == "BIG5") return "Big5";
    return iconv;
}

// Up to `limit` bytes of a file (all of it by default); empty when it cannot be read.
std::string read_bytes(const fs::path& path, std::size_t limit = std::string::npos) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    if (limit == std::string::npos) return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::string bytes(limit, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(limit));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

// The text of a DBF: its field names and its records, without the binary parts of its header
// (record count, lengths, field sizes), whose bytes above 0x7F would make any file "not UTF-8".
std::string dbf_text(const std::string& dbf) {
    constexpr std::size_t kHeader = 32, kDescriptor = 32, kNameLength = 11;
    if (dbf.size() < kHeader) return {};
    const std::size_t header_length = static_cast<unsigned char>(dbf[8]) | static_cast<std::size_t>(static_cast<unsigned char>(dbf[9])) << 8;
    std::string text;
    for (std::size_t at = kHeader; at + kDescriptor <= std::min(header_length, dbf.size()) && dbf[at] != '\x0D'; at += kDescriptor)
        text.append(dbf, at, kNameLength).push_back(' ');
    if (header_length < dbf.size()) text.append(dbf, header_length);
    return text;
}

// A shapefile's side file (.cpg, .dbf), its extension in lower or upper case.
fs::path sibling(const std::string& shp_path, const char* lower_ext) {
    fs::path lower = fs::path(shp_path).replace_extension(lower_ext);
    if (fs::exists(lower)) return lower;
    std::string upper_ext = lower_ext;
    for (char& c : upper_ext) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return fs::path(shp_path).replace_extension(upper_ext);
}

// What a shapefile declares: its .cpg, else the DBF's language driver byte (0x4D, 0x7A: GBK).
EncodingChoice shapefile_declared(const std::string& shp_path) {
    std::ifstream cpg(sibling(shp_path, ".cpg"));
    std::string name;
    if (cpg && std::getline(cpg, name) && !model::normalize_text(name).empty())
        return {display_name(model::normalize_text(name)), ".cpg"};
    const std::string header = read_bytes(sibling(shp_path, ".dbf"), 32);
    if (header.size() == 32) {
        const auto ldid = static_cast<unsigned char>(header[29]);
        if (ldid == 0x4D || ldid == 0x7A) return {"GBK", "DBF language byte"};
    }
    return {};
}

// Counts double-byte characters under one code's lead/trail rules, and those in its common block.
struct DoubleByteScore {
    std::size_t characters = 0, common = 0, invalid = 0;
    double common_share() const { return characters ? static_cast<double>(common) / static_cast<double>(characters) : 0; }
};

DoubleByteScore score_gbk(std::string_view bytes) {
    DoubleByteScore s;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        if (lead < 0x80) continue;
        if (lead == 0x80 || lead == 0xFF || i + 1 == bytes.size()) {
            ++s.invalid;
            continue;
        }
        const auto trail = static_cast<unsigned char>(bytes[++i]);
        if (trail < 0x40 || trail == 0x7F || trail == 0xFF) ++s.invalid;
        ++s.characters;
        s.common += lead >= 0xB0 && lead <= 0xD7 && trail >= 0xA1;  // GB2312 level 1: the 3,755 commonest
    }
    return s;
}

DoubleByteScore score_big5(std::string_view bytes) {
    DoubleByteScore s;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        if (lead < 0x80) continue;
        if (lead < 0xA1 || lead > 0xF9 || i + 1 == bytes.size()) {
            ++s.invalid;
            continue;
        }
        const auto trail = static_cast<unsigned char>(bytes[++i]);
        if (!((trail >= 0x40 && trail <= 0x7E) || (trail >= 0xA1 && trail <= 0xFE))) ++s.invalid;
        ++s.characters;
        s.common += lead >= 0xA4 && lead <= 0xC6;  // Big5's 5,401 frequent characters
    }
    return s;
}

}  // namespace

EncodingChoice detect_encoding(std::string_view bytes) {
    if (model::is_valid_utf8(bytes)) return {"UTF-8", "detected: valid UTF-8"};
    const DoubleByteScore gbk = score_gbk(bytes), big5 = score_big5(bytes);
    if (big5.invalid < gbk.invalid || (big5.invalid == gbk.invalid && big5.common_share() > gbk.common_share() + 0.2))
        return {"Big5", "detected: not valid UTF-8, reads better as Big5 than GBK"};
    return {"GBK", "detected: not valid UTF-8"};
}

EncodingChoice legacy_source_encoding(const std::string& path, bool is_shapefile, const std::string& override) {
    if (!override.empty()) return {display_name(override), "--encoding"};
    if (is_shapefile) {
        if (EncodingChoice declared = shapefile_declared(path); !declared.name.empty()) return declared;
        return detect_encoding(dbf_text(read_bytes(sibling(path, ".dbf"))));
    }
    const std::string bytes = read_bytes(path);
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) return {"UTF-8", "BOM"};
    return detect_encoding(bytes);
}

struct TextDecoder::Converter {
    iconv_t handle;
    explicit Converter(const std::string& from) : handle(iconv_open("UTF-8", iconv_name(from).c_str())) {}
    ~Converter() {
        if (handle != reinterpret_cast<iconv_t>(-1)) iconv_close(handle);
    }
    bool ok() const { return handle != reinterpret_cast<iconv_t>(-1); }
};

TextDecoder::TextDecoder() : m_choice{"UTF-8", "Unicode format"} {}

TextDecoder::TextDecoder(EncodingChoice choice) : m_choice(std::move(choice)) {
    if (iconv_name(m_choice.name) == "UTF-8") return;
    m_converter = std::make_unique<Converter>(m_choice.name);
    if (!m_converter->ok()) throw Error("the text encoding \"" + m_choice.name + "\" is not one iconv knows (try GBK, UTF-8, Big5)");
}

TextDecoder::~TextDecoder() = default;
TextDecoder::TextDecoder(TextDecoder&&) noexcept = default;
TextDecoder& TextDecoder::operator=(TextDecoder&&) noexcept = default;

std::string TextDecoder::decode(std::string_view raw, bool* replaced) {
    static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
    std::string out;
    bool lost = false;
    if (!m_converter) {
        // Unicode sources: keep valid UTF-8, mark what is not.
        for (std::size_t i = 0; i < raw.size();) {
            std::uint32_t cp = 0;
            const std::size_t len = model::decode_utf8(raw, i, cp);
            if (len == 0) {
                out += kReplacement, lost = true, ++i;
                continue;
            }
            out.append(raw.substr(i, len));
            i += len;
        }
    } else {
        iconv(m_converter->handle, nullptr, nullptr, nullptr, nullptr);
        char* in = const_cast<char*>(raw.data());
        std::size_t in_left = raw.size();
        std::vector<char> buffer(raw.size() * 4 + 16);
        while (in_left > 0) {
            char* dst = buffer.data();
            std::size_t dst_left = buffer.size();
            const std::size_t result = iconv(m_converter->handle, &in, &in_left, &dst, &dst_left);
            out.append(buffer.data(), static_cast<std::size_t>(dst - buffer.data()));
            if (result != static_cast<std::size_t>(-1)) break;
            if (errno == E2BIG) continue;
            out += kReplacement, lost = true;  // EILSEQ or EINVAL: skip the byte that would not decode
            ++in, --in_left;
        }
    }
    if (replaced && lost) *replaced = true;  // one flag over all the fields of a row
    return out;
}

std::string TextDecoder::description() const { return m_choice.name + " (" + m_choice.how + ")"; }

struct TextEncoder::Converter {
    iconv_t handle;
    explicit Converter(const std::string& to) : handle(iconv_open(to.c_str(), "UTF-8")) {}
    ~Converter() {
        if (handle != reinterpret_cast<iconv_t>(-1)) iconv_close(handle);
    }
    bool ok() const { return handle != reinterpret_cast<iconv_t>(-1); }
};

TextEncoder::TextEncoder(const std::string& encoding) : m_name(display_name(encoding)) {
    const std::string to = iconv_write_name(encoding);
    if (to == "UTF-8") return;
    m_converter = std::make_unique<Converter>(to);
    if (!m_converter->ok()) throw Error("the text encoding \"" + encoding + "\" is not one iconv knows (try GBK, UTF-8, Big5)");
}

TextEncoder::~TextEncoder() = default;
TextEncoder::TextEncoder(TextEncoder&&) noexcept = default;
TextEncoder& TextEncoder::operator=(TextEncoder&&) noexcept = default;

std::optional<std::string> TextEncoder::encode(std::string_view utf8, std::string* unencodable) {
    auto fail_at = [&](std::size_t at) -> std::optional<std::string> {
        std::uint32_t cp = 0;
        const std::size_t len = model::decode_utf8(utf8, at, cp);
        if (unencodable) *unencodable = len ? std::string(utf8.substr(at, len)) : std::string("(bytes that are not UTF-8)");
        return std::nullopt;
    };
    if (!m_converter) {
        for (std::size_t i = 0; i < utf8.size();) {
            std::uint32_t cp = 0;
            const std::size_t len = model::decode_utf8(utf8, i, cp);
            if (len == 0) return fail_at(i);
            i += len;
        }
        return std::string(utf8);
    }
    iconv(m_converter->handle, nullptr, nullptr, nullptr, nullptr);
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    std::string out;
    std::vector<char> buffer(utf8.size() * 2 + 16);
    while (true) {
        char* dst = buffer.data();
        std::size_t dst_left = buffer.size();
        // A null input flushes the shift state at the end (none in GBK or Big5, but iconv asks it).
        const std::size_t result = in_left ? iconv(m_converter->handle, &in, &in_left, &dst, &dst_left)
                                           : iconv(m_converter->handle, nullptr, nullptr, &dst, &dst_left);
        out.append(buffer.data(), static_cast<std::size_t>(dst - buffer.data()));
        if (result != static_cast<std::size_t>(-1) && in_left == 0) return out;
        if (result == static_cast<std::size_t>(-1) && errno != E2BIG) return fail_at(static_cast<std::size_t>(in - utf8.data()));
    }
}

}  // namespace ca::io
