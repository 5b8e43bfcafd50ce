// Village boundaries mapped into a DEM's pixel grid.
#include "core/terrain/village_outlines.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/analysis/parallel.hpp"

namespace ca::terrain {
namespace {

VillageOutline outline_of(const model::Geometry& shape, const PixelMapper& mapper, int width, int height) {
    VillageOutline outline;
    model::Extent box;
    for (std::size_t r = 0; r < shape.ring_count(); ++r) {
        const auto ring = shape.ring(r);
        std::vector<model::Vec2> pixels(ring.begin(), ring.end());
        if (pixels.size() < 3) continue;
        if (pixels.front().x != pixels.back().x || pixels.front().y != pixels.back().y) pixels.push_back(pixels.front());
        mapper.to_pixels(pixels);
        if (std::ranges::any_of(pixels, [](model::Vec2 p) { return !std::isfinite(p.x) || !std::isfinite(p.y); })) return {};
        for (const auto& p : pixels) box.add(p);
        outline.rings.push_back(std::move(pixels));
    }
    if (box.empty()) return {};
    outline.first_col = std::max(0, static_cast<int>(std::floor(box.min_x)));
    outline.last_col = std::min(width - 1, static_cast<int>(std::floor(box.max_x)));
    outline.first_row = std::max(0, static_cast<int>(std::floor(box.min_y)));
    outline.last_row = std::min(height - 1, static_cast<int>(std::floor(box.max_y)));
    return outline;
}

}  // namespace

std::vector<const model::Geometry*> village_shapes(const model::Project& project) {
    std::vector<const model::Geometry*> shapes;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) shapes.push_back(&f.geometry);
    return shapes;
}

std::vector<VillageOutline> village_outlines(const std::vector<const model::Geometry*>& shapes, const DemPixels& dem) {
    std::vector<VillageOutline> outlines(shapes.size());
    analysis::parallel_for(shapes.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
        const PixelMapper mapper(dem.dem());  // one per thread: PROJ objects are not shared
        for (std::size_t i = begin; i < end; ++i) outlines[i] = outline_of(*shapes[i], mapper, dem.width(), dem.height());
    }, 512);
    return outlines;
}

}  // namespace ca::terrain
