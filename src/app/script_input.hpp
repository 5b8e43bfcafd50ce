// The lines of viewer scripts that are a hand on the mouse and keyboard, played into the real
// tools (the Edit mode's click, drag, keys, the form):
//   click LON LAT | drag LON LAT LON LAT | key delete|enter|escape|ctrl+z|ctrl+y|ctrl+shift+z|ctrl+s
//   form FIELD VALUE...   (typed into the open new feature form)
#pragma once

#include <string>
#include <vector>

#include "app/script.hpp"
#include "ui/viewer_state.hpp"

namespace ca::app {

// The frames of input a click, drag or key line plays (the map points placed as the map shows them
// now); a form line types into the form and plays none. Throws ca::Error saying why it cannot.
std::vector<InputFrame> play_hand(ui::ViewerState& state, const std::vector<std::string>& words);

}  // namespace ca::app
