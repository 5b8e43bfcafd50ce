// Display names of project types, infrastructure kinds, statuses and plan legend rows in Chinese and English.
#include "core/model/language.hpp"

namespace ca::model {

namespace {

struct Entry {
    std::string_view canonical, zh, en;
};

constexpr Entry kNames[] = {
        {"whole_village", "整村推进", "whole-village promotion"},
        {"relocation", "易地扶贫搬迁", "relocation"},
        {"industry", "产业扶贫", "industry"},
        {"microcredit", "小额信贷", "micro-credit"},
        {"training", "劳动力转移培训", "labour training"},
        {"housing", "危房改造", "housing renovation"},
        {"other", "其他", "other"},
        {"ditch", "沟渠", "ditch"},
        {"pipeline", "管道", "pipeline"},
        {"u_trough", "U型槽", "U-trough"},
        {"road", "道路", "road"},
        {"power", "电力线", "power line"},
        {"pond", "坝塘", "dam pond"},
        {"reservoir", "水库", "reservoir"},
        {"cellar", "水窖", "water cellar"},
        {"well", "水井", "well"},
        {"", "其他线状设施", "other line"},
        {"HH", "高-高聚集", "High-High cluster"},
        {"LL", "低-低聚集", "Low-Low cluster"},
        {"HL", "高-低异常", "High-Low outlier"},
        {"LH", "低-高异常", "Low-High outlier"},
        {"ns", "不显著", "not significant"},
        {"planned", "计划", "planned"},
        {"in_progress", "在建", "in progress"},
        {"finished", "已完工", "finished"},
        // Legend rows of a plan's figure (scene::build).
        {"planned_hollow", "计划（空心）", "planned (hollow)"},
        {"reached_by_plan", "计划覆盖", "reached by plan"},
        {"still_missed", "仍未覆盖", "still missed"},
};

}  // namespace

std::vector<std::string> all_display_names() {
    std::vector<std::string> names;
    for (const Entry& e : kNames) names.insert(names.end(), {std::string(e.zh), std::string(e.en)});
    return names;
}

std::string display_name(std::string_view value, Language language) {
    for (const Entry& e : kNames)
        if (e.canonical == value) return std::string(language == Language::Chinese ? e.zh : e.en);
    return std::string(value);
}

}  // namespace ca::model
