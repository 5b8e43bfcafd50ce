// Loading Noto Sans CJK into ImGui with exactly the glyphs the loaded data and UI need.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "core/model/project.hpp"

namespace ca::app {

// Rebuilds ImGui's font atlas from the text in `project` plus the UI strings. ImGui's "Chinese
// simplified common" range misses rarer characters of village names, so ranges come from the
// data itself, plus `more_text` (legend labels and the like). Call again when new data is loaded (before a frame starts). ImGui keeps a
// pointer to the ranges, so the caller owns `ranges` for as long as the atlas lives.
void build_font_atlas(const model::Project& project, const std::vector<std::string>& more_text, float size_px,
                      ImVector<ImWchar>& ranges);

}  // namespace ca::app
