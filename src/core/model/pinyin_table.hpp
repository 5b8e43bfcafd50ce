// The Han character → pinyin table generated at build time from Debian's Unihan database
// (tools/make_pinyin_table.cpp). Readings carry no tone marks; the most common comes first.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ca::model::pinyin_table {

struct Entry {
    std::uint32_t code_point;
    std::uint32_t first;  // into kReadings
    std::uint8_t count;
};

extern const char* const kSyllables[];  // "a", "ai", ..., "lü"
extern const Entry kEntries[];          // sorted by code point
extern const std::size_t kEntryCount;
extern const std::uint16_t kReadings[];  // indices into kSyllables

}  // namespace ca::model::pinyin_table
