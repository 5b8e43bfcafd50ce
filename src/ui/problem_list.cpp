// Problems as the tab lists them, and what each one points at.
#include "ui/problem_list.hpp"

#include <filesystem>
#include <map>

namespace ca::ui {

std::size_t problem_count(const ViewerState& state) { return state.project().problems.all().size() + state.counting_problems.all().size(); }

const model::Problem& problem_at(const ViewerState& state, std::size_t index) {
    const auto& loading = state.project().problems.all();
    return index < loading.size() ? loading[index] : state.counting_problems.all()[index - loading.size()];
}

std::vector<ProblemRow> problem_rows(const ViewerState& state, const SeverityFilter& filter) {
    // Kinds in order of first appearance; within a kind, the order met (rows ascending, mostly).
    std::vector<std::string> kinds;
    std::map<std::string, std::vector<std::size_t>> by_kind;
    for (std::size_t i = 0; i < problem_count(state); ++i) {
        const model::Problem& p = problem_at(state, i);
        if (!filter.shows(p.severity)) continue;
        auto& members = by_kind[p.kind];
        if (members.empty()) kinds.push_back(p.kind);
        members.push_back(i);
    }
    std::vector<ProblemRow> rows;
    for (const auto& kind : kinds) {
        const auto& members = by_kind[kind];
        rows.push_back({true, members.front(), members.size()});
        for (const std::size_t i : members) rows.push_back({false, i, 0});
    }
    return rows;
}

const ProblemRows& listed_problems(const ViewerState& state) {
    ProblemRows& cache = state.problem_rows;
    if (cache.version == state.problems_version && cache.filter == state.problem_filter) return cache;
    // Layers change role or fields only with new statistics, which bump the version too.
    cache = ProblemRows{state.problems_version, state.problem_filter, problem_rows(state, state.problem_filter), 0, 0, 0, layers_to_map(state)};
    for (std::size_t i = 0; i < problem_count(state); ++i) {
        const model::Severity severity = problem_at(state, i).severity;
        ++(severity == model::Severity::Error ? cache.errors : severity == model::Severity::Warning ? cache.warnings : cache.notes);
    }
    return cache;
}

std::size_t problems_to_act_on(const ViewerState& state) {
    const ProblemRows& listed = listed_problems(state);
    return listed.errors + listed.warnings;
}

std::optional<std::size_t> problem_layer(const model::Project& project, const model::Problem& problem) {
    if (problem.file.empty()) return std::nullopt;
    for (std::size_t i = 0; i < project.layers.size(); ++i) {
        const auto& layer = project.layers[i];
        // A problem about a whole file (no layer) names its only layer.
        if (layer.file_name() == problem.file && (problem.layer.empty() || layer.name == problem.layer))
            return i;
    }
    return std::nullopt;
}

std::optional<FeatureRef> problem_feature(const model::Project& project, const model::Problem& problem) {
    if (problem.id < 0) return std::nullopt;
    const auto layer = problem_layer(project, problem);
    if (!layer) return std::nullopt;
    const auto& features = project.layers[*layer].features;
    for (std::size_t f = 0; f < features.size(); ++f)
        if (features[f].fid == problem.id) return FeatureRef{*layer, f};
    return std::nullopt;
}

// The kinds loading and counting report (core keeps them in English, the CLI's language).
const std::vector<std::pair<std::string_view, std::string_view>>& chinese_kind_labels() {
    static const std::vector<std::pair<std::string_view, std::string_view>> kZh = {
        {"same data twice", "重复数据"},          {"named twice", "重复给出的文件"},
        {"encoding", "文字编码"},                 {"unreadable text", "无法识别的文字"},
        {"CRS guessed", "推断的坐标系"},          {"unusable coordinates", "无效坐标"},
        {"repaired geometry", "已修复的图形"},    {"empty geometry", "空图形"},
        {"sheet layout", "表格结构"},             {"sheet left out", "未读取的工作表"},
        {"total row", "合计行"},                  {"total mismatch", "合计不符"},
        {"missing value", "空白数值"},            {"bad row left out", "已略去的错误行"},
        {"swapped lon/lat", "经纬度颠倒"},        {"projects in two lists", "两份清单中的同一项目"},
        {"unmatched site", "未匹配的项目"},       {"site placed by township only", "仅匹配到乡镇的项目"},
        {"location conflict", "位置与村名不符"},  {"pond outside villages", "村界外的塘窖井"},
        {"duplicate village name", "同乡镇重名村"}, {"web-map offset", "网络地图坐标偏移"},
        {"GDAL warning", "GDAL 警告"},            {"cannot count", "无法统计"},
        {"missing data file", "缺少数据文件"},    {"field mapping", "字段对应"},
    };
    return kZh;
}

std::string problem_kind_label(const std::string& kind, Language language) {
    if (language == Language::Chinese)
        for (const auto& [english, chinese] : chinese_kind_labels())
            if (kind == english) return std::string(chinese);
    return kind;
}

std::string problem_place(const model::Problem& problem, Language language) {
    std::string out = problem.file;
    auto part = [&out](const std::string& text) { out += (out.empty() ? "" : ", ") + text; };
    // A layer named as its file (a shapefile's, a CSV's) is said once.
    if (!problem.layer.empty() && problem.layer != std::filesystem::path(problem.file).stem().string())
        part(std::string(tr(Text::LayerNamed, language)) + " " + problem.layer);
    if (problem.id >= 0) {
        const std::string id = std::to_string(problem.id);
        const std::string_view pattern = tr(problem.is_row ? Text::RowNumbered : Text::FeatureNumbered, language);  // "第 {} 行"
        const auto at = pattern.find("{}");
        part(std::string(pattern.substr(0, at)) + id + std::string(pattern.substr(at + 2)));
    }
    return out;
}

std::vector<model::Meaning> unmapped_meanings(const model::Layer& layer) {
    std::vector<model::Meaning> needed;
    if (layer.role == model::Role::Villages) needed = {model::Meaning::VillageName, model::Meaning::Township};
    else if (layer.role == model::Role::Sites) needed = {model::Meaning::VillageName, model::Meaning::Township, model::Meaning::Funds};
    std::vector<model::Meaning> missing;
    for (const auto m : needed)
        if (!layer.mapping.has(m)) missing.push_back(m);
    return missing;
}

std::vector<std::size_t> layers_to_map(const ViewerState& state) {
    std::vector<bool> listed(state.project().layers.size(), false);
    for (std::size_t i = 0; i < listed.size(); ++i) listed[i] = !unmapped_meanings(state.project().layers[i]).empty();
    for (std::size_t i = 0; i < problem_count(state); ++i) {
        const model::Problem& p = problem_at(state, i);
        if (p.kind.find("field") == std::string::npos) continue;
        if (const auto layer = problem_layer(state.project(), p)) listed[*layer] = true;
    }
    std::vector<std::size_t> layers;
    for (std::size_t i = 0; i < listed.size(); ++i)
        if (listed[i]) layers.push_back(i);
    return layers;
}

}  // namespace ca::ui
