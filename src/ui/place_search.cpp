#include "ui/place_search.hpp"

#include "core/analysis/dissolve.hpp"
#include "core/model/text.hpp"

namespace ca::ui {

std::vector<PlaceMatch> find_places(const ViewerState& state, std::string_view query_text, std::size_t limit) {
    const std::string query = model::normalize_text(query_text);
    std::vector<PlaceMatch> found;
    if (query.empty()) return found;
    const auto& pinyin = state.summary;
    for (std::size_t i = 0; i < state.stats().townships.size() && found.size() < limit; ++i)
        if (state.stats().townships[i].township.find(query) != std::string::npos ||
            (i < pinyin.township_pinyin.size() && pinyin.township_pinyin[i].matches(query)))
            found.push_back({true, i});
    for (std::size_t i = 0; i < state.stats().villages.size() && found.size() < limit; ++i) {
        const auto& v = state.stats().villages[i];
        if (v.village_name.find(query) != std::string::npos || v.township.find(query) != std::string::npos ||
            (i < pinyin.village_pinyin.size() && pinyin.village_pinyin[i].matches(query)))
            found.push_back({false, i});
    }
    return found;
}

void choose_place(const ViewerState& state, const PlaceMatch& match, Actions& actions) {
    if (match.township) {
        actions.zoom_to_m = analysis::township_extent(state.project(), state.stats(), state.stats().townships[match.index].township);
    } else {
        actions.select_village = match.index;
        actions.zoom_to_m = state.villages().shapes_m[match.index].extent();
    }
}

}  // namespace ca::ui
