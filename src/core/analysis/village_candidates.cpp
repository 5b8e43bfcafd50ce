// Ranking villages for a row that names none: names compared in hanzi and in pinyin, townships by
// key, points by distance on the ellipsoid. Plain loops over short names: 500 rows against 1,500
// villages take milliseconds, so no index over the names is needed.
#include "core/analysis/village_candidates.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/analysis/measure.hpp"
#include "core/analysis/name_matching.hpp"
#include "core/model/pinyin.hpp"
#include "core/model/text.hpp"

namespace ca::analysis {
namespace {

using candidate_detail::Entry;
using candidate_detail::Letter;

// A syllable as Yunnan's speakers often say it: z/zh, c/ch, s/sh, n/l and the finals -n/-ng are
// not told apart, so 南 (nan) and 兰 (lan), 林 (lin) and 灵 (ling) are typed for each other.
std::string folded_sound(std::string s) {
    if (s.size() > 2 && s[1] == 'h' && (s[0] == 'z' || s[0] == 'c' || s[0] == 's')) s.erase(1, 1);
    if (!s.empty() && s[0] == 'n' && s != "ng") s[0] = 'l';
    if (s.size() > 2 && model::ends_with(s, "ng")) s.pop_back();
    return s;
}

// A name key's characters with the ids of their readings; `id_of` gives a syllable's id, or
// nothing for one no village has (it can match nothing and is left out).
template <class IdOf>
std::vector<Letter> letters_of(std::string_view key, std::string* pinyin, IdOf&& id_of) {
    std::vector<Letter> out;
    for (std::size_t i = 0; i < key.size();) {
        std::uint32_t cp = 0;
        std::size_t len = model::decode_utf8(key, i, cp);
        if (len == 0) len = 1, cp = static_cast<unsigned char>(key[i]);
        Letter letter{cp, {}, {}};
        const auto readings = model::han_readings(cp);
        for (std::string_view r : readings) {
            if (const auto id = id_of(std::string(r))) letter.sounds.push_back(*id);
            if (const auto id = id_of("~" + folded_sound(std::string(r)))) letter.fuzzy.push_back(*id);
        }
        if (pinyin) {
            if (!pinyin->empty()) *pinyin += ' ';
            *pinyin += readings.empty() ? std::string(key.substr(i, len)) : std::string(readings.front());
        }
        out.push_back(std::move(letter));
        i += len;
    }
    return out;
}

bool share(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    for (auto x : a)
        if (std::find(b.begin(), b.end(), x) != b.end()) return true;
    return false;
}

// What replacing one character by another costs: in hanzi 1 unless it is the same character; in
// sound 0 for a shared reading (any of a polyphone's), 0.5 for one alike, else 1.
double hanzi_cost(const Letter& a, const Letter& b) { return a.code_point == b.code_point ? 0 : 1; }
double sound_cost(const Letter& a, const Letter& b) {
    if (a.code_point == b.code_point || share(a.sounds, b.sounds)) return 0;
    return share(a.fuzzy, b.fuzzy) ? 0.5 : 1;
}

// Levenshtein distance over characters with the given substitution cost (insertions and
// deletions cost 1). `row` is scratch space, kept by the caller between calls.
template <class Cost>
double edit_distance(const std::vector<Letter>& a, const std::vector<Letter>& b, Cost&& cost, std::vector<double>& row) {
    row.resize(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<double>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        double diagonal = row[0];
        row[0] = static_cast<double>(i);
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const double replaced = diagonal + cost(a[i - 1], b[j - 1]);
            diagonal = row[j];
            row[j] = std::min({replaced, row[j] + 1, row[j - 1] + 1});
        }
    }
    return row[b.size()];
}

// Same length and every character alike by `alike`: the same pinyin, syllable by syllable.
template <class Alike>
bool same_by(const std::vector<Letter>& a, const std::vector<Letter>& b, Alike&& alike) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!alike(a[i], b[i])) return false;
    return true;
}

// Even-odd over every ring: a point inside a hole or between two parts is outside.
bool inside(const model::Geometry& polygon, model::Vec2 p) {
    bool in = false;
    for (std::size_t r = 0; r < polygon.ring_count(); ++r) {
        const auto ring = polygon.ring(r);
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
            if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
                p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) + ring[i].x)
                in = !in;
    }
    return in;
}

