// Statistics rows turned into the report workbook's sheets: which columns, in which unit, which
// rows bold, what the notes say. The formatting itself is io::write_report_workbook's.
#include "core/print/stats_report.hpp"

#include "core/analysis/metrics.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <functional>
#include <set>

namespace ca::print {
namespace {

using analysis::RegionStats;
using io::CellFormat;
using model::Language;
using model::Value;

constexpr double kYuanPerWan = 10000;  // the office reports money in 万元

struct Column {
    std::string zh, en;
    CellFormat format;
    std::function<Value(const RegionStats&)> value;
};

Value optional_number(const std::optional<double>& x) { return x ? Value(*x) : Value(); }
Value count(int n) { return Value(std::int64_t{n}); }

// The numeric columns, after the name columns: only the project types and line kinds the
// county has, so a table of ditches shows no empty road column.
std::vector<Column> value_columns(const analysis::Statistics& stats) {
    std::vector<Column> c = {
            {"村数", "Villages", CellFormat::Integer, [](const RegionStats& r) { return count(r.villages); }},
            {"户数", "Households", CellFormat::Integer, [](const RegionStats& r) { return Value(r.households); }},
            {"人口", "Population", CellFormat::Integer, [](const RegionStats& r) { return Value(r.population); }},
            {"贫困户数", "Poor households", CellFormat::Integer, [](const RegionStats& r) { return Value(r.poor_households); }},
            {"贫困人口", "Poor population", CellFormat::Integer, [](const RegionStats& r) { return Value(r.poor_population); }},
            {"贫困发生率", "Poverty rate", CellFormat::Percent1, [](const RegionStats& r) { return optional_number(r.poverty_rate); }},
            {"人均纯收入（元）", "Income per capita (yuan)", CellFormat::Integer,
             [](const RegionStats& r) { return optional_number(r.income_per_capita); }},
            {"贫困村", "Poor villages", CellFormat::Integer, [](const RegionStats& r) { return count(r.poor_villages); }},
            {"已覆盖贫困村", "Covered poor villages", CellFormat::Integer, [](const RegionStats& r) { return count(r.covered_poor_villages); }},
            {"覆盖率", "Coverage", CellFormat::Percent1, [](const RegionStats& r) { return optional_number(r.coverage); }},
            {"项目数", "Projects", CellFormat::Integer, [](const RegionStats& r) { return count(r.sites); }},
    };
    // Sites known only by their township: why a township counts more projects than its villages.
    if (stats.total.sites_township_only > 0)
        c.push_back({"仅知乡镇", "Township only", CellFormat::Integer, [](const RegionStats& r) { return count(r.sites_township_only); }});
    for (const auto& type : model::project_types()) {
        const auto it = stats.total.sites_by_type.find(type);
        if (it == stats.total.sites_by_type.end() || it->second == 0) continue;
        c.push_back({model::display_name(type, Language::Chinese), model::display_name(type, Language::English), CellFormat::Integer,
                     [type](const RegionStats& r) { return count(r.sites_by_type.count(type) ? r.sites_by_type.at(type) : 0); }});
    }
    c.push_back({"资金（万元）", "Funds (10,000 yuan)", CellFormat::Decimal2, [](const RegionStats& r) { return Value(r.funds_yuan / kYuanPerWan); }});
    c.push_back({"受益户数", "Beneficiary households", CellFormat::Integer, [](const RegionStats& r) { return Value(r.beneficiary_households); }});
    c.push_back({"受益人数", "Beneficiary people", CellFormat::Integer, [](const RegionStats& r) { return Value(r.beneficiary_people); }});
    c.push_back({"贫困人口人均资金（元）", "Funds per poor person (yuan)", CellFormat::Integer,
                 [](const RegionStats& r) { return optional_number(r.funds_per_poor_person); }});
    for (const auto& [kind, km] : stats.total.line_km_by_kind)
        c.push_back({model::display_name(kind, Language::Chinese) + "（公里）", model::display_name(kind, Language::English) + " (km)",
                     CellFormat::Decimal1, [kind = kind](const RegionStats& r) { return Value(r.line_km_by_kind.count(kind) ? r.line_km_by_kind.at(kind) : 0.0); }});
    c.push_back({"塘窖井（个）", "Ponds, cellars, wells", CellFormat::Integer, [](const RegionStats& r) { return count(r.ponds); }});
    c.push_back({"蓄水量（立方米）", "Storage (m³)", CellFormat::Integer, [](const RegionStats& r) { return Value(r.pond_capacity_m3); }});
    if (stats.total.terrain) {  // with a DEM: weighted by area in township and total rows
        auto terrain = [](const char* metric) { return [metric](const RegionStats& r) { return optional_number(analysis::metric_value(r, metric)); }; };
        c.push_back({"平均海拔（米）", "Mean elevation (m)", CellFormat::Integer, terrain("elevation_mean_m")});
        c.push_back({"平均坡度（度）", "Mean slope (°)", CellFormat::Decimal1, terrain("slope_mean_deg")});
        c.push_back({"25°以上坡地占比", "Land steeper than 25°", CellFormat::Percent1, terrain("steep_share")});
        c.push_back({"高海拔面积占比", "Land above the high altitude", CellFormat::Percent1, terrain("high_altitude_share")});
    }
    return c;
}

std::string pick(Language language, const std::string& zh, const std::string& en) { return language == Language::Chinese ? zh : en; }

using model::file_name;

// The day a file was last changed, in local time ("2026-11-29"); empty when it cannot be read.
std::string modified_date(const std::string& path) {
    std::error_code ec;
    const auto written = std::filesystem::last_write_time(path, ec);
    if (ec) return {};
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::file_clock::to_sys(written));
    std::tm local{};
    if (!localtime_r(&t, &local)) return {};
    char date[16];
    std::strftime(date, sizeof date, "%Y-%m-%d", &local);
    return date;
}

// "村界.shp（2026-11-29）、项目.xlsx（2026-11-28）": each source once, in the project's order.
std::string sources_line(const model::Project& project, Language language) {
    std::set<std::string> seen;
    std::string line;
    for (const auto& layer : project.layers) {
        if (layer.source_path.empty() || !seen.insert(layer.source_path).second) continue;
        const std::string date = modified_date(layer.source_path);
        if (!line.empty()) line += pick(language, "、", "; ");
        line += file_name(layer.source_path) + (date.empty() ? "" : pick(language, "（" + date + "）", " (" + date + ")"));
    }
    return line;
}

// "2,300", "30.0": as the table's own cells show numbers.
std::string format_number(double x, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, x);
    std::string grouped = text;
    const std::size_t digits_start = grouped[0] == '-' ? 1 : 0;
    for (auto at = std::min(grouped.find('.'), grouped.size()); at > digits_start + 3; at -= 3) grouped.insert(at - 3, ",");
    return grouped;
}

