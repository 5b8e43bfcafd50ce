// Text encodings of legacy sources (DBF, CSV): declared, detected from the bytes, or given by the
// user, decided once per source; and decoding that marks what it could not read.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ca::io {

struct EncodingChoice {
    std::string name;  // as users know it: "UTF-8", "GBK", "Big5", or what a .cpg says
    std::string how;   // ".cpg", "DBF language byte", "--encoding", "BOM", "detected: ..."
    bool detected() const { return how.rfind("detected", 0) == 0; }
};

// From a source's bytes: valid UTF-8 is UTF-8; otherwise GBK (read as GB18030, its superset)
// unless Big5 reads clearly better, judged by the share of double-byte characters that fall in
// each code's common-character block (GB2312 level 1, Big5 frequent characters).
EncodingChoice detect_encoding(std::string_view bytes);

// The encoding of a legacy source: `override` (--encoding) when given, else a shapefile's .cpg or
// DBF language byte, a CSV's BOM, else detected from the file's records.
EncodingChoice legacy_source_encoding(const std::string& path, bool is_shapefile, const std::string& override);

// Decodes one source's text to UTF-8. Default-constructed: the source is Unicode already (XLSX,
// GeoPackage, GeoJSON, KML, FlatGeobuf) and is only checked. Bytes that do not decode become
// U+FFFD and `decode` says so.
class TextDecoder {
public:
    TextDecoder();
    explicit TextDecoder(EncodingChoice choice);
    ~TextDecoder();
    TextDecoder(TextDecoder&&) noexcept;
    TextDecoder& operator=(TextDecoder&&) noexcept;

    // Sets *replaced (never resets it) when some bytes could not be decoded: one flag may cover a row.
    std::string decode(std::string_view raw, bool* replaced = nullptr);
    // "UTF-8 (Unicode format)", "GBK (.cpg)", "GBK (detected: not valid UTF-8)".
    std::string description() const;

private:
    struct Converter;
    EncodingChoice m_choice;
    std::unique_ptr<Converter> m_converter;  // none for UTF-8
};

// Encodes UTF-8 text into a legacy encoding for writing back into a source ("UTF-8", "GBK",
// "GB18030", "Big5"). GBK is GBK here, not GB18030 as when reading: a character GBK cannot hold
// would otherwise become a four-byte GB18030 sequence that Excel, reading the file as GBK, garbles.
class TextEncoder {
public:
    // Throws ca::Error when iconv does not know the encoding.
    explicit TextEncoder(const std::string& encoding);
    ~TextEncoder();
    TextEncoder(TextEncoder&&) noexcept;
    TextEncoder& operator=(TextEncoder&&) noexcept;

    // The text in the encoding; nullopt when a character cannot be written in it, which then goes
    // to *unencodable (as UTF-8). Text that is not valid UTF-8 fails the same way.
    std::optional<std::string> encode(std::string_view utf8, std::string* unencodable = nullptr);
    const std::string& name() const { return m_name; }

private:
    struct Converter;
    std::string m_name;
    std::unique_ptr<Converter> m_converter;  // none for UTF-8
};

}  // namespace ca::io
