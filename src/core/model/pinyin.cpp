#include "core/model/pinyin.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/model/pinyin_table.hpp"
#include "core/model/text.hpp"

namespace ca::model {
namespace {

struct Syllable {
    std::string text;  // pinyin without tone, or the character itself when it has no reading
    bool han = false;
};

std::vector<Syllable> syllables_of(std::string_view name) {
    std::vector<Syllable> out;
    for (std::size_t i = 0; i < name.size();) {
        std::uint32_t cp = 0;
        std::size_t len = decode_utf8(name, i, cp);
        if (len == 0) len = 1, cp = static_cast<unsigned char>(name[i]);
        const auto readings = han_readings(cp);
        if (readings.empty()) out.push_back({std::string(name.substr(i, len)), false});
        else out.push_back({std::string(readings.front()), true});
        i += len;
    }
    return out;
}

// Generic parts of Chinese place names, longest first so 村委会 wins over 会.
constexpr std::array kGenericParts = {"街道办事处", "村民委员会", "居民委员会", "村民小组", "民族乡", "村委会", "居委会",
                                      "办事处",     "街道",       "社区",       "镇",       "乡",     "村",     "组"};

std::size_t count_code_points(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Joins syllables into one word: capitalised, apostrophe before a, o, e after another syllable.
std::string word_of(const std::vector<Syllable>& syllables, std::size_t from, std::size_t to) {
    std::string word;
    for (std::size_t k = from; k < to; ++k) {
        const std::string& s = syllables[k].text;
        if (syllables[k].han && k > from && syllables[k - 1].han && (s[0] == 'a' || s[0] == 'o' || s[0] == 'e')) word += '\'';
        word += s;
    }
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
    return word;
}

}  // namespace

std::vector<std::string_view> han_readings(std::uint32_t code_point) {
    using namespace pinyin_table;
    const Entry* end = kEntries + kEntryCount;
    const Entry* e = std::lower_bound(kEntries, end, code_point, [](const Entry& a, std::uint32_t cp) { return a.code_point < cp; });
    std::vector<std::string_view> out;
    if (e == end || e->code_point != code_point) return out;
    for (std::uint32_t k = 0; k < e->count; ++k) out.emplace_back(kSyllables[kReadings[e->first + k]]);
    return out;
}

std::string place_name_pinyin(std::string_view name) {
    // Peel generic parts off the end: 东关村委会 → 东关 + 村委会.
    std::vector<std::string_view> generics;
    std::string_view specific = name;
    for (bool peeled = true; peeled;) {
        peeled = false;
        for (std::string_view g : kGenericParts)
            if (specific.size() > g.size() && ends_with(specific, g)) {
                generics.insert(generics.begin(), specific.substr(specific.size() - g.size()));
                specific.remove_suffix(g.size());
                peeled = true;
                break;
            }
    }
    const auto specific_syllables = syllables_of(specific);
    // A one-syllable specific part is written together with its generic part (新村 → Xincun).
    if (count_code_points(specific) == 1 && !generics.empty()) {
        auto all = syllables_of(name);
        return word_of(all, 0, all.size());
    }
    std::string out = word_of(specific_syllables, 0, specific_syllables.size());
    for (std::string_view g : generics) {
        const auto gs = syllables_of(g);
        out += ' ' + word_of(gs, 0, gs.size());
    }
    return out;
}

PinyinKey::PinyinKey(std::string_view name) {
    for (std::size_t i = 0; i < name.size();) {
        std::uint32_t cp = 0;
        std::size_t len = decode_utf8(name, i, cp);
        if (len == 0) len = 1, cp = static_cast<unsigned char>(name[i]);
        i += len;
        std::vector<std::string> readings;
        for (std::string_view r : han_readings(cp)) {
            std::string spelled(r);
            if (auto u = spelled.find("ü"); u != std::string::npos) spelled.replace(u, 2, "v");
            readings.push_back(std::move(spelled));
        }
        if (readings.empty() && cp < 0x80 && std::isalnum(static_cast<int>(cp))) readings.push_back(std::string(1, static_cast<char>(std::tolower(static_cast<int>(cp)))));
        if (readings.empty() && cp < 0x80) continue;  // spaces, punctuation: not spelled
        m_readings.push_back(std::move(readings));   // other characters: unmatched by any letter
    }
}

bool PinyinKey::matches(std::string_view query) const {
    std::string q;
    for (char c : query) {
        if (c == ' ' || c == '\'') continue;
        if (static_cast<unsigned char>(c) >= 0x80) return false;  // not Latin: the Chinese search handles it
        q += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (q.empty()) return false;
    const std::size_t n = m_readings.size();
    // failed[c * (q+1) + p]: no match of q[p..] from character c on. Names are short; this keeps
    // the search linear in practice even with characters of many readings.
    std::vector<char> failed((n + 1) * (q.size() + 1), 0);
    auto same = [](char reading, char typed) { return reading == typed || (reading == 'v' && typed == 'u'); };
    auto match = [&](auto&& self, std::size_t c, std::size_t p) -> bool {
        if (p == q.size()) return true;
        if (c == n || failed[c * (q.size() + 1) + p]) return false;
        for (const std::string& r : m_readings[c])
            for (std::size_t k = 0; k < r.size() && p + k < q.size() && same(r[k], q[p + k]); ++k)
                if (self(self, c + 1, p + k + 1)) return true;
        failed[c * (q.size() + 1) + p] = 1;
        return false;
    };
    for (std::size_t start = 0; start < n; ++start)
        if (match(match, start, 0)) return true;
    return false;
}

}  // namespace ca::model
