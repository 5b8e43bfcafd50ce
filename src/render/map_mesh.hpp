// A Scene turned into vertex arrays for the GPU: pure CPU work, so it can be done on a worker
// thread while the window stays responsive; MapRenderer only copies the arrays into buffers.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/scene/scene.hpp"

namespace ca::render {

struct FillVertex {
    float x, y;
    std::uint8_t r, g, b, a;
};
// One line segment, drawn as an instanced quad whose corners the vertex shader places: a sixth
// of the memory of six extruded vertices, which matters with 200,000 lines in a province.
struct LineSegment {
    float x0, y0, x1, y1;
    std::uint8_t r, g, b, a;
    float width_px, distance_m, dash_on, dash_off;  // distance along the line at the start, for dashes
};
struct MarkerVertex {
    float x, y;
    std::uint8_t r, g, b, a;
    float size_px, shape;  // shape: 0 circle, 1 square, 2 triangle; 4 more when hollow (planned)
};

// A run of one kind in paint order: fill vertices, line segments, or markers of the shared array.
struct Batch {
    enum class Kind { Fill, Stroke, Outline, Marker } kind;  // Outline: strokes around fills (village borders)
    std::int32_t first;
    std::int32_t count;
};

// One level of detail: outlines thinned by some distance (0 for none).
struct MeshLevel {
    std::vector<FillVertex> fills;
    std::vector<LineSegment> strokes;
    std::vector<Batch> batches;
};

struct MapMesh {
    std::shared_ptr<const scene::Scene> scene;  // kept to build the detailed level when first needed
    model::Vec2 origin_m;                       // subtracted before upload so floats keep centimetres
    double overview_m = 0;                      // vertices closer than this are merged in the overview
    double outline_spacing_m = 0;               // typical size of an outlined area (village), for level of detail
    std::vector<MarkerVertex> markers;
    MeshLevel overview;
};

// The overview level (about a pixel of the whole-data view) and the markers.
MapMesh build_mesh(std::shared_ptr<const scene::Scene> scene);
MeshLevel build_level(const scene::Scene& scene, model::Vec2 origin_m, double thin_m);

}  // namespace ca::render
