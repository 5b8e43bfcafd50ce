// What a county map shows of its townships and where its data lies: township outlines dissolved
// from the villages when there is no township layer, and the villages' extent the map is fitted to.
#pragma once

#include <string>
#include <vector>

#include "core/model/project.hpp"

namespace ca::scene {

struct TownshipOutline {
    std::string name;         // as the villages spell it (the first spelling met)
    model::Geometry shape_m;  // in the working CRS
};

// One outline per township named by the villages (spellings that differ only in a trailing 镇 / 乡
// or full-width forms are one township), each the union of its villages, in the order townships
// first appear. Villages without a township name are left out. Costs a GEOS union per township:
// build() runs it only when the project has no township layer.
std::vector<TownshipOutline> dissolved_townships(const model::Project& project);

// The ground the map is about, in the working CRS: the villages' extent with a margin of 2 % of
// its longer side, so a project site typed 25 km outside the county does not shrink the county
// on the page. Without villages, every layer's extent. Empty when there is no data.
model::Extent data_extent_m(const model::Project& project);

// Whether a and b overlap (touching counts).
bool overlaps(const model::Extent& a, const model::Extent& b);
// Whether p lies in e (its border included).
bool contains(const model::Extent& e, model::Vec2 p);

}  // namespace ca::scene
