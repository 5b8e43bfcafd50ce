// Scene building: one pass per role, in paint order, then labels and the legend.
#include "core/scene/build.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <future>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/analysis/autocorrelation.hpp"
#include "core/analysis/metrics.hpp"
#include "core/analysis/parallel.hpp"
#include "core/analysis/plan_reach.hpp"
#include "core/analysis/spatial_weights.hpp"
#include "core/analysis/triangulate.hpp"
#include "core/model/pinyin.hpp"
#include "core/model/text.hpp"
#include "core/scene/style.hpp"
#include "core/scene/townships.hpp"

namespace ca::scene {
namespace {

using model::Meaning;
using model::Role;

model::Geometry projected(const model::Project& project, const model::Geometry& lonlat, double thin_deg = 0) {
    model::Geometry g = thin_deg > 0 ? model::thinned(lonlat, thin_deg) : lonlat;
    if (g.empty()) g = lonlat;  // smaller than the thinning: kept whole, it is only a few points
    project.working->forward(g.coords);
    return g;
}

std::string text_of(const model::Layer& layer, const model::Feature& f, Meaning m) { return model::to_text(layer.value(f, m)); }

Color rgb(const std::array<std::uint8_t, 3>& c) { return {c[0], c[1], c[2], 255}; }

Color faded(Color c, float opacity) {
    c.a = static_cast<std::uint8_t>(std::lround(c.a * std::clamp(opacity, 0.0f, 1.0f)));
    return c;
}

std::string format_bound(double v, const std::string& metric) {
    char buffer[32];
    if (const auto* m = analysis::find_metric(metric); m && m->share) std::snprintf(buffer, sizeof buffer, "%.0f%%", v * 100);
    else if (std::abs(v) < 10 && v != std::round(v)) std::snprintf(buffer, sizeof buffer, "%.2g", v);  // small densities, fields
    else std::snprintf(buffer, sizeof buffer, "%.0f", v);
    return buffer;
}

// Per village (in the order of the villages layers): its choropleth colour, and legend entries.
std::vector<Color> choropleth_colors(const model::Project& project, const Choropleth& c, const analysis::Statistics& stats,
                                     const std::vector<analysis::LisaClass>* lisa, Scene& scene) {
    std::vector<Color> colors(stats.villages.size(), Color{230, 230, 230, 255});
    scene.legend_title = c.metric;
    if (c.metric == "lisa") {
        const auto computed = lisa ? std::vector<analysis::LisaClass>{} : lisa_classes(project, stats);
        const auto& classes = lisa ? *lisa : computed;
        std::map<std::string, int> counts;
        for (std::size_t i = 0; i < classes.size() && i < colors.size(); ++i) {
            const std::string cls(analysis::to_string(classes[i]));
            colors[i] = style::lisa_color(cls);
            ++counts[cls];
        }
        for (const char* cls : {"HH", "LL", "HL", "LH", "ns"})
            scene.legend.push_back({cls, style::lisa_color(cls), LegendEntry::Kind::Area, counts[cls]});
        return colors;
    }
    // The classified units: villages, or townships (each village then takes its township's class).
    std::vector<double> values;
    std::vector<std::size_t> unit_of_village(stats.villages.size());
    const std::string field = c.metric.rfind("field:", 0) == 0 ? c.metric.substr(6) : std::string();
    if (!field.empty()) {
        scene.legend_title = field;
        for (const auto* layer : project.layers_with(Role::Villages)) {
            const auto column = std::find(layer->field_names.begin(), layer->field_names.end(), field);
            for (const auto& f : layer->features)
                values.push_back(column == layer->field_names.end()
                                     ? NAN
                                     : model::to_number(f.values[static_cast<std::size_t>(column - layer->field_names.begin())]).value_or(NAN));
        }
        for (std::size_t i = 0; i < unit_of_village.size(); ++i) unit_of_village[i] = i;
    } else if (c.by_township) {
        std::map<std::string, std::size_t> row_of;
        for (const auto& t : stats.townships) {
            row_of[t.township] = values.size();
            values.push_back(analysis::metric_value(t, c.metric).value_or(NAN));
        }
        for (std::size_t i = 0; i < unit_of_village.size(); ++i) unit_of_village[i] = row_of.at(stats.villages[i].township);
    } else {
        for (const auto& v : stats.villages) values.push_back(analysis::metric_value(v, c.metric).value_or(NAN));
        for (std::size_t i = 0; i < unit_of_village.size(); ++i) unit_of_village[i] = i;
    }
    const auto bounds = analysis::class_bounds(values, c.method, c.classes, c.manual_breaks);
    const std::size_t classes = bounds.size() < 2 ? 0 : bounds.size() - 1;
    // Income: low is poor, so its ramp runs the other way and poverty is always the dark end.
    const bool reversed = analysis::lower_is_poorer(c.metric);
    std::vector<int> counts(classes, 0);  // units per class, as the legend reports them
    for (const double value : values)
        if (const int k = analysis::class_of(value, bounds); k >= 0) ++counts[static_cast<std::size_t>(k)];
    for (std::size_t i = 0; i < colors.size(); ++i) {
        const int k = analysis::class_of(values[unit_of_village[i]], bounds);
        if (k >= 0) colors[i] = style::sequential(reversed ? classes - 1 - static_cast<std::size_t>(k) : static_cast<std::size_t>(k), classes);
    }
    for (std::size_t k = 0; k < classes; ++k)
        scene.legend.push_back({format_bound(bounds[k], c.metric) + " – " + format_bound(bounds[k + 1], c.metric),
                                style::sequential(reversed ? classes - 1 - k : k, classes), LegendEntry::Kind::Area, counts[k]});
    return colors;
}

bool site_shown(const SiteFilter& filter, const model::Layer& layer, const model::Feature& f, const std::string& type) {
    if (filter.hidden_types.count(type)) return false;
    if (filter.up_to_year > 0 || filter.has_year_range()) {
        const auto year = model::to_number(layer.value(f, Meaning::Year));
        if (year && filter.up_to_year > 0 && *year > filter.up_to_year) return false;
        if (filter.has_year_range() && (!year || (filter.from_year && *year < filter.from_year) || (filter.to_year && *year > filter.to_year)))
            return false;
    }
    if (!filter.statuses.empty() && !filter.statuses.count(model::canonical_status(text_of(layer, f, Meaning::Status)))) return false;
    if (!filter.batch.empty() && model::normalize_text(text_of(layer, f, Meaning::Batch)) != filter.batch) return false;
    return filter.status.empty() || model::normalize_text(text_of(layer, f, Meaning::Status)) == filter.status;
}

// The value a site is coloured by, and its colour: types and categories from the Okabe-Ito set,
// years along the sequential ramp from the first year to the last.
struct SiteColours {
    SiteColour by;
    std::vector<std::string> categories;  // sorted: status or batch values, or years as text
    std::string key(const model::Layer& layer, const model::Feature& f) const {
        switch (by) {
            case SiteColour::Type: return model::canonical_project_type(text_of(layer, f, Meaning::ProjectType));
            case SiteColour::Year: return text_of(layer, f, Meaning::Year);
            case SiteColour::Status: return model::normalize_text(text_of(layer, f, Meaning::Status));
            case SiteColour::Batch: return model::normalize_text(text_of(layer, f, Meaning::Batch));
        }
        return {};
    }
    Color color(const std::string& key) const {
        if (by == SiteColour::Type) return style::project_type_color(key);
        const auto it = std::lower_bound(categories.begin(), categories.end(), key);
        const std::size_t i = static_cast<std::size_t>(it - categories.begin());
        if (by == SiteColour::Year) return style::sequential(i, categories.size());
        const auto& types = model::project_types();  // their colours, for any other categories
        return style::project_type_color(types[i % types.size()]);
    }
};

}  // namespace

VillagePalette::VillagePalette(const model::Project& project) {
    std::set<std::string> names;
    for (const auto* layer : project.layers_with(Role::Villages))
        for (const auto& f : layer->features) names.insert(text_of(*layer, f, Meaning::Township));
    m_townships.assign(names.begin(), names.end());
}

Color VillagePalette::color(const model::Layer& villages, const model::Feature& village) const {
    const std::string township = text_of(villages, village, Meaning::Township);
    const auto it = std::lower_bound(m_townships.begin(), m_townships.end(), township);
    return style::area_tint(static_cast<std::size_t>(it - m_townships.begin()));
}

bool site_passes(const SiteFilter& filter, const model::Layer& layer, const model::Feature& site, model::CanonicalSpellings& project_types) {
    return site_shown(filter, layer, site, project_types(text_of(layer, site, Meaning::ProjectType)));
}

std::vector<analysis::LisaClass> lisa_classes(const model::Project& project, const analysis::Statistics& stats) {
    std::vector<const model::Geometry*> shapes;
    std::vector<double> values;
    for (const auto* layer : project.layers_with(Role::Villages))
        for (const auto& f : layer->features) shapes.push_back(&f.geometry);
    for (const auto& v : stats.villages) values.push_back(v.poverty_rate.value_or(0));
    const analysis::GeosContext geos;
    std::vector<analysis::LisaClass> classes;
    for (const auto& local : analysis::local_moran(values, analysis::queen_neighbours(geos, shapes), {})) classes.push_back(local.cluster);
    return classes;
}

namespace {

// What every pass of build() reads, and the legend entries they find on the page.
struct Pass {
    const model::Project& project;
    const MapStyle& style;
    const BuildOptions& options;
    Scene& scene;
    std::optional<model::Extent> page_m;  // set: only what falls in it is drawn and listed
    std::map<std::string, LegendEntry> lines, works;  // by canonical kind, as last drawn
    std::map<std::string, LegendEntry> sites;         // by colour key
    // What the map marks beyond its features: planned sites drawn hollow, uncovered poor
    // villages outlined by whether the plan reaches them; by key, which sorts them as listed.
    std::map<std::string, LegendEntry> plan;
    // Items name their legend entry by a code while the legend is gathered (group and key), turned
    // into the entry's index once it is ordered.
    std::map<std::pair<int, std::string>, int> codes;
    std::vector<std::optional<std::size_t>> village_fill;  // per village row: its Fill's index in Scene::items