// Metres from the point to the polygon, 0 inside. The nearest point of the border is found in
// degrees with longitude scaled by cos(latitude) (true to well under 1 % at village scale), then
// measured on the ellipsoid.
double distance_m(const model::Geometry& polygon, model::Vec2 p) {
    if (polygon.empty() || inside(polygon, p)) return 0;
    const double kx = std::cos(p.y * 0.017453292519943295);
    double best = INFINITY;
    model::Vec2 nearest = polygon.coords.front();
    for (std::size_t r = 0; r < polygon.ring_count(); ++r) {
        const auto ring = polygon.ring(r);
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
            const double ax = (ring[i].x - p.x) * kx, ay = ring[i].y - p.y;
            const double bx = (ring[i + 1].x - p.x) * kx, by = ring[i + 1].y - p.y;
            const double dx = bx - ax, dy = by - ay, length2 = dx * dx + dy * dy;
            const double t = length2 > 0 ? std::clamp(-(ax * dx + ay * dy) / length2, 0.0, 1.0) : 0.0;
            const double x = ax + t * dx, y = ay + t * dy;
            if (x * x + y * y < best) best = x * x + y * y, nearest = {p.x + x / kx, p.y + y};
        }
    }
    return segment_length_m(p, nearest);
}

// The lower bound of the distance to an extent, in metres (a degree of latitude is over 110 km).
double extent_distance_m(const model::Extent& e, model::Vec2 p) {
    const double kx = std::cos(p.y * 0.017453292519943295);
    const double dx = std::max({e.min_x - p.x, 0.0, p.x - e.max_x}) * kx, dy = std::max({e.min_y - p.y, 0.0, p.y - e.max_y});
    return std::sqrt(dx * dx + dy * dy) * 110000;
}

std::string distance_text(double metres, model::Language language) {
    const bool zh = language == model::Language::Chinese;
    char text[64];
    if (metres < 1000) std::snprintf(text, sizeof text, zh ? "相距 %.0f 米" : "%.0f m away", std::round(metres / 10) * 10);
    else std::snprintf(text, sizeof text, zh ? "相距 %.1f 公里" : "%.1f km away", metres / 1000);
    return text;
}

// A row's names and point, folded once for all villages.
struct RowKeys {
    std::vector<Letter> name;
    std::string township;
    std::optional<model::Vec2> lonlat;
};

// Name similarity 0..1 (mostly by sound, so a homophone scores near an exact match, a little by
// hanzi, so the exact match still wins), with what it was made of put in `c`.
double name_similarity(const std::vector<Letter>& row, const std::vector<Letter>& village, VillageCandidate& c, std::vector<double>& scratch) {
    if (row.empty() || village.empty()) return 0;
    const double longest = static_cast<double>(std::max(row.size(), village.size()));
    const double hanzi = edit_distance(row, village, hanzi_cost, scratch);
    const double sound = edit_distance(row, village, sound_cost, scratch);
    const double similarity = 0.8 * (1 - sound / longest) + 0.2 * (1 - hanzi / longest);
    if (similarity < 0.5) return similarity;  // not alike: nothing said of the name
    c.characters_differing = static_cast<int>(hanzi);
    c.sounds_same = hanzi > 0 && same_by(row, village, [](const Letter& a, const Letter& b) { return sound_cost(a, b) == 0; });
    c.sounds_alike = hanzi > 0 && !c.sounds_same && same_by(row, village, [](const Letter& a, const Letter& b) { return sound_cost(a, b) < 1; });
    return similarity;
}

