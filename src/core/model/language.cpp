// Display names of project types and infrastructure kinds in Chinese and English.
#include "core/model/language.hpp"

namespace ca::model {

std::string display_name(std::string_view value, Language language) {
    struct Entry {
        std::string_view canonical, zh, en;
    };
    static constexpr Entry kNames[] = {
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
    };
    for (const Entry& e : kNames)
        if (e.canonical == value) return std::string(language == Language::Chinese ? e.zh : e.en);
    return std::string(value);
}

}  // namespace ca::model