    int code(int group, const std::string& key) { return codes.emplace(std::pair{group, key}, static_cast<int>(codes.size())).first->second; }

    const LayerStyle& layer_style(const model::Layer* layer) const {
        return style.layer(static_cast<std::size_t>(layer - project.layers.data()));
    }
    std::string label_text(const std::string& name) const {
        return style.label_script == LabelScript::Pinyin ? model::place_name_pinyin(name) : name;
    }
    bool on_page(model::Vec2 p) const { return !page_m || contains(*page_m, p); }
    bool on_page(const model::Extent& e) const { return !page_m || overlaps(*page_m, e); }
};

// Villages: fills, then their borders, and their names.
void add_villages(Pass& pass, const analysis::Statistics* stats) {
    // Plain references, not a structured binding: clang 14 (the sanitizer and fuzz build) cannot
    // capture structured bindings in lambdas.
    const model::Project& project = pass.project;
    const MapStyle& style = pass.style;
    const BuildOptions& options = pass.options;
    Scene& scene = pass.scene;
    std::vector<Color> choropleth;
    if (style.choropleth && stats) choropleth = choropleth_colors(project, *style.choropleth, *stats, options.lisa, scene);
    const VillagePalette palette(project);
    std::size_t village_index = 0;
    for (const auto* layer : project.layers_with(Role::Villages)) {
        const LayerStyle& ls = pass.layer_style(layer);
        std::vector<Stroke> borders;  // after all fills, so neighbours' fills never cover a border
        // Projection, colours and label points are the costly part at province scale: on every core.
        struct Prepared {
            model::Geometry shape;
            Color fill;
            std::optional<Label> label;
        };
        std::vector<Prepared> prepared(ls.visible ? layer->features.size() : 0);
        analysis::parallel_for(prepared.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t k = begin; k < end; ++k) {
                const auto& f = layer->features[k];
                const std::size_t i = village_index + k;
                const bool outside_focus = !style.focus_township.empty() && text_of(*layer, f, Meaning::Township) != style.focus_township;
                Prepared& p = prepared[k];
                p.fill = outside_focus             ? Color{228, 228, 228, 255}
                         : i < choropleth.size()   ? choropleth[i]
                         : ls.fill_rgb             ? rgb(*ls.fill_rgb)
                                                   : palette.color(*layer, f);
                p.shape = projected(project, f.geometry, options.preview_thin_deg);
                if (style.labels && !outside_focus && f.geometry.type == model::GeometryType::Polygon)
                    p.label = Label{pass.label_text(text_of(*layer, f, Meaning::VillageName)), analysis::label_point(p.shape), 14, 1, {60, 60, 60, 255}};
            }
        }, 2048);
        const Color border = faded(ls.stroke_rgb ? rgb(*ls.stroke_rgb) : style::kVillageBorder, ls.opacity);
        for (auto& p : prepared) {
            if (p.label) scene.labels.push_back(std::move(*p.label));
            pass.village_fill.push_back(scene.items.size());
            borders.push_back(Stroke{{}, border, ls.width_px.value_or(style::kVillageBorderPx), {}, scene.items.size()});
            scene.items.push_back(Fill{std::move(p.shape), faded(p.fill, ls.opacity)});
        }
        pass.village_fill.resize(village_index + layer->features.size());  // a hidden layer's villages have no fill
        village_index += layer->features.size();
        for (auto& border : borders) scene.items.push_back(std::move(border));
    }
}

