// The viewer's panels: each draws from state and records requests in Actions.
#pragma once

#include "ui/viewer_state.hpp"

namespace ca::ui {

inline constexpr int kSidePanelWidthPx = 290;
inline constexpr int kStatusBarHeightPx = 26;

void draw_side_panel(const ViewerState& state, Actions& actions);
void draw_status_bar(const ViewerState& state);

}  // namespace ca::ui