std::vector<std::string> notes(const model::Project& project, const analysis::Statistics& stats, StatsLevel level, Language language) {
    const auto& o = stats.options;
    const std::string line_yuan = format_number(o.poverty_line_yuan, 0), rate = format_number(o.poor_rate_threshold * 100, 1);
    std::vector<std::string> n;
    n.push_back(pick(language, "说明：", "Notes:"));
    n.push_back(pick(language, "1. 贫困线：人均纯收入 " + line_yuan + " 元；贫困发生率达 " + rate + "% 或人均纯收入低于贫困线的村计为贫困村。",
                     "1. Poverty line: " + line_yuan + " yuan net income per person; a village is poor when its poverty rate is " + rate +
                             "% or more or its income is below the line."));
    n.push_back(pick(language, "2. 贫困发生率 = 贫困人口 ÷ 人口；覆盖率 = 已覆盖贫困村 ÷ 贫困村；资金单位万元，收入和人均资金单位元。",
                     "2. Poverty rate = poor population / population; coverage = covered poor villages / poor villages; funds in 10,000 yuan, "
                     "income and funds per poor person in yuan."));
    n.push_back(pick(language, "3. 数据来源：", "3. Data sources: ") + sources_line(project, language));
    const std::size_t left_out = stats.unmatched_sites.size();
    n.push_back(left_out == 0 ? pick(language, "4. 所有项目行均已计入。", "4. Every project row was counted.")
                              : pick(language, "4. 有 " + std::to_string(left_out) + " 个项目行未计入本表，见“未计入”表。",
                                     "4. " + std::to_string(left_out) + " project rows were not counted: see the sheet \"Not counted\"."));
    if (const std::size_t by_township = stats.township_only_sites.size(); by_township > 0)
        n.push_back(level == StatsLevel::Village
                            ? pick(language, "5. 有 " + std::to_string(by_township) + " 个项目行只知乡镇：计入乡镇小计和合计，未计入村。",
                                   "5. " + std::to_string(by_township) + " project rows name their township only: counted in its subtotal and the total, in no village.")
                            : pick(language, "5. 有 " + std::to_string(by_township) + " 个项目行只知乡镇：计入其乡镇（“仅知乡镇”列）。",
                                   "5. " + std::to_string(by_township) + " project rows name their township only: counted in it (column \"Township only\")."));
    return n;
}

