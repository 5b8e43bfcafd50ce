// Loading Noto Sans CJK into ImGui with exactly the glyphs the loaded data and UI need.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "core/model/project.hpp"

namespace ca::app {

// The characters of `project`'s text, the UI strings and `more_text` (legend labels and the like)
// as ImGui glyph ranges: ImGui's "Chinese simplified common" range misses rarer characters of
// village names. Pure computation: a worker can gather them while the UI thread draws.
ImVector<ImWchar> glyph_ranges(const model::Project& project, const std::vector<std::string>& more_text);

// Rebuilds ImGui's font atlas with these glyphs; between frames, on the UI thread. ImGui keeps a
// pointer to the ranges, so the caller keeps `ranges` alive as long as the atlas.
void build_font_atlas(const ImVector<ImWchar>& ranges, float size_px);

// Whether the atlas has a glyph for every character of `text` (a title typed in a dialog may not).
bool font_has_all(const std::string& text);

}  // namespace ca::app
