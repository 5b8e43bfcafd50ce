// Decoding text from sources whose encoding is declared, guessed, or given by the user.
#pragma once

#include <string>
#include <string_view>

namespace ca::io {

// How a layer's bytes are to be read. An empty declared encoding means "UTF-8 if valid, else
// GBK": county offices' files are one or the other, and GBK bytes are almost never valid UTF-8.
class TextDecoder {
public:
    TextDecoder() = default;
    TextDecoder(std::string declared, std::string origin);

    std::string decode(std::string_view raw);
    // "UTF-8", "GBK (.cpg)", "GBK (--encoding)", "GBK (guessed: not valid UTF-8)".
    std::string description() const;

private:
    std::string m_declared;  // iconv name, empty when guessing
    std::string m_origin;    // where the declared name came from
    bool m_fell_back_to_gbk = false;
};

// The encoding a shapefile declares, from its .cpg, else from the DBF language driver byte;
// empty when it declares none. `origin` is set to ".cpg" or ".dbf language driver".
std::string shapefile_declared_encoding(const std::string& shp_path, std::string& origin);

}  // namespace ca::io