// Whether the map shows township borders dissolved from the villages: there is no township layer,
// the villages are shown, and this is no quick preview (whose thinned borders no longer tile: the
// full build follows it).
bool shows_dissolved_townships(const Pass& pass) {
    if (!pass.project.layers_with(Role::Townships).empty() || pass.options.preview_thin_deg > 0) return false;
    const auto villages = pass.project.layers_with(Role::Villages);
    return std::any_of(villages.begin(), villages.end(), [&](const model::Layer* l) { return pass.layer_style(l).visible; });
}

// Township borders above the village borders, and township names, placed before village names:
// from the township layer, else the caller's dissolved outlines, else those `dissolving`.
void add_townships(Pass& pass, std::future<std::vector<TownshipOutline>>& dissolving) {
    const model::Project& project = pass.project;
    const MapStyle& style = pass.style;
    Scene& scene = pass.scene;
    auto add = [&](std::string name, model::Geometry shape, const LayerStyle& ls) {
        if (shape.empty()) return;
        if (style.labels) scene.labels.push_back({pass.label_text(name), analysis::label_point(shape), style::kTownshipLabelPx, 0, style::kTownshipLabel});
        scene.items.push_back(Stroke{std::move(shape), faded(ls.stroke_rgb ? rgb(*ls.stroke_rgb) : style::kTownshipBorder, ls.opacity),
                                     ls.width_px.value_or(style::kTownshipBorderPx), {}, std::nullopt});
    };
    const auto township_layers = project.layers_with(Role::Townships);
    for (const auto* layer : township_layers) {
        const LayerStyle& ls = pass.layer_style(layer);
        if (!ls.visible) continue;
        for (const auto& f : layer->features) add(text_of(*layer, f, Meaning::Township), projected(project, f.geometry), ls);
    }
    const LayerStyle defaults;  // dissolved townships have no layer of their own to style
    if (pass.options.townships && shows_dissolved_townships(pass))
        for (const auto& township : *pass.options.townships) add(township.name, township.shape_m, defaults);
    if (dissolving.valid())
        for (auto& township : dissolving.get()) add(std::move(township.name), std::move(township.shape_m), defaults);
}

