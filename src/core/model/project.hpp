// Everything the user has open: layers, the working CRS, and the problems loading reported.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/model/layer.hpp"
#include "core/model/projection.hpp"

namespace ca::model {

// Non-fatal data problems, counted by kind with the first few kept verbatim (as a
// ProblemReporter in libosmium, or tippecanoe's "(additional not reported)").
class ProblemLog {
public:
    static constexpr std::size_t kKeptPerKind = 5;
    void report(const std::string& kind, std::string message);
    const std::map<std::string, std::size_t>& counts() const { return m_counts; }
    const std::vector<std::string>& kept() const { return m_kept; }
    bool empty() const { return m_counts.empty(); }

private:
    std::map<std::string, std::size_t> m_counts;
    std::vector<std::string> m_kept;
};

struct Project {
    std::vector<Layer> layers;
    std::shared_ptr<const Projection> working;  // chosen from the data's extent
    ProblemLog problems;

    Extent extent() const;  // lon/lat of every layer
    std::vector<const Layer*> layers_with(Role role) const;
};

}  // namespace ca::model
