// Everything the user has open: layers, the working CRS, and what loading decided and met.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/dem.hpp"
#include "core/model/layer.hpp"
#include "core/model/problems.hpp"
#include "core/model/projection.hpp"

namespace ca::model {

struct Project {
    std::vector<Layer> layers;
    std::optional<Dem> dem;  // the terrain under the villages: role `dem`, one per project
    std::shared_ptr<const Projection> working;  // chosen from the data's extent
    ProblemLog problems;

    Extent extent() const;  // lon/lat of every layer
    std::vector<const Layer*> layers_with(Role role) const;
};

}  // namespace ca::model