// Uncovered poor villages outlined above every border, on a white casing: dashed where the plan
// reaches them, solid red where it still misses them.
void add_uncovered(Pass& pass, const analysis::Statistics* stats) {
    if (!pass.style.outline_uncovered || !stats) return;
    const auto year = pass.style.plan_year > 0 ? std::optional(pass.style.plan_year) : std::nullopt;
    std::vector<Stroke> outlines;  // after every casing, so no casing covers a neighbour's outline
    for (const auto& village : analysis::plan_reach(pass.project, *stats, year)) {
        if (village.village >= pass.village_fill.size() || !pass.village_fill[village.village]) continue;
        const std::size_t fill = *pass.village_fill[village.village];
        if (!pass.on_page(std::get<Fill>(pass.scene.items[fill]).shape_m.extent())) continue;
        const char* key = village.reached() ? "reached_by_plan" : "still_missed";
        const Color color = village.reached() ? style::kReachedByPlan : style::kStillMissed;
        // A white casing under it: red on the poverty ramp's dark reds would otherwise vanish.
        pass.scene.items.push_back(Stroke{{}, Color{255, 255, 255, 255}, style::kUncoveredOutlinePx + 2.4f, {}, fill, -1});
        Stroke s{{}, color, style::kUncoveredOutlinePx, {}, fill, pass.code(3, key)};
        if (village.reached()) s.dash_px.assign(std::begin(style::kReachedDash), std::end(style::kReachedDash));
        pass.plan[key] = {key, color, LegendEntry::Kind::Line, -1, false, village.reached()};
        outlines.push_back(std::move(s));
    }
    // Dashed last: on an edge shared by a reached and a missed village both stay visible.
    std::stable_partition(outlines.begin(), outlines.end(), [](const Stroke& s) { return s.dash_px.empty(); });
    for (auto& s : outlines) pass.scene.items.push_back(std::move(s));
}

