// Fitting an extent into a viewport.
#include <algorithm>

#include "core/scene/scene.hpp"

namespace ca::scene {

Viewport Viewport::fit(const model::Extent& extent_m, int width_px, int height_px, double margin_px) {
    Viewport v;
    v.width_px = std::max(width_px, 1);
    v.height_px = std::max(height_px, 1);
    if (extent_m.empty()) return v;
    v.centre_m = extent_m.centre();
    const double usable_w = std::max(1.0, v.width_px - 2 * margin_px);
    const double usable_h = std::max(1.0, v.height_px - 2 * margin_px);
    v.m_per_px = std::max({extent_m.width() / usable_w, extent_m.height() / usable_h, 1e-6});
    return v;
}

}  // namespace ca::scene
