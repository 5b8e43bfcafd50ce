// Builds the Scene for a Project: styles per role, choropleth, filters, labels, legend.
#pragma once

#include <optional>

#include "core/analysis/autocorrelation.hpp"
#include "core/analysis/statistics.hpp"
#include "core/model/fields.hpp"
#include "core/model/project.hpp"
#include "core/scene/map_style.hpp"
#include "core/scene/scene.hpp"
#include "core/scene/townships.hpp"

namespace ca::scene {

// Villages tinted by township (or coloured by the choropleth, which needs `stats`), township
// borders and names (dissolved from the villages when there is no township layer), lines by kind,
// point works, sites by project type through the filter, and labels, all projected to the working
// CRS; Scene::extent_m is the villages' extent (data_extent_m). Runs when data or style change,
// not per frame.
struct BuildOptions {
    // > 0: outlines and lines thinned to that many degrees before they are projected, for a quick
    // first map of a province, to be replaced by the full one.
    double preview_thin_deg = 0;
    // The villages' LISA classes when the caller keeps them (see lisa_classes): a LISA choropleth
    // then costs no permutations per restyle.
    const std::vector<analysis::LisaClass>* lisa = nullptr;
    // Set: the page's ground extent in the working CRS (an empty extent: the data's own,
    // Scene::extent_m). Only lines, works and sites that fall in it are drawn, and the legend lists
    // only what is drawn. Unset (the viewer, which pans anywhere): everything.
    std::optional<model::Extent> page_extent_m;
    // dissolved_townships(project) when the caller keeps it (the viewer per data version, an
    // atlas for its pages): a prefecture's dissolve costs half a second. Computed when needed otherwise.
    const std::vector<TownshipOutline>* townships = nullptr;
};
Scene build(const model::Project& project, const MapStyle& style = {}, const analysis::Statistics* stats = nullptr,
            const BuildOptions& options = {});

// Whether the project filter lets this site through (its type, year, status and batch);
// `project_types` makes the site's type canonical.
bool site_passes(const SiteFilter& filter, const model::Layer& layer, const model::Feature& site, model::CanonicalSpellings& project_types);

// Local Moran's I classes of the villages' poverty rates over queen contiguity (999 permutations),
// in the order of Statistics::villages: the "lisa" choropleth.
std::vector<analysis::LisaClass> lisa_classes(const model::Project& project, const analysis::Statistics& stats);

// The fill colours build() gives villages without a choropleth: tinted by their township's place
// among the project's township names in sorted order, so a township keeps its tint whatever order
// files come in.
class VillagePalette {
public:
    explicit VillagePalette(const model::Project& project);
    Color color(const model::Layer& villages, const model::Feature& village) const;

private:
    std::vector<std::string> m_townships;  // sorted
};

}  // namespace ca::scene
