// Atlas pages: scenes per township, tables of their figures and projects, PDF and PNG output.
#include "core/print/atlas.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>

#include "core/analysis/dissolve.hpp"
#include "core/analysis/village_index.hpp"
#include "core/model/error.hpp"
#include "core/scene/build.hpp"

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
    SideTable table{zh ? "主要指标" : "Key figures", {}};
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
    return table;
}

// The township of each site: where its point lies, else the township its row names.
std::vector<std::vector<std::string>> projects_of(const model::Project& project, const analysis::Statistics& stats,
                                                  const analysis::VillageIndex& index, const std::string& township, model::Language lang) {
    std::vector<std::vector<std::string>> rows;
    for (const auto* layer : project.layers_with(model::Role::Sites))
        for (const auto& f : layer->features) {
            std::string where = model::to_text(layer->value(f, model::Meaning::Township));
            if (!f.geometry.empty()) {
                const auto v = index.locate(f.geometry.coords.front());
                where = v ? stats.villages[*v].township : "";
            }
            if (where != township) continue;
            const auto funds = model::to_number(layer->value(f, model::Meaning::Funds));
            const double scale = layer->mapping.has(model::Meaning::Funds) ? layer->mapping[model::Meaning::Funds]->scale : 1;
            rows.push_back({model::to_text(layer->value(f, model::Meaning::ProjectName)),
                            model::display_name(model::canonical_project_type(model::to_text(layer->value(f, model::Meaning::ProjectType))), lang),
                            model::to_text(layer->value(f, model::Meaning::Year)), funds ? number(*funds * scale / 10000, 1) : ""});
        }
    return rows;
}

SideTable county_table(const analysis::Statistics& stats, model::Language lang) {
    const bool zh = lang == model::Language::Chinese;
    SideTable table{"", {}};
    table.rows.push_back(zh ? std::vector<std::string>{"乡镇", "村数", "人口", "贫困人口", "贫困发生率", "人均纯收入", "贫困村", "已覆盖", "项目", "资金(万元)"}
                            : std::vector<std::string>{"Township", "Villages", "Population", "Poor", "Poverty rate", "Income", "Poor villages",
                                                       "Covered", "Projects", "Funds (10k)"});
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

AtlasResult export_atlas(const std::string& folder, const model::Project& project, const analysis::Statistics& stats,
                         const scene::MapStyle& style, const std::string& title, const ExportOptions& options) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec || !fs::is_directory(folder)) throw Error("cannot create the atlas folder: " + ec.message()).file(folder);
    const model::Language lang = style.language;
    const bool zh = lang == model::Language::Chinese;
    const double w_pt = options.page.width_mm * kPointsPerMm, h_pt = options.page.height_mm * kPointsPerMm;

    std::vector<const model::Geometry*> shapes;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) shapes.push_back(&f.geometry);
    const analysis::VillageIndex index(shapes);

    // Each page is a function that draws on a context of a given size and scale.
    struct Page {
        std::string file_stem;
        std::function<void(cairo_t*, double, double, double)> draw;
    };
    std::vector<Page> pages;
    const scene::Scene county = scene::build(project, style, &stats);
    Figure overview;
    overview.title = title;
    overview.subtitle = zh ? "全县" : "County overview";
    overview.language = lang;
    pages.push_back({"overview", [&](cairo_t* cr, double w, double h, double mm) { draw_page(cr, county, overview, w, h, mm); }});
    const SideTable table = county_table(stats, lang);
    const std::string table_title = zh ? "乡镇统计表" : "Township statistics";
    pages.push_back({"statistics", [&](cairo_t* cr, double w, double h, double mm) { draw_table_page(cr, table_title, table, w, h, mm); }});

    std::vector<scene::Scene> township_scenes;  // kept alive for the pages' lambdas
    std::vector<Figure> township_figures_list;
    township_scenes.reserve(stats.townships.size());
    township_figures_list.reserve(stats.townships.size());
    for (const auto& t : stats.townships) {
        scene::MapStyle focused = style;
        focused.focus_township = t.township;
        township_scenes.push_back(scene::build(project, focused, &stats));
        Figure f;
        f.title = title + " · " + t.township;
        f.language = lang;
        f.extent_m = analysis::township_extent(project, stats, t.township);
        f.side_tables.push_back(township_figures(t, lang));
        auto projects = projects_of(project, stats, index, t.township, lang);
        constexpr std::size_t kListed = 22;
        SideTable list{zh ? "项目清单" : "Projects", {}};
        list.rows.push_back(zh ? std::vector<std::string>{"项目", "类型", "年度", "万元"} : std::vector<std::string>{"Project", "Type", "Year", "10k yuan"});
        for (std::size_t i = 0; i < projects.size() && i < kListed; ++i) list.rows.push_back(projects[i]);
        if (projects.size() > kListed)
            list.rows.push_back({(zh ? "另有 " : "and ") + std::to_string(projects.size() - kListed) + (zh ? " 个项目" : " more"), "", "", ""});
        f.side_tables.push_back(list);
        township_figures_list.push_back(std::move(f));
    }
    for (std::size_t i = 0; i < stats.townships.size(); ++i)
        pages.push_back({safe_file_name(stats.townships[i].township), [&, i](cairo_t* cr, double w, double h, double mm) {
                             draw_page(cr, township_scenes[i], township_figures_list[i], w, h, mm);
                         }});

    AtlasResult result;
    result.pdf = (fs::path(folder) / "atlas.pdf").string();
    write_pdf(result.pdf, w_pt, h_pt, [&](cairo_t* cr) {
        for (const auto& page : pages) {
            page.draw(cr, w_pt, h_pt, kPointsPerMm);
            cairo_show_page(cr);
        }
    });
    const double px_per_mm = options.dpi / 25.4;
    const int w_px = static_cast<int>(std::lround(options.page.width_mm * px_per_mm)), h_px = static_cast<int>(std::lround(options.page.height_mm * px_per_mm));
    for (std::size_t i = 0; i < pages.size(); ++i) {
        char prefix[24];
        std::snprintf(prefix, sizeof prefix, "%02zu-", i + 1);
        const std::string path = (fs::path(folder) / (prefix + pages[i].file_stem + ".png")).string();
        write_png_page(path, w_px, h_px, options.dpi, [&](cairo_t* cr) { pages[i].draw(cr, w_px, h_px, px_per_mm); });
        result.pngs.push_back(path);
    }
    return result;
}

}  // namespace ca::print
