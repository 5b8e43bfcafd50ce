// The villages a project row most likely means when its names match none (a typo, a homophone
// written with other hanzi, the wrong township) or its point lies in another village than it
// names: the Problems tab's "best candidate villages", one click from assigning the row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/analysis/statistics.hpp"
#include "core/model/geometry.hpp"
#include "core/model/language.hpp"
#include "core/model/project.hpp"

namespace ca::analysis {

// One village as candidates are ranked against it: names as the villages layer writes them.
struct CandidateVillage {
    std::string township;
    std::string name;
    const model::Geometry* polygon = nullptr;  // lon/lat; null: ranked by name alone
};

// The villages of Statistics::villages, in its order (so candidate indices are its rows), with
// their polygons from the project's villages layers. The polygons are the project's: the project
// must outlive the index built from these.
std::vector<CandidateVillage> candidate_villages(const model::Project& project, const Statistics& stats);

// A project row as written: its township and village text, and its point when it has one.
struct CandidateQuery {
    std::string_view township;
    std::string_view village;
    std::optional<model::Vec2> lonlat;
};

struct VillageCandidate {
    std::size_t village = 0;  // index into the villages the index was built from
    std::string township, name;  // the candidate's, as the villages layer writes them
    double score = 0;         // 0..1, higher is likelier; only for ordering
    // What the score was made of, for a reason in any language.
    bool same_township = false;   // by township_key
    bool other_township = false;  // the row names a township, and it is not this one's
    // Edit distance over the hanzi of the village keys; none when the row names no village or
    // the names are not alike (a candidate for its distance alone).
    std::optional<int> characters_differing;
    bool sounds_same = false;     // same toneless pinyin, syllable by syllable (any reading)
    bool sounds_alike = false;    // alike once z/zh, c/ch, s/sh, n/l, -n/-ng are not told apart
    std::string pinyin;           // the candidate's name in toneless syllables: "ma li shu"
    std::optional<double> distance_m;  // from the row's point; 0 when it lies inside
    // "same township; name differs by one character", "sounds the same (ma li shu); 1.2 km away"
    std::string reason;
};

namespace candidate_detail {  // what the index keeps per village; not for callers
struct Letter {                         // one character of a name key
    std::uint32_t code_point = 0;
    std::vector<std::uint32_t> sounds;  // ids of its toneless readings
    std::vector<std::uint32_t> fuzzy;   // the same with dialect pairs folded
};
struct Entry {
    CandidateVillage village;
    std::string township_key;
    std::vector<Letter> name;
    std::string pinyin;    // "ma li shu"
    model::Extent extent;  // of the polygon; empty without one
};
}  // namespace candidate_detail

// Built once for the villages (names folded, pinyin looked up once), then asked for each row.
// Ranking: name similarity in hanzi and pinyin (after village_key folding), the same township
// (township_key), and with a point the distance to the village (0 inside it), weighed about as
// much as the name.
// A village is a candidate when its name is at least half alike, or when the row's point lies
// inside it or within kNearbyM of it. Querying is const and thread-safe.
class VillageCandidateIndex {
public:
    static constexpr double kNearbyM = 3000;

    explicit VillageCandidateIndex(std::vector<CandidateVillage> villages);

    // Up to `max_count` candidates, best first (ties by village index). None for a row with
    // neither a village name nor a point.
    std::vector<VillageCandidate> candidates(const CandidateQuery& row, std::size_t max_count = 5) const;

    std::size_t size() const { return m_villages.size(); }

private:
    std::vector<candidate_detail::Entry> m_villages;
    std::unordered_map<std::string, std::uint32_t> m_sound_ids;  // toneless syllables, and folded ones
};

// The reason in the user's language: "同乡镇；村名差一个字；相距 1.2 公里" (English: `reason`).
std::string describe(const VillageCandidate& candidate, model::Language language);

}  // namespace ca::analysis
