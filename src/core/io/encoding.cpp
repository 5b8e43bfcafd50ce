// Text decoding: .cpg and DBF language-driver ids, iconv through CPLRecode, the GBK guess.
#include "core/io/encoding.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>

#include <cpl_string.h>

#include "core/model/text.hpp"

namespace ca::io {
namespace {

std::string recode_to_utf8(std::string_view raw, const std::string& from) {
    std::string input(raw);
    std::unique_ptr<char, decltype(&CPLFree)> out(CPLRecode(input.c_str(), from.c_str(), CPL_ENC_UTF8), &CPLFree);
    return out ? std::string(out.get()) : input;
}

// .cpg holds names like "GBK", "UTF-8", "936" or "65001": turn code-page numbers into iconv names.
std::string iconv_name(std::string name) {
    name = model::normalize_text(name);
    if (name == "936" || name == "CP936") return "CP936";
    if (name == "65001") return "UTF-8";
    if (!name.empty() && std::isdigit(static_cast<unsigned char>(name[0]))) return "CP" + name;
    return name;
}

}  // namespace

TextDecoder::TextDecoder(std::string declared, std::string origin)
    : m_declared(iconv_name(std::move(declared))), m_origin(std::move(origin)) {}

std::string TextDecoder::decode(std::string_view raw) {
    if (!m_declared.empty()) {
        if (m_declared == "UTF-8" || m_declared == "UTF8") return std::string(raw);
        return recode_to_utf8(raw, m_declared);
    }
    if (model::is_valid_utf8(raw)) return std::string(raw);
    m_fell_back_to_gbk = true;
    return recode_to_utf8(raw, "CP936");  // CP936 is GBK as iconv names it
}

std::string TextDecoder::description() const {
    if (!m_declared.empty()) return m_declared + " (" + m_origin + ")";
    return m_fell_back_to_gbk ? "GBK (guessed: not valid UTF-8)" : "UTF-8";
}

std::string shapefile_declared_encoding(const std::string& shp_path, std::string& origin) {
    namespace fs = std::filesystem;
    fs::path base(shp_path);
    for (const char* ext : {".cpg", ".CPG"}) {
        fs::path cpg = base;
        cpg.replace_extension(ext);
        std::ifstream in(cpg);
        std::string name;
        if (in && std::getline(in, name) && !model::normalize_text(name).empty()) {
            origin = ".cpg";
            return iconv_name(name);
        }
    }
    // Byte 29 of a DBF header is its language driver id; 0x4D and 0x7A are the Chinese GBK ones.
    for (const char* ext : {".dbf", ".DBF"}) {
        fs::path dbf = base;
        dbf.replace_extension(ext);
        std::ifstream in(dbf, std::ios::binary);
        char header[32] = {};
        if (!in.read(header, sizeof header)) continue;
        const auto ldid = static_cast<unsigned char>(header[29]);
        if (ldid == 0x4D || ldid == 0x7A) {
            origin = ".dbf language driver";
            return "CP936";
        }
        if (ldid == 0x57) break;  // "ANSI": the writer's system code page, unknown here; guess
    }
    return {};
}

}  // namespace ca::io