void add_lines(Pass& pass) {
    model::CanonicalSpellings canonical_kinds(model::canonical_kind);
    for (const auto* layer : pass.project.layers_with(Role::Lines)) {
        const LayerStyle& ls = pass.layer_style(layer);
        if (!ls.visible) continue;
        std::vector<model::Geometry> shapes(layer->features.size());
        analysis::parallel_for(shapes.size(), [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t k = begin; k < end; ++k) shapes[k] = projected(pass.project, layer->features[k].geometry, pass.options.preview_thin_deg);
        }, 2048);
        for (std::size_t k = 0; k < shapes.size(); ++k) {
            if (shapes[k].empty() || !pass.on_page(shapes[k].extent())) continue;
            const std::string& kind = canonical_kinds(text_of(*layer, layer->features[k], Meaning::Kind));
            Stroke s = style::line_style(kind);
            if (ls.stroke_rgb) s.color = rgb(*ls.stroke_rgb);
            if (ls.width_px) s.width_px = *ls.width_px;
            pass.lines[kind] = {kind, s.color, LegendEntry::Kind::Line};
            s.legend = pass.code(0, kind);
            s.color = faded(s.color, ls.opacity);
            s.shape_m = std::move(shapes[k]);
            pass.scene.items.push_back(std::move(s));
        }
    }
}

// Point works (ponds, cellars, wells...); polygon ponds are drawn as a symbol at their centre.
void add_works(Pass& pass) {
    for (const auto* layer : pass.project.layers_with(Role::Ponds)) {
        const LayerStyle& ls = pass.layer_style(layer);
        if (!ls.visible) continue;
        for (const auto& f : layer->features) {
            if (f.geometry.empty()) continue;
            const model::Geometry g = projected(pass.project, f.geometry);
            const model::Vec2 position = f.geometry.type == model::GeometryType::Point ? g.coords.front() : g.extent().centre();
            if (!pass.on_page(position)) continue;
            std::string kind = model::canonical_kind(text_of(*layer, f, Meaning::Kind));
            if (kind.empty()) kind = "pond";
            Marker m = style::pond_marker(kind);
            if (ls.fill_rgb) m.color = rgb(*ls.fill_rgb);
            if (ls.symbol_px) m.size_px = *ls.symbol_px;
            if (ls.symbol) m.shape = *ls.symbol;
            pass.works[kind] = {kind, m.color, style::legend_kind(m.shape)};
            m.legend = pass.code(1, kind);
            m.color = faded(m.color, ls.opacity);
            m.position_m = position;
            pass.scene.items.push_back(m);
        }
    }
}

