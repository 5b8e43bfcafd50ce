// Which village each row of a new project sheet would be counted in, placed as the statistics
// place it (point, else township and village names), and for a row placed in none the village it
// most likely means: what `countyatlas import` shows before appending.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/model/layer.hpp"

namespace ca::cli {

struct RowVillage {
    bool matched = false;  // counted in a village (by its point or its names)
    std::string text;      // "village 马家营 (金碧镇)", or why not and the best candidate
};

class SheetVillages {
public:
    // `villages`: the village layers to match against (none: rows are not checked).
    SheetVillages(const model::Layer& sheet, const std::vector<const model::Layer*>& villages);
    ~SheetVillages();
    SheetVillages(const SheetVillages&) = delete;
    SheetVillages& operator=(const SheetVillages&) = delete;

    bool checked() const { return m_state != nullptr; }
    // Row `feature` of the sheet (an index into its features).
    RowVillage row(std::size_t feature) const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace ca::cli
