// `countyatlas export`: a map figure for a plan, as PNG, PDF or SVG.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <future>
#include <iostream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/count_options.hpp"
#include "cli/output_guard.hpp"
#include "cli/progress.hpp"
#include "cli/source_options.hpp"
#include "core/analysis/metrics.hpp"
#include "core/analysis/dissolve.hpp"
#include "core/model/error.hpp"
#include "core/terrain/zonal.hpp"
#include "core/print/atlas.hpp"
#include "core/print/export_figure.hpp"
#include "core/print/figure_scene.hpp"
#include "core/print/layout_file.hpp"
#include "core/workspace/project_file.hpp"
#include "core/scene/build.hpp"
#include "core/scene/townships.hpp"

namespace ca::cli {
namespace {

// --extent township:NAME or lon,lat,lon,lat; the ground extent in the working CRS.
model::Extent extent_of(const std::string& spec, const model::Project& project, const analysis::Statistics& stats) {
    model::Extent e;
    if (spec.rfind("township:", 0) == 0) {
        e = analysis::township_extent(project, stats, spec.substr(9));
        if (e.empty()) throw Error("--extent " + spec + ": no such township among the villages");
        return e;
    }
    double v[4];
    if (std::sscanf(spec.c_str(), "%lf,%lf,%lf,%lf", &v[0], &v[1], &v[2], &v[3]) != 4)
        throw Error("--extent takes township:NAME or MINLON,MINLAT,MAXLON,MAXLAT, not " + spec);
    std::vector<model::Vec2> corners = {{v[0], v[1]}, {v[2], v[1]}, {v[0], v[3]}, {v[2], v[3]}};
    project.working->forward(corners);
    for (const auto& c : corners) e.add(c);
    return e;
}

// An empty figure is no figure: say why there is nothing to draw instead of writing one.
void refuse_nothing_to_draw(const model::Project& project, const SourceOptions& sources) {
    for (const auto& layer : project.layers)
        if (!layer.features.empty()) return;
    std::vector<std::string> missing;
    for (const auto& problem : project.problems.all())
        if (problem.kind == "missing data file") missing.push_back(problem.message);
    const auto projects = sources.project_files();
    const std::string where = projects.size() == 1 && sources.sources().empty() ? projects.front() : "";
    if (missing.empty()) throw Error("nothing to draw: no layer has any features").file(where);
    throw Error("nothing to draw: every data file is missing (" + missing.front() +
                (missing.size() > 1 ? "; and " + std::to_string(missing.size() - 1) + " more" : "") + "); check the paths in the project file")
        .file(where);
}

// A number for the JSON line: null where it is not finite (an empty map has no scale).
std::string json_number(double value, const char* format) {
    if (!std::isfinite(value)) return "null";
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

std::string json_string(const std::string& text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The one line `export` prints: where the map, scale bar, legend (swatches and box), inset and
// labels landed on the page.
// A box on the page as [x0, y0, x1, y1] (top-left, bottom-right), or null.
std::string box_json(const std::optional<model::Extent>& box) {
    if (!box) return "null";
    return "[" + json_number(box->min_x, "%.2f") + ", " + json_number(box->min_y, "%.2f") + ", " + json_number(box->max_x, "%.2f") + ", " +
           json_number(box->max_y, "%.2f") + "]";
}

std::string report_json(const std::string& file, const print::PageReport& report) {
    std::string labels;
    for (const auto& b : report.label_boxes) labels += (labels.empty() ? "" : ", ") + box_json(b);
    std::string swatches;
    for (const auto& p : report.legend_swatches)
        swatches += (swatches.empty() ? "[" : ", [") + json_number(p.x, "%.2f") + ", " + json_number(p.y, "%.2f") + "]";
    return "{\"file\": " + json_string(file) + ", \"map\": {\"x\": " + json_number(report.map_x, "%.2f") +
           ", \"y\": " + json_number(report.map_y, "%.2f") + ", \"width\": " + json_number(report.map_width, "%.2f") +
           ", \"height\": " + json_number(report.map_height, "%.2f") + ", \"m_per_unit\": " + json_number(report.viewport.m_per_px, "%.6f") +
           ", \"centre_m\": [" + json_number(report.viewport.centre_m.x, "%.3f") + ", " + json_number(report.viewport.centre_m.y, "%.3f") +
           "]}, \"scale_bar\": {\"length_m\": " + json_number(report.scale_bar_length_m, "%.0f") +
           ", \"x\": " + json_number(report.scale_bar_x, "%.2f") + ", \"y\": " + json_number(report.scale_bar_y, "%.2f") +
           ", \"length\": " + json_number(report.scale_bar_length, "%.2f") + "}, \"legend_swatches\": [" + swatches +
           "], \"legend_box\": " + box_json(report.legend_box) + ", \"inset_box\": " + box_json(report.inset_box) +
           ", \"scale_bar_box\": " + box_json(report.scale_bar_box) + ", \"label_boxes\": [" + labels + "]}\n";
}

struct ExportCommand {
    SourceOptions sources;
    analysis::StatsOptions thresholds;
    SiteSelection selection;
    std::string out, page = "A4-landscape", title, subtitle, extent, choropleth, language, labels, atlas, layout;
    std::string hillshade;  // on, off or tint (over the project file's)
    std::string sun;        // AZIMUTH[,ALTITUDE] in degrees
    std::string review_number, compiled_by, map_date;
    std::vector<std::string> source_texts;
    double dpi = 300;
    double png_dpi = 0;
    double margin_mm = 12;
    bool ticks = false;
    bool by_township = false;
    bool highlight_uncovered = false;
    int plan_year = 0;

    // The frame texts: these options over the project file's `figure` block, the data files with
    // their dates, today, and the working CRS's name.
    print::FrameTexts frame_texts(const model::Project& project) const {
        workspace::FigureDefaults defaults;
        if (!sources.project_files().empty()) defaults = workspace::read_project_file(sources.project_files().front()).figure;
        print::FrameTexts t;
        t.review_number = review_number.empty() ? defaults.review_number : review_number;
        t.compiled_by = compiled_by.empty() ? defaults.compiled_by : compiled_by;
        t.sources = !source_texts.empty() ? source_texts : !defaults.sources.empty() ? defaults.sources : print::dated_sources(project);
        t.date = !map_date.empty() ? map_date : !defaults.date.empty() ? defaults.date : print::today_text();
        if (project.working) t.crs = project.working->name();
        return t;
    }

    void run() const {
        const print::PageSize size = checked_page();
        std::vector<std::string> inputs = input_files(sources);
        if (!layout.empty()) inputs.push_back(layout);
        if (atlas == "township") refuse_atlas_over_inputs(out, inputs);
        else refuse_output_over_inputs(out, inputs);
        scene::MapStyle style;  // a project file's style, else the defaults; options below override
        const model::Project project = sources.load(&style);
        refuse_nothing_to_draw(project, sources);
        // The map draws the sites that are counted: --status and --year over the project's filter.
        analysis::StatsOptions options = thresholds;
        style.sites = selection.apply(project, options, style.sites);
        apply_style_options(project, style);
        // An atlas's township outlines (0.3 s of CPU at prefecture scale) are dissolved on another
        // core while its statistics are counted; a figure's while its villages are projected.
        std::future<std::vector<scene::TownshipOutline>> dissolving;
        if (atlas == "township" && project.layers_with(model::Role::Townships).empty() && !project.layers_with(model::Role::Villages).empty())
            dissolving = std::async(std::launch::async, [&project] { return scene::dissolved_townships(project); });
        const auto stats = statistics_for_page(project, style, options);
        const auto townships = dissolving.valid() ? std::optional(dissolving.get()) : std::nullopt;
        const Progress progress;
        progress.stage("drawing the figure");
        if (atlas == "township") write_atlas(project, stats, style, size, townships ? &*townships : nullptr);
        else write_figure(project, stats, style, size, townships ? &*townships : nullptr);
    }

    print::PageSize checked_page() const {
        if (sources.empty()) throw Error("export needs data: files or a project file");
        if (out.empty()) throw Error("export needs --out FILE.png, .pdf or .svg");
        const auto size = print::page_size_from_string(page);
        if (!size) throw Error("--page " + page + " is not A4 or A3 (add -landscape or -portrait) or WIDTHxHEIGHTpx");
        if (!choropleth.empty() && choropleth != "lisa" && choropleth.rfind("field:", 0) != 0 && !analysis::is_metric(choropleth))
            throw Error("--choropleth " + choropleth + " is not a metric, lisa or field:NAME");
        return *size;
    }

    // --choropleth, --by-township, --language, --labels, --hillshade and --sun over the project file's style.
    void apply_style_options(const model::Project& project, scene::MapStyle& style) const {
        if (!language.empty()) style.language = language == "en" ? model::Language::English : model::Language::Chinese;
        if (choropleth.rfind("field:", 0) == 0) require_village_field(project, choropleth.substr(6));
        if (!choropleth.empty()) {
            style.choropleth.emplace();
            style.choropleth->metric = choropleth;
            style.choropleth->by_township = by_township;
        }
        style.outline_uncovered = style.outline_uncovered || highlight_uncovered || plan_year > 0;
        if (plan_year > 0) style.plan_year = plan_year;
        if (!labels.empty()) {
            style.labels = labels != "off";
            style.label_script = labels == "pinyin" ? scene::LabelScript::Pinyin : scene::LabelScript::Chinese;
        }
        if (!hillshade.empty()) style.terrain.visible = hillshade != "off", style.terrain.tint = hillshade == "tint";
        if (!sun.empty()) apply_sun(style.terrain);
    }

    // --sun 270 or --sun 270,30: the hillshade's sun, azimuth clockwise from north, altitude.
    void apply_sun(scene::TerrainStyle& terrain) const {
        double azimuth = NAN, altitude = terrain.altitude_deg;
        char rest = 0;
        const int read = std::sscanf(sun.c_str(), "%lf,%lf%c", &azimuth, &altitude, &rest);
        if (read < 1 || read > 2 || !(azimuth >= 0 && azimuth <= 360) || !(altitude >= 0 && altitude <= 90))
            throw Error("--sun " + sun + ": give the azimuth (0 to 360, clockwise from north) and optionally the altitude (0 to 90), e.g. --sun 315,45");
        terrain.azimuth_deg = static_cast<float>(azimuth);
        terrain.altitude_deg = static_cast<float>(altitude);
    }

    void require_village_field(const model::Project& project, const std::string& field) const {
        std::string fields;
        for (const auto* layer : project.layers_with(model::Role::Villages))
            for (const auto& name : layer->field_names) {
                if (name == field) return;
                fields += (fields.empty() ? "" : ", ") + name;
            }
        throw Error("--choropleth field:" + field + ": the villages have no field \"" + field + "\"; their fields: " + fields);
    }

    // Statistics only as the page needs them: none for a plain map; the village rows alone for a
    // choropleth of the villages' own figures or a township's extent; everything for an atlas,
    // whose tables count projects, and for metrics of sites, ponds or lines.
    analysis::Statistics statistics_for_page(const model::Project& project, const scene::MapStyle& style, analysis::StatsOptions options) const {
        const bool township_extent = extent.rfind("township:", 0) == 0;
        if ((!style.choropleth && atlas.empty() && !township_extent && !style.outline_uncovered) || project.layers_with(model::Role::Villages).empty())
            return {};
        const std::string metric = style.choropleth ? style.choropleth->metric : "";
        // Outlining uncovered villages needs the sites placed: which cover, which are planned.
        options.villages_only = atlas.empty() && !style.outline_uncovered &&
                                (metric.empty() || metric == "lisa" || metric.rfind("field:", 0) == 0 || analysis::from_village_fields(metric));
        // With a DEM, atlas pages list each township's terrain and the villages can be coloured by it.
        for (const auto& line : terrain::attach_terrain(project, options).summary()) std::cerr << "countyatlas: " << line << "\n";
        return analysis::compute_statistics(project, options);
    }

    void write_atlas(const model::Project& project, const analysis::Statistics& stats, const scene::MapStyle& style, const print::PageSize& size,
                     const std::vector<scene::TownshipOutline>* townships) const {
        print::AtlasOptions options{size, png_dpi, frame_texts(project), layout.empty() ? print::Layout{} : print::read_layout_file(layout), townships};
        const std::string atlas_title = !title.empty() ? title : style.language == model::Language::Chinese ? "扶贫项目图集" : "Project atlas";
        const auto result = print::export_atlas(out, project, stats, style, atlas_title, options);
        std::printf("{\"pdf\": %s, \"pages\": %zu, \"pngs\": %zu}\n", json_string(result.pdf).c_str(), result.pages, result.pngs.size());
    }

    void write_figure(const model::Project& project, const analysis::Statistics& stats, const scene::MapStyle& style, const print::PageSize& size,
                      const std::vector<scene::TownshipOutline>* townships) const {
        print::Figure figure;
        figure.language = style.language;
        figure.title = title.empty() ? (style.language == model::Language::Chinese ? "扶贫项目分布图" : "Poverty-alleviation projects") : title;
        figure.subtitle = subtitle;
        figure.margin_mm = std::max(margin_mm, ticks ? 14.0 : 0.0);  // room for the tick labels
        if (ticks) figure.ticks = project.working.get();
        if (!layout.empty()) figure.layout = print::read_layout_file(layout);
        figure.frame = frame_texts(project);
        if (!extent.empty()) figure.extent_m = extent_of(extent, project, stats);
        // Only what falls on the page is drawn and in the legend; the page is the villages' extent
        // unless --extent says otherwise (the viewer's export dialog builds its page the same way).
        scene::BuildOptions build_options;
        build_options.townships = townships;
        const scene::Scene scene = print::build_figure_scene(project, style, &stats, figure, build_options, size);
        const auto report = print::export_figure(out, scene, figure, {size, dpi});
        std::fputs(report_json(out, report).c_str(), stdout);
    }
};

}  // namespace

void register_export_command(CLI::App& root) {
    auto command = std::make_shared<ExportCommand>();
    CLI::App* e = root.add_subcommand("export", "A map figure for plans: PNG at a DPI, or vector PDF/SVG with Chinese text");
    command->sources.add_to(*e);
    e->add_option("-o,--out", command->out, "FILE.png, FILE.pdf or FILE.svg");
    e->add_option("--dpi", command->dpi, "PNG resolution (default 300)")->check(CLI::Range(36.0, 1200.0));
    e->add_option("--page", command->page, "A4 or A3, -portrait or -landscape (default A4-landscape), or WIDTHxHEIGHTpx");
    e->add_option("--margin", command->margin_mm, "Page margin in millimetres (default 12)")->check(CLI::Range(0.0, 100.0));
    e->add_flag("--ticks", command->ticks, "Longitude and latitude ticks on the map frame");
    e->add_option("--layout", command->layout, "JSON file placing the map, title, legend, scale bar, north arrow, inset (mm)");
    add_threshold_options(*e, command->thresholds);
    command->selection.add_to(*e);
    e->add_option("--png-dpi", command->png_dpi, "Atlas: also a PNG per page at this resolution (default: the PDF alone)")
        ->check(CLI::Range(36.0, 1200.0));
    e->add_option("--review-number", command->review_number, "Map review number (审图号) printed under the map");
    e->add_option("--compiled-by", command->compiled_by, "Compiling unit (编制单位) printed under the map");
    // One text per --sources, so the data files after it are not taken for sources.
    e->add_option("--sources", command->source_texts, "A data source printed under the map; repeat for more (default: the data files with their dates)")
        ->allow_extra_args(false);
    e->add_option("--map-date", command->map_date, "Date printed under the map (default: today)");
    e->add_option("--title", command->title, "Title above the map");
    e->add_option("--subtitle", command->subtitle, "Second line under the title");
    e->add_option("--extent", command->extent, "township:NAME, or MINLON,MINLAT,MAXLON,MAXLAT (default: all data)");
    e->add_option("--choropleth", command->choropleth, "Colour villages by a metric (poverty_rate, poor_per_km2, income_per_capita, lisa...) or field:NAME");
    e->add_flag("--by-township", command->by_township, "Classify townships, not villages, by the --choropleth metric");
    e->add_flag("--highlight-uncovered", command->highlight_uncovered,
                "Outline poor villages no existing project covers: dashed blue where planned projects reach them, solid red where the plan "
                "still misses them");
    e->add_option("--plan-year", command->plan_year, "The plan is this year's planned projects (implies --highlight-uncovered)")
        ->check(CLI::Range(1900, 2200));
    e->add_option("--language", command->language, "zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
    e->add_option("--hillshade", command->hillshade, "The DEM's hillshade under the map: on (default with --dem), off, or tint (with elevation colours)")
        ->check(CLI::IsMember({"on", "off", "tint"}));
    e->add_option("--sun", command->sun, "Hillshade sun: AZIMUTH[,ALTITUDE] in degrees, azimuth clockwise from north (default 315,45)");
    e->add_option("--labels", command->labels, "Place names in chinese (default), pinyin, or off")->check(CLI::IsMember({"chinese", "pinyin", "off"}));
    e->add_option("--atlas", command->atlas, "township: --out is a folder; a county page, the statistics table, a page per township")
        ->check(CLI::IsMember({"township"}));
    e->callback([command] { command->run(); });
}

}  // namespace ca::cli
