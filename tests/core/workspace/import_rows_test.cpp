// Appending a sheet's rows to a project list, on layers made in code: columns linked by meaning,
// by name and by choice, money into the list's unit, duplicates by name, places and year, and the
// appending edit's new ids in the sheet's order.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/model/error.hpp"
#include "core/workspace/import_rows.hpp"

using namespace ca;

namespace {

model::Layer layer_of(const std::string& name, std::vector<std::string> fields, const std::vector<std::vector<model::Value>>& rows, const std::string& geometry) {
    model::Layer layer;
    layer.source_path = "/data/" + name;
    layer.name = name;
    layer.role = model::Role::Sites;
    layer.geometry_type = geometry;
    layer.field_names = std::move(fields);
    layer.mapping = model::map_fields(layer.field_names);
    std::int64_t fid = 1;
    for (const auto& values : rows) layer.features.push_back({fid++, {}, values});
    return layer;
}

// A sheet in 万元 as loading leaves it: numbers in the column's unit, a text cell as typed.
model::Layer sheet() {
    auto layer = layer_of("new.xlsx", {"项目名称", "乡镇", "村委会", "计划投资（万元）", "年度", "备注", "负责人"},
                          {{std::string("水窖"), std::string("金碧镇"), std::string("马家营"), 1234.5, 2015.0, std::string("新建"), std::string("张三")},
                           {std::string("水池"), std::string("三台乡"), std::string("石头村"), std::string("125000元"), {}, {}, {}}},
                          "None");
    layer.fids_are_rows = true;
    return layer;
}

// The list: funds in yuan, a 备注 column no meaning names, a year; one row of 2014.
model::Layer list() {
    return layer_of("projects.gpkg", {"project_name", "township", "village_name", "funds_yuan", "year", "备注", "batch"},
                    {{std::string("水窖"), std::string("金碧镇"), std::string("马家营村委会"), 50000.0, std::int64_t{2014}, {}, {}}}, "Point");
}

const model::Value* value_of(const workspace::FieldValues& values, std::size_t field) {
    for (const auto& [f, v] : values)
        if (f == field) return &v;
    return nullptr;
}

}  // namespace

TEST_CASE("columns go to the list's field of the same meaning, else of the same name; --map overrides; the rest are named") {
    const auto s = sheet();
    const auto l = list();
    auto mapping = workspace::map_columns(s, l, {});
    // project_name, township, village_name, funds_yuan, year by meaning; 备注 by name; 负责人 has
    // neither a meaning nor a field of its name.
    REQUIRE(mapping.links.size() == 6);
    CHECK(mapping.links[3].field == 3);
    CHECK(mapping.links[3].column == 3);
    CHECK(mapping.links[5].field == 5);
    CHECK(mapping.links[5].column == 5);
    CHECK(mapping.unplaced == std::vector<std::size_t>{6});
    CHECK_FALSE(mapping.point_from_columns);  // the sheet has no lon/lat columns
    mapping = workspace::map_columns(s, l, {workspace::parse_map_choice("batch=负责人")});
    CHECK(mapping.unplaced.empty());
    CHECK(mapping.links.back().field == 6);
    CHECK(mapping.links.back().given);
    CHECK_THROWS_WITH_AS(workspace::map_columns(s, l, {{"batch", "备考"}}),
                         "new.xlsx, layer new.xlsx: --map batch=备考: the sheet has no column 备考; its columns: 项目名称, 乡镇, 村委会, 计划投资（万元）, 年度, 备注, 负责人",
                         Error);
    CHECK_THROWS_AS(workspace::parse_map_choice("batch"), Error);
}

TEST_CASE("money goes into the list's unit: 1,234.5 万元 and \"125000元\" in a 万元 sheet") {
    const auto s = sheet();
    auto l = list();
    const auto mapping = workspace::map_columns(s, l, {});
    std::vector<std::string> problems;
    CHECK(*value_of(workspace::list_values(s, s.features[0], l, mapping, problems), 3) == model::Value{12345000.0});
    CHECK(*value_of(workspace::list_values(s, s.features[1], l, mapping, problems), 3) == model::Value{125000.0});
    // The same list in 万元.
    l.field_names[3] = "资金万元";
    l.mapping = model::map_fields(l.field_names);
    REQUIRE(l.mapping[model::Meaning::Funds]->scale == 10000);
    CHECK(*value_of(workspace::list_values(s, s.features[1], l, mapping, problems), 3) == model::Value{12.5});
    CHECK(problems.empty());
    // A fraction bound for an integer column is refused, not cut.
    auto whole = mapping;
    whole.links[3].whole_numbers = true;
    CHECK_THROWS_AS(workspace::list_values(s, s.features[0], l, whole, problems), Error);
    CHECK_NOTHROW(workspace::list_values(s, s.features[0], l, mapping, problems));
}

TEST_CASE("a row repeats one of the list when name, township and village match and the years do not differ") {
    const auto s = sheet();
    const auto l = list();
    const workspace::ExistingRows existing(l);
    REQUIRE(existing.usable());
    const auto mapping = workspace::map_columns(s, l, {});
    std::vector<std::string> problems;
    auto values = workspace::list_values(s, s.features[0], l, mapping, problems);
    CHECK_FALSE(existing.duplicate_of(values));  // 2015 against 2014
    for (auto& [field, value] : values)
        if (field == 4) value = 2014.0;
    CHECK(existing.duplicate_of(values) == std::optional<std::size_t>{0});  // 马家营 is 马家营村委会
    std::erase_if(values, [](const auto& fv) { return fv.first == 4; });
    CHECK(existing.duplicate_of(values) == std::optional<std::size_t>{0});  // no year: the same project
    for (auto& [field, value] : values)
        if (field == 1) value = std::string("三台乡");
    CHECK_FALSE(existing.duplicate_of(values));
}

TEST_CASE("the appending edit adds the rows at the end in order, with new ids below every id, the first row's lowest") {
    model::Project project;
    project.layers.push_back(list());
    const std::vector<workspace::NewRow> rows = {{{{0, std::string("甲")}}, model::Vec2{101.0, 25.0}}, {{{0, std::string("乙")}}, std::nullopt},
                                                 {{{0, std::string("丙")}}, std::nullopt}};
    const model::Edit edit = workspace::append_rows_edit(project, 0, rows);
    REQUIRE(edit.changes.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) CHECK(edit.changes[k].position == 1 + k);
    CHECK(edit.changes[0].after->fid == -3);
    CHECK(edit.changes[1].after->fid == -2);
    CHECK(edit.changes[2].after->fid == -1);
    CHECK(edit.changes[0].after->geometry.type == model::GeometryType::Point);
    CHECK(edit.changes[1].after->geometry.empty());
    model::apply_edit(project, edit);
    REQUIRE(project.layers[0].features.size() == 4);
    CHECK(project.layers[0].features[3].values[0] == model::Value{std::string("丙")});
    CHECK(project.layers[0].edited.size() == 3);
}
