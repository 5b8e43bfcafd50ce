// Finding villages and townships by Chinese name or pinyin, for the search box and --script.
#pragma once

#include <string_view>
#include <vector>

#include "ui/viewer_state.hpp"

namespace ca::ui {

// Townships first (few, and the bigger places), then villages, at most `limit` in all. The query matches a part of the name in
// hanzi, or its pinyin (whole syllables or initials, see model::PinyinKey).
std::vector<PlaceMatch> find_places(const ViewerState& state, std::string_view query, std::size_t limit);

// What choosing a match does: a village is selected; either is zoomed to.
void choose_place(const ViewerState& state, const PlaceMatch& match, Actions& actions);

}  // namespace ca::ui
