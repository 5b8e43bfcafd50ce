// Name keys and the village name index.
#include "core/analysis/name_matching.hpp"

#include "core/model/text.hpp"

namespace ca::analysis {
namespace {

// Drops suffixes until none is left, so "赵家村村委会", "赵家村" and "赵家" all give "赵家".
std::string strip_suffixes(std::string key, std::initializer_list<std::string_view> suffixes) {
    for (bool stripped = true; stripped;) {
        stripped = false;
        for (std::string_view suffix : suffixes)
            if (model::ends_with(key, suffix) && key.size() > suffix.size()) {
                key = model::normalize_text(key.substr(0, key.size() - suffix.size()));
                stripped = true;
                break;
            }
    }
    return key;
}

}  // namespace

std::string village_key(std::string_view name) {
    return strip_suffixes(model::fold_key(name), {"村民委员会", "村委会", "行政村", "村"});
}

std::string township_key(std::string_view name) { return strip_suffixes(model::fold_key(name), {"街道办事处", "街道", "镇", "乡"}); }

void VillageNames::add(std::string_view township, std::string_view village, std::size_t index) {
    const std::string t = township_key(township), v = village_key(village);
    m_by_pair[t + "|" + v].push_back(index);
    m_by_village[v].push_back(index);
    m_townships.emplace(t, index);
}

VillageNames::Match VillageNames::find(std::string_view township, std::string_view village) const {
    const std::string t = township_key(township), v = village_key(village);
    const std::vector<std::size_t>* hits = nullptr;
    if (t.empty()) {
        auto it = m_by_village.find(v);
        if (it != m_by_village.end()) hits = &it->second;
    } else {
        if (!m_townships.count(t)) return {Outcome::NoSuchTownship};
        auto it = m_by_pair.find(t + "|" + v);
        if (it != m_by_pair.end()) hits = &it->second;
    }
    if (!hits) return {Outcome::NoSuchVillage};
    if (hits->size() > 1) return {Outcome::Ambiguous};
    return {Outcome::Found, hits->front()};
}

std::optional<std::size_t> VillageNames::first_in_township(std::string_view township) const {
    const std::string t = township_key(township);
    if (t.empty()) return std::nullopt;
    const auto it = m_townships.find(t);
    return it == m_townships.end() ? std::nullopt : std::optional(it->second);
}

}  // namespace ca::analysis
