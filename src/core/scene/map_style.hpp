// What the user chose about the map's look: layer visibility, choropleth, site filters, labels.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/analysis/classification.hpp"
#include "core/model/language.hpp"
#include "core/scene/scene.hpp"

namespace ca::scene {

struct LayerStyle {
    bool visible = true;
    float opacity = 1.0f;  // 0..1, applied to fills, strokes and markers of the layer
    // The user's choices over the role's defaults; unset keeps the default.
    std::optional<std::array<std::uint8_t, 3>> fill_rgb;    // areas (no choropleth), markers
    std::optional<std::array<std::uint8_t, 3>> stroke_rgb;  // borders and lines
    std::optional<float> width_px;                          // borders and lines
    std::optional<float> symbol_px;                         // point markers
    std::optional<MarkerShape> symbol;                      // point markers: circle, square or triangle
};

// Villages coloured by a metric of the statistics (poverty rate, income...), by a numeric field of
// the villages layer, or by LISA class; or each township as a whole by its statistics.
struct Choropleth {
    std::string metric = "poverty_rate";  // a name of analysis::metric_names(), "lisa", or "field:NAME"
    analysis::ClassMethod method = analysis::ClassMethod::NaturalBreaks;
    int classes = 5;
    std::vector<double> manual_breaks;
    bool by_township = false;             // classes over township rows; villages take their township's colour
};

struct SiteFilter {
    std::set<std::string> hidden_types;  // canonical project types not drawn
    int up_to_year = 0;                  // draw projects of this year and before; 0 for all
    std::string status;                  // only this status; empty for all
    std::string batch;                   // only this batch; empty for all
    // The command line's --status and --year: canonical statuses (model::canonical_status) let
    // through, empty for all; a range of years, both ends included, 0 for an open end. Unlike
    // the viewer's year slider, a range leaves out sites without a year (a table for a report
    // must not count them in a year they may not belong to).
    std::set<std::string> statuses;
    int from_year = 0, to_year = 0;

    bool has_year_range() const { return from_year != 0 || to_year != 0; }
    bool lets_all_through() const {
        return hidden_types.empty() && up_to_year == 0 && status.empty() && batch.empty() && statuses.empty() && !has_year_range();
    }
};

// How township and village names are written on the map.
enum class LabelScript { Chinese, Pinyin };

// What project sites are coloured by (the legend follows).
enum class SiteColour { Type, Year, Status, Batch };

struct MapStyle {
    std::vector<LayerStyle> layers;  // by project layer index; missing entries use the defaults
    std::optional<Choropleth> choropleth;
    SiteFilter sites;
    SiteColour site_colour = SiteColour::Type;
    bool labels = true;
    LabelScript label_script = LabelScript::Chinese;
    model::Language language = model::Language::Chinese;
    // When set, villages of other townships are drawn grey and unlabelled (atlas pages).
    std::string focus_township;
    // Poor villages no existing project covers, outlined (needs statistics with their site
    // placement): dashed where planned sites reach them, solid red where the plan still misses
    // them. plan_year > 0: the plan is that year's planned sites (analysis::plan_reach).
    bool outline_uncovered = false;
    int plan_year = 0;
    TerrainStyle terrain;  // the DEM's hillshade, when the project has a DEM

    const LayerStyle& layer(std::size_t i) const {
        static const LayerStyle kDefault;
        return i < layers.size() ? layers[i] : kDefault;
    }
};

}  // namespace ca::scene
