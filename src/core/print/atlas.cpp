// Atlas pages: scenes per township, tables of their figures and projects, PDF and PNG output.
#include "core/print/atlas.hpp"

#include "core/analysis/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <functional>

#include "core/analysis/dissolve.hpp"
#include "core/analysis/parallel.hpp"
#include "core/model/error.hpp"
#include "core/print/figure_scene.hpp"
#include "core/print/legend_text.hpp"
#include "core/scene/build.hpp"
#include "core/scene/townships.hpp"

namespace ca::print {
namespace {

namespace fs = std::filesystem;
constexpr double kPointsPerMm = 72.0 / 25.4;

std::string number(double v, int decimals = 0) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

SideTable township_figures(const analysis::RegionStats& t, model::Language lang) {
    const bool zh = lang == model::Language::Chinese;
    SideTable table{zh ? "主要指标" : "Key figures", {}, {}};
    auto add = [&](const char* zh_name, const char* en_name, const std::string& value) { table.rows.push_back({zh ? zh_name : en_name, value}); };
    add("指标", "Figure", zh ? "数值" : "Value");
    add("村数", "Villages", number(t.villages));
    add("人口", "Population", number(t.population));
    add("贫困人口", "Poor people", number(t.poor_population));
    add("贫困发生率", "Poverty rate", t.poverty_rate ? number(*t.poverty_rate * 100, 1) + "%" : "-");
    add("人均纯收入(元)", "Income (yuan)", t.income_per_capita ? number(*t.income_per_capita) : "-");
    add("贫困村 / 已覆盖", "Poor villages / covered", number(t.poor_villages) + " / " + number(t.covered_poor_villages));
    add("项目数", "Projects", number(t.sites));
    add("资金(万元)", "Funds (10k yuan)", number(t.funds_yuan / 10000, 1));
    for (const auto& [kind, km] : t.line_km_by_kind)
        if (km > 0) table.rows.push_back({model::display_name(kind, lang) + " km", number(km, 1)});
    add("坝塘水窖", "Ponds and cellars", number(t.ponds));
    if (t.terrain && t.terrain->has_data()) {  // with a DEM: the township's land, weighted by area
        auto figure = [&](const char* metric, double scale, int decimals, const char* suffix) {
            const auto value = analysis::metric_value(t, metric);
            table.rows.push_back({analysis::metric_label(metric, lang), value ? number(*value * scale, decimals) + suffix : "-"});
        };
        figure("elevation_mean_m", 1, 0, zh ? " 米" : " m");
        figure("slope_mean_deg", 1, 1, "°");
        figure("steep_share", 100, 1, "%");
        figure("high_altitude_share", 100, 1, "%");
    }
    return table;
}

// A township's project rows: those counted in it (as the statistics place and filter them, so
// the list agrees with 项目数), and apart those naming it that were counted nowhere, with why.
struct ProjectRows {
    std::vector<std::vector<std::string>> counted, uncounted;
};

ProjectRows projects_of(const model::Project& project, const analysis::Statistics& stats, const std::string& township, model::Language lang) {
    ProjectRows rows;
    const auto layers = project.layers_with(model::Role::Sites);
    const analysis::SitePlacement* placement = stats.placement.get();
    for (std::size_t l = 0; placement && l < layers.size() && l < placement->village_of_site.size(); ++l) {
        const model::Layer& layer = *layers[l];
        for (std::size_t i = 0; i < layer.features.size(); ++i) {
            const std::int64_t village = placement->village_of_site[l][i];
            if (village < 0 || stats.villages[static_cast<std::size_t>(village)].township != township) continue;
            const auto& f = layer.features[i];
            if (stats.options.include_site && !stats.options.include_site(layer, f)) continue;
            const auto funds = model::to_number(layer.value(f, model::Meaning::Funds));
            const double scale = layer.mapping.has(model::Meaning::Funds) ? layer.mapping[model::Meaning::Funds]->scale : 1;
            rows.counted.push_back({model::to_text(layer.value(f, model::Meaning::ProjectName)),
                                    model::display_name(model::canonical_project_type(model::to_text(layer.value(f, model::Meaning::ProjectType))), lang),
                                    model::to_text(layer.value(f, model::Meaning::Year)), funds ? number(*funds * scale / 10000, 1) : ""});
        }
    }
    for (const auto& u : stats.unmatched_sites)
        if (u.township == township) rows.uncounted.push_back({u.project_name.empty() ? "-" : u.project_name, u.reason});
    return rows;
}

constexpr double kContinuedText_mm = 3.2;

// Rows of the project list that fit beside the map under the figures table (`figure_rows` rows),
// at draw_table's 3 mm text in rows 1.55 high, above the frame texts.
std::size_t first_page_rows(double page_height_mm, std::size_t figure_rows) {
    constexpr double kRow_mm = 3.0 * 1.55, kTableHead_mm = 6 + 4;  // heading, and the gap after a table
    const double free_mm = page_height_mm - 2 * 12 - 6.5 - 3 - 10 - kTableHead_mm - figure_rows * kRow_mm;
    return static_cast<std::size_t>(std::max(4.0, std::floor(free_mm / kRow_mm) - 1));
}

// The project list in parts: the first beside the map (`first_rows` rows), the rest on pages of
// their own (`more_rows` each), headed 续表. Uncounted rows follow the counted ones as 未计入.
std::vector<std::vector<SideTable>> project_tables(const ProjectRows& rows, const std::string& township, std::size_t first_rows,
                                                   std::size_t more_rows, model::Language lang) {
    const bool zh = lang == model::Language::Chinese;
    const std::vector<std::string> head = zh ? std::vector<std::string>{"项目", "类型", "年度", "万元"}
                                             : std::vector<std::string>{"Project", "Type", "Year", "10k yuan"};
    const std::vector<std::string> head_out = zh ? std::vector<std::string>{"项目", "未计入原因"} : std::vector<std::string>{"Project", "Why not counted"};
    std::vector<std::vector<SideTable>> parts(1);
    std::size_t room = first_rows;
    auto table_for = [&](bool uncounted) -> SideTable& {
        auto& part = parts.back();
        const std::string heading = uncounted ? (zh ? "未计入（" + std::to_string(rows.uncounted.size()) + " 项）"
                                                    : "Not counted (" + std::to_string(rows.uncounted.size()) + ")")
                                              : (zh ? "项目清单（计入 " + std::to_string(rows.counted.size()) + " 项）"
                                                    : "Projects (" + std::to_string(rows.counted.size()) + " counted)");
        const std::string suffix = parts.size() > 1 ? (zh ? "（续表）" : " (continued)") : "";
        if (part.empty() || (part.back().rows.front() != (uncounted ? head_out : head))) {
            part.push_back({(parts.size() > 1 ? township + " " : "") + heading + suffix, {uncounted ? head_out : head}, {}});
            room = room > 2 ? room - 2 : 0;  // heading and column row
        }
        return part.back();
    };
    auto add = [&](const std::vector<std::string>& row, bool uncounted) {
        if (room == 0) {
            parts.emplace_back();
            room = more_rows;
        }
        table_for(uncounted).rows.push_back(row);
        --room;
    };
    if (rows.counted.empty()) table_for(false).rows.push_back({zh ? "（无）" : "(none)", "", "", ""});
    for (const auto& r : rows.counted) add(r, false);
    for (const auto& r : rows.uncounted) add(r, true);
    return parts;
}

// Each page is a function that draws on a context of a given size and scale.
struct Page {
    std::string file_stem;
    std::function<void(cairo_t*, double, double, double)> draw;
};

// The PDF first, alone unless PNGs were asked for: it is what offices print and send.
AtlasResult write_atlas(const std::string& folder, const std::vector<Page>& pages, const AtlasOptions& options) {
    AtlasResult result;
    const double w_pt = options.page.width_mm * kPointsPerMm, h_pt = options.page.height_mm * kPointsPerMm;
    result.pdf = (fs::path(folder) / "atlas.pdf").string();
    result.pages = pages.size();
    write_pdf(result.pdf, w_pt, h_pt, [&](cairo_t* cr) {
        for (const auto& page : pages) {
            page.draw(cr, w_pt, h_pt, kPointsPerMm);
            cairo_show_page(cr);
        }
    });
    if (options.png_dpi <= 0) return result;
    const double px_per_mm = options.png_dpi / 25.4;
    const int w_px = static_cast<int>(std::lround(options.page.width_mm * px_per_mm)), h_px = static_cast<int>(std::lround(options.page.height_mm * px_per_mm));
    for (std::size_t i = 0; i < pages.size(); ++i) {
        char prefix[24];
        std::snprintf(prefix, sizeof prefix, "%02zu-", i + 1);
        result.pngs.push_back((fs::path(folder) / (prefix + pages[i].file_stem + ".png")).string());
    }
    // Pages on every core, each drawn and encoded whole by one: a 300-dpi page is mostly encoding.
    analysis::for_each_index(pages.size(), analysis::worker_count(), [&](std::size_t i) {
        write_png_page(result.pngs[i], w_px, h_px, options.png_dpi, [&](cairo_t* cr) { pages[i].draw(cr, w_px, h_px, px_per_mm); });
    });
    return result;
}

// Every township's row under the column heads (units in them), then the 合计 row.
SideTable county_table(const analysis::Statistics& stats, model::Language lang) {
    const bool zh = lang == model::Language::Chinese;
    SideTable table{"", {}, {}};
    table.rows.push_back(zh ? std::vector<std::string>{"乡镇", "村数", "人口（人）", "贫困人口（人）", "贫困发生率", "人均纯收入（元）", "贫困村",
                                                       "已覆盖", "项目数", "资金（万元）"}
                            : std::vector<std::string>{"Township", "Villages", "Population", "Poor people", "Poverty rate", "Income (yuan)",
                                                       "Poor villages", "Covered", "Projects", "Funds (10k yuan)"});
    auto row = [&](const analysis::RegionStats& r, const std::string& name) {
        table.rows.push_back({name, number(r.villages), number(r.population), number(r.poor_population),
                              r.poverty_rate ? number(*r.poverty_rate * 100, 1) + "%" : "-",
                              r.income_per_capita ? number(*r.income_per_capita) : "-", number(r.poor_villages), number(r.covered_poor_villages),
                              number(r.sites), number(r.funds_yuan / 10000, 1)});
    };
    for (const auto& t : stats.townships) row(t, t.township);
    row(stats.total, zh ? "合计" : "Total");
    return table;
}

// What the figures count when --status or --year chose (the statistics follow the map's filter):
// "仅计入：计划、在建；2012—2013年" / "counting: planned, in progress; 2012-2013". Empty when all count.
std::string counting_note(const scene::SiteFilter& sites, bool zh) {
    // The canonical statuses in the order work goes through them, then any others as written.
    std::vector<std::string> ordered;
    for (const char* status : {"planned", "in_progress", "finished"})
        if (sites.statuses.count(status)) ordered.push_back(status);
    for (const auto& status : sites.statuses)
        if (std::find(ordered.begin(), ordered.end(), status) == ordered.end()) ordered.push_back(status);
    std::string statuses;
    for (const auto& status : ordered)
        statuses += (statuses.empty() ? "" : zh ? "、" : ", ") + model::display_name(status, zh ? model::Language::Chinese : model::Language::English);
    std::string years;
    if (sites.has_year_range()) {
        const std::string from = sites.from_year ? std::to_string(sites.from_year) : "", to = sites.to_year ? std::to_string(sites.to_year) : "";
        years = from == to ? from : from + (zh ? "—" : "-") + to;
        if (zh) years += "年";
    }
    if (statuses.empty() && years.empty()) return {};
    const std::string both = statuses + (!statuses.empty() && !years.empty() ? (zh ? "；" : "; ") : "") + years;
    return (zh ? "仅计入：" : "counting: ") + both;
}

}  // namespace

std::string safe_file_name(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (c < 0x20 || std::string("\\/:*?\"<>|").find(static_cast<char>(c)) != std::string::npos) out += '_';
        else out += static_cast<char>(c);
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();  // Windows drops these
    return out.empty() ? "_" : out;
}


namespace {

// The atlas's pages in order, with what their drawings need kept alive (in deques: the pages'
// drawings point into them while more are added).
class AtlasPages {
public:
    AtlasPages(const model::Project& project, const analysis::Statistics& stats, const scene::MapStyle& style, const std::string& title,
               const AtlasOptions& options)
        : m_project(project), m_stats(stats), m_style(style), m_title(title), m_options(options), m_zh(style.language == model::Language::Chinese) {
        // Dissolved once for every page (half a second a time at prefecture scale); each page's map
        // draws, and its legend lists, only what falls on it.
        if (!options.townships) m_dissolved = scene::dissolved_townships(project);
        m_county_options.page_extent_m = model::Extent{};  // the villages' own extent
        m_county_options.townships = options.townships ? options.townships : &m_dissolved;
    }

