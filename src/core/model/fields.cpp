// Field and value vocabularies of ../shared/DATA-CONTRACT.md, in the contract's order.
#include "core/model/fields.hpp"

#include <algorithm>
#include <utility>

#include "core/model/text.hpp"

namespace ca::model {
namespace {

constexpr std::size_t kDbfNameLength = 10;

struct MeaningNames {
    Meaning meaning;
    std::string_view canonical;
    std::vector<std::string_view> aliases;
};

const std::vector<MeaningNames>& meaning_table() {
    static const std::vector<MeaningNames> table = {
        {Meaning::VillageName, "village_name", {"village", "name", "村名", "村委会", "行政村", "自然村", "村", "实施村", "项目村", "所在村", "建设地点"}},
        {Meaning::VillageCode, "village_code", {"code", "村代码", "行政区划代码", "代码"}},
        {Meaning::Township, "township", {"township_name", "town", "乡镇", "乡镇名称", "乡(镇)", "乡", "镇", "实施乡镇", "所在乡镇"}},
        {Meaning::TownshipCode, "township_code", {"乡镇代码"}},
        {Meaning::Households, "households", {"hh", "户数", "总户数"}},
        {Meaning::Population, "population", {"pop", "人口", "总人口", "人口数"}},
        {Meaning::PoorHouseholds, "poor_households", {"poor_hh", "贫困户数", "贫困户"}},
        {Meaning::PoorPopulation, "poor_population", {"poor_pop", "贫困人口", "贫困人数"}},
        {Meaning::IncomePerCapita, "income_per_capita", {"income", "人均纯收入", "人均收入", "人均纯收"}},
        {Meaning::ProjectName, "project_name", {"项目名称", "名称"}},
        {Meaning::ProjectType, "project_type", {"type", "项目类型", "类型"}},
        {Meaning::Funds, "funds_yuan", {"funds", "资金", "投资", "总投资", "资金(元)", "计划投资", "项目资金", "财政扶贫资金"}},
        {Meaning::BeneficiaryHouseholds, "beneficiary_households", {"受益户数", "受益户"}},
        {Meaning::BeneficiaryPeople, "beneficiary_people", {"受益人数", "受益人口"}},
        {Meaning::Status, "status", {"状态", "进度", "建设状态", "实施状态"}},
        {Meaning::Year, "year", {"年度", "年份"}},
        {Meaning::Batch, "batch", {"批次"}},
        {Meaning::Lon, "lon", {"longitude", "x", "经度"}},
        {Meaning::Lat, "lat", {"latitude", "y", "纬度"}},
        {Meaning::Kind, "kind", {"type", "类型", "设施类型"}},
        {Meaning::Capacity, "capacity_m3", {"capacity", "容量", "库容", "蓄水量"}},
    };
    return table;
}

// "资金(万元)", "总投资（万元）", "funds_wan": a funds field counted in 10,000 yuan.
std::optional<std::string> strip_wan(const std::string& key) {
    static const std::vector<std::string_view> suffixes = {"(万元)", "万元", "_wan"};
    for (std::string_view suffix : suffixes)
        if (ends_with(key, suffix) && key.size() > suffix.size())
            return key.substr(0, key.size() - suffix.size());
    return std::nullopt;
}

}  // namespace

std::string_view canonical_name(Meaning meaning) {
    for (const auto& row : meaning_table())
        if (row.meaning == meaning) return row.canonical;
    return {};
}

FieldMapping map_fields(const std::vector<std::string>& field_names) {
    std::vector<std::string> keys;
    keys.reserve(field_names.size());
    for (const auto& name : field_names) keys.push_back(fold_key(name));

    FieldMapping mapping;
    for (const auto& row : meaning_table()) {
        std::vector<std::string_view> candidates{row.canonical};
        candidates.insert(candidates.end(), row.aliases.begin(), row.aliases.end());
        for (std::string_view candidate : candidates) {
            for (std::size_t i = 0; i < keys.size() && !mapping.has(row.meaning); ++i)
                if (keys[i] == candidate)
                    mapping[row.meaning] = FieldMatch{static_cast<int>(i), field_names[i], 1.0};
            if (mapping.has(row.meaning)) break;
        }
    }
    // DBF field names stop at 10 bytes: a shapefile written from "poor_population" says
    // "poor_popul". Such a name matches a longer canonical name it begins, after exact matches.
    for (const auto& row : meaning_table()) {
        for (std::size_t i = 0; i < keys.size() && !mapping.has(row.meaning); ++i) {
            if (keys[i].size() != kDbfNameLength) continue;
            bool claimed = false;
            for (std::size_t m = 0; m < kMeaningCount; ++m) claimed = claimed || mapping.index(static_cast<Meaning>(m)) == static_cast<int>(i);
            if (!claimed && row.canonical.size() > kDbfNameLength && row.canonical.substr(0, kDbfNameLength) == keys[i])
                mapping[row.meaning] = FieldMatch{static_cast<int>(i), field_names[i], 1.0};
        }
    }

    // Funds in 万元 (or said to be in 元): any funds field whose name, without its unit, is a funds name.
    if (!mapping.has(Meaning::Funds)) {
        const auto& funds = meaning_table()[static_cast<std::size_t>(Meaning::Funds)];
        for (std::size_t i = 0; i < keys.size() && !mapping.has(Meaning::Funds); ++i) {
            auto base = strip_wan(keys[i]);
            // "计划投资(元)": a funds name with its unit said, in yuan.
            const bool in_yuan = !base && ends_with(keys[i], "(元)") && keys[i].size() > 5;
            if (in_yuan) base = keys[i].substr(0, keys[i].size() - 5);
            if (!base) continue;
            bool is_funds = *base == "funds_yuan" || *base == "funds" || base->find("资金") != std::string::npos ||
                            base->find("投资") != std::string::npos;
            for (std::string_view alias : funds.aliases) is_funds = is_funds || *base == alias;
            if (is_funds) mapping[Meaning::Funds] = FieldMatch{static_cast<int>(i), field_names[i], in_yuan ? 1.0 : 10000.0};
        }
    }
    return mapping;
}

std::optional<Meaning> meaning_from_name(std::string_view canonical) {
    for (std::size_t m = 0; m < kMeaningCount; ++m)
        if (canonical_name(static_cast<Meaning>(m)) == canonical) return static_cast<Meaning>(m);
    return std::nullopt;
}

bool assign_field(FieldMapping& mapping, const std::vector<std::string>& field_names, Meaning meaning, std::string_view field_name) {
    if (field_name.empty()) {
        mapping[meaning].reset();
        return true;
    }
    const auto it = std::find(field_names.begin(), field_names.end(), field_name);
    if (it == field_names.end()) return false;
    const double scale = meaning == Meaning::Funds && strip_wan(fold_key(field_name)) ? 10000.0 : 1.0;
    mapping[meaning] = FieldMatch{static_cast<int>(it - field_names.begin()), std::string(field_name), scale};
    return true;
}

namespace {

// Each canonical project type with the spellings offices use for it, in the order tables list them.
const std::vector<std::pair<std::string_view, std::vector<std::string_view>>>& type_spellings() {
    static const std::vector<std::pair<std::string_view, std::vector<std::string_view>>> kTypes = {
        {"whole_village", {"整村推进"}},
        {"relocation", {"易地扶贫搬迁", "搬迁"}},
        {"industry", {"产业扶贫", "产业"}},
        {"microcredit", {"小额信贷", "贴息贷款"}},
        {"training", {"培训", "劳动力转移培训"}},
        {"housing", {"危房改造", "安居"}},
        {"other", {}},
    };
    return kTypes;
}

}  // namespace

const std::vector<std::string>& project_types() {
    static const std::vector<std::string> kKeys = [] {
        std::vector<std::string> keys;
        for (const auto& [canonical, names] : type_spellings()) keys.emplace_back(canonical);
        return keys;
    }();
    return kKeys;
}

std::string canonical_project_type(std::string_view value) {
    const std::string key = fold_key(value);
    for (const auto& [canonical, names] : type_spellings()) {
        if (key == canonical) return std::string(canonical);
        for (std::string_view name : names)
            if (key == name) return std::string(canonical);
    }
    return "other";
}

std::string canonical_status(std::string_view value) {
    static const std::vector<std::pair<std::string_view, std::vector<std::string_view>>> statuses = {
        {"planned", {"计划", "拟建", "规划"}},
        {"in_progress", {"在建", "实施中", "施工中"}},
        {"finished", {"已完工", "完工", "竣工", "已建成"}},
    };
    const std::string key = fold_key(value);
    for (const auto& [canonical, names] : statuses) {
        if (key == canonical) return std::string(canonical);
        for (std::string_view name : names)
            if (key == name) return std::string(canonical);
    }
    return normalize_text(value);
}

std::string canonical_kind(std::string_view value) {
    static const std::vector<std::pair<std::string_view, std::vector<std::string_view>>> kinds = {
        {"ditch", {"沟渠", "三面光沟渠", "水渠"}},
        {"pipeline", {"管道", "管网", "输水管"}},
        {"u_trough", {"u型槽"}},  // folded: "U型槽" lower-cases to this
        {"road", {"道路", "公路"}},
        {"power", {"电力", "输电线"}},
        {"pond", {"坝塘", "水塘", "小坝塘"}},
        {"reservoir", {"水库"}},
        {"cellar", {"水窖"}},
        {"well", {"水井", "井"}},
    };
    const std::string key = fold_key(value);
    for (const auto& [canonical, names] : kinds) {
        if (key == canonical) return std::string(canonical);
        for (std::string_view name : names)
            if (key == name) return std::string(canonical);
    }
    return {};
}

}  // namespace ca::model
