// Placing rows that name a village instead of locating it: tolerant of how offices type names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ca::analysis {

// The key a village name is matched by: spaces trimmed, full-width forms folded, and trailing
// 村民委员会 / 村委会 / 行政村 / 村 dropped ("麻栗树村委会" and " 麻栗树 " both give "麻栗树";
// "赵家村村委会" and "赵家村" both give "赵家").
std::string village_key(std::string_view name);
// The key of a township name: the same folding, and a trailing 镇 / 乡 / 街道 dropped.
std::string township_key(std::string_view name);

class VillageNames {
public:
    void add(std::string_view township, std::string_view village, std::size_t index);

    enum class Outcome { Found, NoSuchTownship, NoSuchVillage, Ambiguous };
    struct Match {
        Outcome outcome;
        std::size_t index = 0;  // when Found
    };
    // By township and village; with an empty township, by village alone when that is unique.
    Match find(std::string_view township, std::string_view village) const;
    // The first village added in this township (by township_key), if there is one.
    std::optional<std::size_t> first_in_township(std::string_view township) const;

private:
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_pair;     // "township|village"
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_village;  // village key alone
    std::unordered_map<std::string, std::size_t> m_townships;  // township key -> first village
};

}  // namespace ca::analysis
