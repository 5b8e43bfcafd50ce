// Hanyu Pinyin for place names: labels in pinyin and search by pinyin or its initials.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ca::model {

// Readings of one character without tone marks, the most common first ("长": chang, zhang... in
// Unihan's order); empty when it is not a Han character of the table.
std::vector<std::string_view> han_readings(std::uint32_t code_point);

// A place name in pinyin as maps write it (GB/T 16159): the specific part as one word, each generic
// part (镇, 乡, 村, 街道, 社区...) a word of its own unless the specific part is a single syllable,
// words capitalised, an apostrophe before a syllable starting with a, o or e inside a word:
// 清水镇 → "Qingshui Zhen", 西安村 → "Xi'an Cun", 新村 → "Xincun". Other characters pass through.
// A character with several readings takes its most common one.
std::string place_name_pinyin(std::string_view name);

// A name prepared once for searching by pinyin.
class PinyinKey {
public:
    explicit PinyinKey(std::string_view name);
    // True when the query (Latin letters; case, spaces and apostrophes ignored; v or u for ü) spells
    // consecutive characters of the name, each by any of its readings, whole or by its first
    // letters: "qingshui", "qs", "qshuiz" and "qingshuizhen" all find 清水镇.
    bool matches(std::string_view query) const;

private:
    std::vector<std::vector<std::string>> m_readings;  // per character, in search spelling (ü as v)
};

}  // namespace ca::model