io::ReportSheet unmatched_sheet(const analysis::Statistics& stats, Language language) {
    io::ReportSheet sheet;
    sheet.name = pick(language, "未计入", "Not counted");
    sheet.title = pick(language, "未计入统计的项目行", "Project rows not counted");
    for (const auto& [zh, en, format] : std::vector<std::tuple<std::string, std::string, CellFormat>>{
                 {"文件", "File", CellFormat::Text}, {"图层", "Layer", CellFormat::Text}, {"行号", "Row", CellFormat::Integer},
                 {"乡镇", "Township", CellFormat::Text}, {"村", "Village", CellFormat::Text}, {"项目名称", "Project", CellFormat::Text},
                 {"原因", "Reason", CellFormat::Text}})
        sheet.columns.push_back({pick(language, zh, en), format});
    sheet.frozen_columns = 1;
    for (const auto& u : stats.unmatched_sites) {
        // A row is the number Excel shows beside it; a feature of a GIS file is its id there.
        const Value where = u.is_row ? Value(u.row) : Value(pick(language, "要素 ", "feature ") + std::to_string(u.row));
        sheet.rows.push_back({{file_name(u.file), u.layer, where, u.township, u.village_name, u.project_name, u.reason}});
    }
    return sheet;
}

}  // namespace

std::vector<io::ReportSheet> stats_report(const model::Project& project, const analysis::Statistics& stats, StatsLevel level,
                                          const ReportOptions& options) {
    const Language language = options.language;
    const bool by_village = level == StatsLevel::Village;
    io::ReportSheet table;
    table.name = pick(language, by_village ? "村级统计" : "乡镇统计", by_village ? "By village" : "By township");
    table.title = !options.title.empty() ? options.title
                                         : pick(language, by_village ? "扶贫项目村级统计表" : "扶贫项目乡镇统计表",
                                                by_village ? "Poverty-alleviation projects by village" : "Poverty-alleviation projects by township");
    table.unit_line = pick(language, "单位：万元、户、人、公里、立方米", "Units: 10,000 yuan, households, people, km, m³");
    table.columns.push_back({pick(language, "乡镇", "Township"), CellFormat::Text});
    if (by_village) table.columns.push_back({pick(language, "村", "Village"), CellFormat::Text});
    table.frozen_columns = table.columns.size();
    const auto columns = value_columns(stats);
    for (const auto& c : columns) table.columns.push_back({pick(language, c.zh, c.en), c.format});

    auto add_row = [&](const RegionStats& r, std::vector<Value> names, io::RowKind kind) {
        io::ReportRow row{std::move(names), kind};
        for (const auto& c : columns) row.cells.push_back(c.value(r));
        table.rows.push_back(std::move(row));
    };
    for (const auto& township : stats.townships) {
        if (by_village) {
            for (const auto& v : stats.villages)
                if (v.township == township.township) add_row(v, {v.township, v.village_name}, io::RowKind::Body);
            add_row(township, {township.township, pick(language, "小计", "Subtotal")}, io::RowKind::Subtotal);
        } else {
            add_row(township, {township.township}, io::RowKind::Body);
        }
    }
    const std::string total = pick(language, "合计", "Total");
    add_row(stats.total, by_village ? std::vector<Value>{total, std::string()} : std::vector<Value>{total}, io::RowKind::Total);
    table.notes = notes(project, stats, level, language);

    std::vector<io::ReportSheet> sheets{std::move(table)};
    if (!stats.unmatched_sites.empty()) sheets.push_back(unmatched_sheet(stats, language));
    return sheets;
}

void write_stats_report(const model::Project& project, const analysis::Statistics& stats, StatsLevel level, const ReportOptions& options,
                        const std::string& path) {
    io::write_report_workbook(path, stats_report(project, stats, level, options));
}

}  // namespace ca::print
