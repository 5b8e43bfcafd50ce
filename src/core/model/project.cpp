// Project-wide queries.
#include "core/model/project.hpp"

namespace ca::model {

Extent Project::extent() const {
    Extent e;
    for (const Layer& layer : layers) e.merge(layer.extent());
    return e;
}

std::vector<const Layer*> Project::layers_with(Role role) const {
    std::vector<const Layer*> result;
    for (const Layer& layer : layers)
        if (layer.role == role) result.push_back(&layer);
    return result;
}

}  // namespace ca::model
