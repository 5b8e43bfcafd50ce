// The field names of ../shared/DATA-CONTRACT.md: which source field plays which meaning.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ca::model {

enum class Meaning {
    VillageName, VillageCode, Township, TownshipCode,
    Households, Population, PoorHouseholds, PoorPopulation, IncomePerCapita,
    ProjectName, ProjectType, Funds, BeneficiaryHouseholds, BeneficiaryPeople,
    Status, Year, Batch, Lon, Lat, Kind, Capacity,
};
inline constexpr std::size_t kMeaningCount = static_cast<std::size_t>(Meaning::Capacity) + 1;

// The meanings whose values are numbers (counts, people, money, capacity, year): typed and
// checked as numbers wherever they are read or entered.
inline constexpr std::array kNumericMeanings = {Meaning::Households,     Meaning::Population,      Meaning::PoorHouseholds,
                                                Meaning::PoorPopulation, Meaning::IncomePerCapita, Meaning::Funds,
                                                Meaning::BeneficiaryHouseholds, Meaning::BeneficiaryPeople, Meaning::Capacity,
                                                Meaning::Year};

// The contract's canonical field name: "village_name", "funds_yuan"...
std::string_view canonical_name(Meaning meaning);

struct FieldMatch {
    int field_index = -1;     // into the layer's fields
    std::string source_name;  // as the source spells it, UTF-8
    double scale = 1;         // multiply values by this: 10,000 for funds in 万元
};

class FieldMapping {
public:
    const std::optional<FieldMatch>& operator[](Meaning m) const { return m_matches[static_cast<std::size_t>(m)]; }
    std::optional<FieldMatch>& operator[](Meaning m) { return m_matches[static_cast<std::size_t>(m)]; }
    bool has(Meaning m) const { return (*this)[m].has_value(); }
    int index(Meaning m) const { return has(m) ? (*this)[m]->field_index : -1; }

private:
    std::array<std::optional<FieldMatch>, kMeaningCount> m_matches;
};

// Matches field names case-insensitively (and ignoring full-width forms and surrounding spaces)
// against each meaning's canonical name, then its aliases in the contract's order; the first
// match wins. A funds field named with 万元 or ending in _wan gets scale 10,000.
FieldMapping map_fields(const std::vector<std::string>& field_names);

// The meaning whose canonical_name() this is.
std::optional<Meaning> meaning_from_name(std::string_view canonical);

// The user's own choice of field for a meaning (viewer, project files): `field_name` empty unsets
// it; a funds field named in 万元 is scaled by 10,000. False (mapping unchanged) when the layer has
// no field of that name.
bool assign_field(FieldMapping& mapping, const std::vector<std::string>& field_names, Meaning meaning, std::string_view field_name);

// Canonical project type ("whole_village", "relocation"...; "other" for anything unknown).
std::string canonical_project_type(std::string_view value);
// Every canonical project type, in the order tables list them ("other" last).
const std::vector<std::string>& project_types();
// Canonical status: "planned", "in_progress", "finished", or the value as written (trimmed).
std::string canonical_status(std::string_view value);
// Canonical infrastructure kind ("ditch", "pipeline"...; empty when unknown).
std::string canonical_kind(std::string_view value);

// One of the two above, worked out once per spelling: a province has a million sites and a
// dozen ways of writing their types. One thread at a time.
class CanonicalSpellings {
public:
    explicit CanonicalSpellings(std::string (*canonical)(std::string_view)) : m_canonical(canonical) {}
    const std::string& operator()(const std::string& raw) {
        auto it = m_known.find(raw);
        if (it == m_known.end()) it = m_known.emplace(raw, m_canonical(raw)).first;
        return it->second;
    }

private:
    std::string (*m_canonical)(std::string_view);
    std::unordered_map<std::string, std::string> m_known;
};

}  // namespace ca::model