    std::vector<Page> build() {
        add_overview();
        add_statistics();
        for (const auto& t : m_stats.townships) add_township(t);
        return std::move(m_pages);
    }

private:
    Figure map_figure() const {
        Figure f;
        f.language = m_style.language;
        f.frame = m_options.frame;
        f.layout = m_options.layout;
        f.layout.map_mm.reset();
        f.map_threads = 1;  // PNG pages are drawn side by side, one per core
        f.dem = m_project.dem;
        f.working = m_project.working;
        return f;
    }
    std::string heading_of(const scene::Scene& s) const {
        std::size_t classes = 0;
        for (const auto& e : s.legend) classes += e.count >= 0;
        return m_style.choropleth ? legend_heading(*m_style.choropleth, classes, m_style.language) : std::string(m_zh ? "图例" : "Legend");
    }
    void add_map_page(const std::string& stem, scene::Scene scene, Figure figure) {
        const scene::Scene& kept_scene = m_scenes.emplace_back(std::move(scene));
        const Figure& kept_figure = m_figures.emplace_back(std::move(figure));
        m_pages.push_back({stem, [&kept_scene, &kept_figure](cairo_t* cr, double w, double h, double mm) { draw_page(cr, kept_scene, kept_figure, w, h, mm); }});
    }

    void add_overview() {
        Figure overview = map_figure();
        overview.title = m_title;
        overview.subtitle = m_zh ? "全县" : "County overview";
        if (const std::string note = counting_note(m_style.sites, m_zh); !note.empty()) overview.subtitle += " · " + note;
        scene::Scene county = scene::build(m_project, m_style, &m_stats, m_county_options);
        overview.legend_heading = heading_of(county);
        add_map_page("overview", std::move(county), std::move(overview));
        m_overview = &m_figures.back();
    }

