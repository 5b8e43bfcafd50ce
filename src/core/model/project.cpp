// Project-wide queries and the problem log.
#include "core/model/project.hpp"

namespace ca::model {

void ProblemLog::report(const std::string& kind, std::string message) {
    if (++m_counts[kind] <= kKeptPerKind) m_kept.push_back(std::move(message));
}

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