// The village as a candidate for the row, or nothing when neither its name nor its place is near.
std::optional<VillageCandidate> rank(const Entry& e, std::size_t index, const RowKeys& row, std::vector<double>& scratch) {
    VillageCandidate c;
    const double name = name_similarity(row.name, e.name, c, scratch);
    const bool by_name = c.characters_differing.has_value();
    const auto* polygon = e.village.polygon;
    if (row.lonlat && polygon && (by_name || extent_distance_m(e.extent, *row.lonlat) <= VillageCandidateIndex::kNearbyM))
        c.distance_m = distance_m(*polygon, *row.lonlat);
    if (!by_name && !(c.distance_m && *c.distance_m <= VillageCandidateIndex::kNearbyM)) return std::nullopt;
    c.village = index;
    c.township = e.village.township;
    c.name = e.village.name;
    c.pinyin = e.pinyin;
    c.same_township = !row.township.empty() && row.township == e.township_key;
    c.other_township = !row.township.empty() && !c.same_township;
    const double township = c.same_township ? 1 : 0;
    if (row.lonlat) {
        // Inside 1, 0.6 at a kilometre, 0.2 at 3 km: a point typed by hand is seldom further off.
        const double near = c.distance_m ? std::exp(-*c.distance_m / 2000) : 0;
        c.score = 0.4 * name + 0.15 * township + 0.45 * near;
    } else {
        c.score = 0.7 * name + 0.3 * township;
    }
    c.reason = describe(c, model::Language::English);
    return c;
}

}  // namespace

std::vector<CandidateVillage> candidate_villages(const model::Project& project, const Statistics& stats) {
    std::vector<CandidateVillage> out;
    out.reserve(stats.villages.size());
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) {
            if (out.size() == stats.villages.size()) return out;
            const auto& row = stats.villages[out.size()];
            out.push_back({row.township, row.village_name, &f.geometry});
        }
    return out;
}

VillageCandidateIndex::VillageCandidateIndex(std::vector<CandidateVillage> villages) {
    m_villages.reserve(villages.size());
    auto intern = [this](const std::string& syllable) -> std::optional<std::uint32_t> {
        return m_sound_ids.emplace(syllable, static_cast<std::uint32_t>(m_sound_ids.size())).first->second;
    };
    for (auto& v : villages) {
        Entry e;
        e.township_key = township_key(v.township);
        e.name = letters_of(village_key(v.name), &e.pinyin, intern);
        if (v.polygon) e.extent = v.polygon->extent();
        e.village = std::move(v);
        m_villages.push_back(std::move(e));
    }
}

std::vector<VillageCandidate> VillageCandidateIndex::candidates(const CandidateQuery& query, std::size_t max_count) const {
    RowKeys row;
    row.township = township_key(query.township);
    row.lonlat = query.lonlat;
    row.name = letters_of(village_key(query.village), nullptr, [this](const std::string& syllable) -> std::optional<std::uint32_t> {
        const auto it = m_sound_ids.find(syllable);
        return it == m_sound_ids.end() ? std::nullopt : std::optional(it->second);
    });
    if (row.name.empty() && !row.lonlat) return {};
    std::vector<VillageCandidate> found;
    std::vector<double> scratch;
    for (std::size_t i = 0; i < m_villages.size(); ++i)
        if (auto c = rank(m_villages[i], i, row, scratch)) found.push_back(std::move(*c));
    const auto better = [](const VillageCandidate& a, const VillageCandidate& b) { return a.score != b.score ? a.score > b.score : a.village < b.village; };
    const std::size_t kept = std::min(max_count, found.size());
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(), better);
    found.resize(kept);
    return found;
}

std::string describe(const VillageCandidate& c, model::Language language) {
    const bool zh = language == model::Language::Chinese;
    std::vector<std::string> parts;
    if (c.same_township) parts.push_back(zh ? "同乡镇" : "same township");
    else if (c.other_township) parts.push_back(zh ? "属" + c.township : "in township " + c.township);
    if (const auto d = c.characters_differing) {
        if (*d == 0) parts.push_back(zh ? "同名" : "same name");
        else if (c.sounds_same) parts.push_back(zh ? "读音相同（" + c.pinyin + "）" : "sounds the same (" + c.pinyin + ")");
        else if (*d == 1) parts.push_back(zh ? "村名差一个字" : "name differs by one character");
        else if (c.sounds_alike) parts.push_back(zh ? "读音相近（" + c.pinyin + "）" : "sounds alike (" + c.pinyin + ")");
        else parts.push_back(zh ? "村名差 " + std::to_string(*d) + " 个字" : "name differs by " + std::to_string(*d) + " characters");
    }
    if (c.distance_m) parts.push_back(*c.distance_m == 0 ? (zh ? "点位在本村内" : "the point lies inside it") : distance_text(*c.distance_m, language));
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : (zh ? "；" : "; ")) + part;
    return out;
}

}  // namespace ca::analysis