    // The statistics table on as many pages as its rows need (a prefecture's hundreds of
    // townships), each after the first titled 续表 and named as a township's continued pages are.
    void add_statistics() {
        SideTable table = county_table(m_stats, m_style.language);
        table.heading = counting_note(m_style.sites, m_zh);  // the line under the title says what is counted
        const TableParts& statistics = m_tables.emplace_back(split_table(table, m_options.page, m_overview));
        const std::string title = m_zh ? "乡镇统计表" : "Township statistics";
        const std::string continued = title + (m_zh ? "（续表）" : " (continued)");
        for (std::size_t k = 0; k < statistics.parts.size(); ++k)
            m_pages.push_back({k == 0 ? "statistics" : "statistics" + std::string(m_zh ? "-续" : "-cont") + std::to_string(k),
                               [&statistics, overview = m_overview, k, heading = k == 0 ? title : continued](cairo_t* cr, double w, double h, double mm) {
                                   draw_tables_page(cr, heading, {statistics.parts[k]}, w, h, mm, overview, statistics.text_mm);
                               }});
    }

    // A township's map with its figures and projects beside it, the projects that do not fit on
    // continuation pages (续).
    void add_township(const analysis::RegionStats& t) {
        scene::MapStyle focused = m_style;
        focused.focus_township = t.township;
        Figure f = map_figure();
        f.title = m_title + " · " + t.township;
        f.extent_m = analysis::township_extent(m_project, m_stats, t.township);
        f.side_tables.push_back(township_figures(t, m_style.language));
        // Rows a continuation page holds (kContinuedText_mm text, rows 1.55 high; title and frame texts).
        const auto more_rows = static_cast<std::size_t>(std::max(8.0, (m_options.page.height_mm - 24 - 20) / (kContinuedText_mm * 1.55) - 2));
        auto parts = project_tables(projects_of(m_project, m_stats, t.township, m_style.language), t.township,
                                    first_page_rows(m_options.page.height_mm, f.side_tables.front().rows.size()), more_rows, m_style.language);
        for (auto& part : parts.front()) f.side_tables.push_back(std::move(part));
        // What the frame beside the tables shows around the township: its neighbours' edges too.
        scene::BuildOptions page_options = m_county_options;
        page_options.page_extent_m = frame_ground(*f.extent_m, m_options.page, f);
        scene::Scene scene = scene::build(m_project, focused, &m_stats, page_options);
        f.legend_heading = heading_of(scene);
        if (m_style.choropleth) f.legend_counts = township_class_counts(m_project, *m_style.choropleth, m_stats, t.township);
        const std::string stem = safe_file_name(t.township);
        add_map_page(stem, std::move(scene), std::move(f));
        for (std::size_t k = 1; k < parts.size(); ++k) {
            const auto& tables = m_continued.emplace_back(std::move(parts[k]));
            m_pages.push_back({stem + (m_zh ? "-续" : "-cont") + std::to_string(k),
                               [&tables, overview = m_overview, heading = m_title + " · " + t.township](cairo_t* cr, double w, double h, double mm) {
                                   draw_tables_page(cr, heading, tables, w, h, mm, overview, kContinuedText_mm);
                               }});
        }
    }

    const model::Project& m_project;
    const analysis::Statistics& m_stats;
    const scene::MapStyle& m_style;
    const std::string& m_title;
    const AtlasOptions& m_options;
    const bool m_zh;
    std::vector<scene::TownshipOutline> m_dissolved;
    scene::BuildOptions m_county_options;
    std::deque<scene::Scene> m_scenes;
    std::deque<Figure> m_figures;
    std::deque<TableParts> m_tables;
    std::deque<std::vector<SideTable>> m_continued;
    const Figure* m_overview = nullptr;
    std::vector<Page> m_pages;
};

}  // namespace

AtlasResult export_atlas(const std::string& folder, const model::Project& project, const analysis::Statistics& stats,
                         const scene::MapStyle& style, const std::string& title, const AtlasOptions& options) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec || !fs::is_directory(folder)) throw Error("cannot create the atlas folder: " + ec.message(), ErrorKind::CannotWrite).file(folder);
    AtlasPages atlas(project, stats, style, title, options);
    return write_atlas(folder, atlas.build(), options);
}

}  // namespace ca::print
