// The working projected CRS, as an interface: core layers measure and draw in metres without
// knowing PROJ, which io implements it with.
#pragma once

#include <span>
#include <string>

#include "core/model/geometry.hpp"

namespace ca::model {

class Projection {
public:
    virtual ~Projection() = default;
    // Lon/lat degrees (CGCS2000) to easting/northing metres, in place.
    virtual void forward(std::span<Vec2> points) const = 0;
    // Easting/northing metres back to lon/lat degrees, in place.
    virtual void inverse(std::span<Vec2> points) const = 0;
    virtual std::string name() const = 0;  // "CGCS2000 / 3-degree Gauss-Kruger CM 102E"
    virtual int epsg() const = 0;
};

}  // namespace ca::model