// Project sites, coloured by type, year, status or batch through the filter.
void add_sites(Pass& pass) {
    const model::Project& project = pass.project;
    const MapStyle& style = pass.style;
    Scene& scene = pass.scene;
    SiteColours site_colours{style.site_colour, {}};
    if (style.site_colour != SiteColour::Type) {
        std::set<std::string> values;
        for (const auto* layer : project.layers_with(Role::Sites))
            for (const auto& f : layer->features) values.insert(site_colours.key(*layer, f));
        site_colours.categories.assign(values.begin(), values.end());
    }
    // A province has a million sites: their type spellings are few, so each is made canonical and
    // coloured once, and their positions are projected in one call per layer.
    model::CanonicalSpellings project_type(model::canonical_project_type), status(model::canonical_status);
    bool hollow_drawn = false;
    for (const auto* layer : project.layers_with(Role::Sites)) {
        const LayerStyle& ls = pass.layer_style(layer);
        if (!ls.visible) continue;
        std::vector<std::string> keys;  // the colour keys met in this layer
        std::unordered_map<std::string, std::size_t> key_index;
        std::vector<model::Vec2> positions;
        std::vector<std::size_t> key_of;
        std::vector<char> planned;  // per position: drawn hollow
        for (const auto& f : layer->features) {
            if (f.geometry.empty()) continue;  // placed by name in statistics, not drawn
            const std::string& type = project_type(text_of(*layer, f, Meaning::ProjectType));
            if (!site_shown(style.sites, *layer, f, type)) continue;
            const std::string key = style.site_colour == SiteColour::Type ? type : site_colours.key(*layer, f);
            const auto [it, added] = key_index.emplace(key, keys.size());
            if (added) keys.push_back(key);
            const char is_planned = status(text_of(*layer, f, Meaning::Status)) == "planned";
            for (const auto& p : f.geometry.coords) positions.push_back(p), key_of.push_back(it->second), planned.push_back(is_planned);
        }
        project.working->forward(positions);
        std::vector<Color> colours;
        for (const auto& key : keys) colours.push_back(ls.fill_rgb ? rgb(*ls.fill_rgb) : site_colours.color(key));
        const MarkerShape shape = ls.symbol.value_or(MarkerShape::Circle);
        std::vector<bool> drawn(keys.size(), false);
        std::vector<int> legend_code(keys.size());
        for (std::size_t k = 0; k < keys.size(); ++k) legend_code[k] = pass.code(2, keys[k]);
        for (std::size_t i = 0; i < positions.size(); ++i) {
            if (!pass.on_page(positions[i])) continue;  // far outside: reported by statistics, not drawn
            drawn[key_of[i]] = true;
            hollow_drawn = hollow_drawn || planned[i];
            scene.items.push_back(
                Marker{positions[i], faded(colours[key_of[i]], ls.opacity), ls.symbol_px.value_or(7.0f), shape, legend_code[key_of[i]], planned[i] != 0});
        }
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (drawn[k]) pass.sites[keys[k]] = {keys[k].empty() ? "-" : keys[k], colours[k], style::legend_kind(shape)};
    }
    // One row says what hollow means, whatever the colours say (type, year, status or batch).
    if (hollow_drawn) pass.plan["planned_hollow"] = {"planned_hollow", style::kPlanSymbol, LegendEntry::Kind::Point, -1, true};
}

// Legend rows for what is drawn (on the page, when there is one): lines, works, then sites, each
// by key; the items' codes become indexes of their rows.
void order_legend(Pass& pass) {
    std::vector<int> index_of_code(pass.codes.size(), -1);
    int group = 0;
    for (auto* entries : {&pass.lines, &pass.works, &pass.sites, &pass.plan}) {
        for (auto& [key, entry] : *entries) {
            if (const auto it = pass.codes.find({group, key}); it != pass.codes.end())
                index_of_code[static_cast<std::size_t>(it->second)] = static_cast<int>(pass.scene.legend.size());
            pass.scene.legend.push_back(std::move(entry));
        }
        ++group;
    }
    for (auto& item : pass.scene.items) {
        int* legend = std::holds_alternative<Stroke>(item) ? &std::get<Stroke>(item).legend
                      : std::holds_alternative<Marker>(item) ? &std::get<Marker>(item).legend
                                                             : nullptr;
        if (legend && *legend >= 0) *legend = index_of_code[static_cast<std::size_t>(*legend)];
    }
}

}  // namespace

Scene build(const model::Project& project, const MapStyle& style, const analysis::Statistics* stats, const BuildOptions& options) {
    Scene scene;
    if (!project.working) return scene;
    std::size_t features = 0;
    for (const auto& layer : project.layers) features += layer.features.size();
    scene.items.reserve(features + features / 8);  // villages add a border each: grown at most once
    scene.extent_m = data_extent_m(project);
    scene.terrain_style = style.terrain;
    Pass pass{project, style, options, scene, std::nullopt, {}, {}, {}, {}, {}, {}};
    if (options.page_extent_m) pass.page_m = options.page_extent_m->empty() ? scene.extent_m : *options.page_extent_m;
    // Dissolved on another core while the villages are projected (a prefecture's take 0.3 s of CPU).
    std::future<std::vector<TownshipOutline>> dissolving;
    if (!options.townships && shows_dissolved_townships(pass)) dissolving = std::async(std::launch::async, [&project] { return dissolved_townships(project); });
    add_villages(pass, stats);
    add_townships(pass, dissolving);
    add_uncovered(pass, stats);
    add_lines(pass);
    add_works(pass);
    add_sites(pass);
    order_legend(pass);
    return scene;
}

}  // namespace ca::scene
