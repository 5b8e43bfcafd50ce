// Build-time generator of the Han character → pinyin table, from Debian's Unicode Han database
// (package unicode-data: /usr/share/unicode/Unihan_Readings.txt.bz2), so the table is never
// copied into the repository and follows the installed Unicode version.
//
//   make_pinyin_table Unihan_Readings.txt.bz2 out.cpp
//
// Per character the readings are kept without tone marks, the most common first (kMandarin),
// then those of the modern dictionaries (kHanyuPinlu, kTGHZ2013, kXHC1983) that differ, so a
// search for 长 finds both "chang" and "zhang".
#include <bzlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read_bzip2(const char* path) {
    FILE* file = std::fopen(path, "rb");
    if (!file) throw std::runtime_error(std::string("cannot open ") + path);
    int error = BZ_OK;
    BZFILE* bz = BZ2_bzReadOpen(&error, file, 0, 0, nullptr, 0);
    std::string text;
    char buffer[1 << 16];
    while (error == BZ_OK) {
        const int n = BZ2_bzRead(&error, bz, buffer, sizeof buffer);
        if (error == BZ_OK || error == BZ_STREAM_END) text.append(buffer, static_cast<std::size_t>(n));
    }
    BZ2_bzReadClose(nullptr, bz);
    std::fclose(file);
    if (error != BZ_STREAM_END) throw std::runtime_error(std::string("cannot decompress ") + path);
    return text;
}

// Tone-marked letters to their plain letter; ü stays ü (it is a letter of its own in pinyin).
std::string without_tones(const std::string& toned) {
    static const std::map<std::string, std::string> kPlain = {
        {"ā", "a"}, {"á", "a"}, {"ǎ", "a"}, {"à", "a"}, {"ē", "e"}, {"é", "e"}, {"ě", "e"}, {"è", "e"},
        {"ê", "e"}, {"ế", "e"}, {"ề", "e"}, {"ī", "i"}, {"í", "i"}, {"ǐ", "i"}, {"ì", "i"}, {"ō", "o"},
        {"ó", "o"}, {"ǒ", "o"}, {"ò", "o"}, {"ū", "u"}, {"ú", "u"}, {"ǔ", "u"}, {"ù", "u"}, {"ǖ", "ü"},
        {"ǘ", "ü"}, {"ǚ", "ü"}, {"ǜ", "ü"}, {"ü", "ü"}, {"ń", "n"}, {"ň", "n"}, {"ǹ", "n"}, {"ḿ", "m"}};
    std::string plain;
    for (std::size_t i = 0; i < toned.size();) {
        const auto byte = static_cast<unsigned char>(toned[i]);
        if (byte < 0x80) {
            plain += toned[i++];
            continue;
        }
        const std::size_t len = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
        const std::string letter = toned.substr(i, len);
        i += len;
        if (auto it = kPlain.find(letter); it != kPlain.end()) plain += it->second;
        // Anything else is a combining tone mark (m̄, ê̄...): dropped.
    }
    return plain;
}

// "lè(283)", "212.030:lè", "10464.130:bǎo,bǔ,pù" → the readings.
std::vector<std::string> readings_of(const std::string& value) {
    std::vector<std::string> readings;
    std::istringstream words(value);
    std::string word;
    while (words >> word) {
        if (auto colon = word.find(':'); colon != std::string::npos) word = word.substr(colon + 1);
        if (auto paren = word.find('('); paren != std::string::npos) word = word.substr(0, paren);
        std::istringstream parts(word);
        std::string part;
        while (std::getline(parts, part, ','))
            if (!part.empty()) readings.push_back(without_tones(part));
    }
    return readings;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: make_pinyin_table Unihan_Readings.txt.bz2 out.cpp\n";
        return 2;
    }
    try {
        const std::vector<std::string> kFields = {"kMandarin", "kHanyuPinlu", "kTGHZ2013", "kXHC1983"};
        std::map<std::uint32_t, std::map<int, std::vector<std::string>>> by_char;  // code point → field rank → readings
        std::istringstream lines(read_bzip2(argv[1]));
        std::string line;
        while (std::getline(lines, line)) {
            if (line.rfind("U+", 0) != 0) continue;
            const auto tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
            if (tab2 == std::string::npos) continue;
            const auto field = std::find(kFields.begin(), kFields.end(), line.substr(tab1 + 1, tab2 - tab1 - 1));
            if (field == kFields.end()) continue;
            const auto code_point = static_cast<std::uint32_t>(std::stoul(line.substr(2, tab1 - 2), nullptr, 16));
            by_char[code_point][static_cast<int>(field - kFields.begin())] = readings_of(line.substr(tab2 + 1));
        }

        std::vector<std::string> syllables;
        std::map<std::string, int> syllable_index;
        std::ostringstream entries, readings;
        std::size_t reading_count = 0;
        for (const auto& [code_point, fields] : by_char) {
            std::vector<std::string> distinct;
            for (const auto& [rank, values] : fields)
                for (const auto& v : values)
                    if (std::find(distinct.begin(), distinct.end(), v) == distinct.end()) distinct.push_back(v);
            entries << "{0x" << std::hex << code_point << std::dec << ", " << reading_count << ", " << distinct.size() << "},\n";
            for (const auto& v : distinct) {
                auto [it, added] = syllable_index.try_emplace(v, static_cast<int>(syllables.size()));
                if (added) syllables.push_back(v);
                readings << it->second << ",";
                if (++reading_count % 24 == 0) readings << "\n";
            }
        }

        std::ofstream out(argv[2]);
        out << "// Generated at build time by tools/make_pinyin_table.cpp from " << argv[1] << ". Do not edit.\n"
            << "#include \"core/model/pinyin_table.hpp\"\n\nnamespace ca::model::pinyin_table {\n\n"
            << "extern const char* const kSyllables[] = {\n";
        for (const auto& s : syllables) out << "\"" << s << "\",";
        out << "};\n\nextern const Entry kEntries[] = {\n" << entries.str() << "};\n"
            << "extern const std::size_t kEntryCount = " << by_char.size() << ";\n\n"
            << "extern const std::uint16_t kReadings[] = {\n" << readings.str() << "};\n\n}  // namespace ca::model::pinyin_table\n";
        if (!out) throw std::runtime_error(std::string("cannot write ") + argv[2]);
    } catch (const std::exception& e) {
        std::cerr << "make_pinyin_table: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
