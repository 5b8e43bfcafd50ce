// Edits and their undo/redo on a project built in code: what each puts back, what it marks.
#include <doctest/doctest.h>

#include "core/model/edit_history.hpp"
#include "core/model/error.hpp"

using namespace ca;

namespace {

model::Feature site(std::int64_t fid, double lon, const std::string& status) {
    model::Feature f;
    f.fid = fid;
    f.geometry = model::Geometry::point({lon, 25});
    f.values = {std::string("项目") + std::to_string(fid), status};
    return f;
}

model::Project three_sites() {
    model::Project project;
    model::Layer layer;
    layer.name = "sites";
    layer.field_names = {"project_name", "status"};
    for (int i = 1; i <= 3; ++i) layer.features.push_back(site(i, 101 + i * 0.01, "在建"));
    project.layers.push_back(std::move(layer));
    return project;
}

std::vector<std::int64_t> fids(const model::Project& p) {
    std::vector<std::int64_t> out;
    for (const auto& f : p.layers[0].features) out.push_back(f.fid);
    return out;
}

}  // namespace

TEST_CASE("undo puts back exactly what an edit changed, redo does it again, and each marks what it touched") {
    model::Project project = three_sites();
    model::EditHistory history;
    model::Feature finished = project.layers[0].features[1];
    finished.values[1] = std::string("已完工");
    history.apply(project, {"set status", {{0, 1, project.layers[0].features[1], finished}}});
    CHECK(std::get<std::string>(project.layers[0].features[1].values[1]) == "已完工");
    CHECK(project.layers[0].edited.at(2).fields == std::set<std::size_t>{1});  // the status cell only
    CHECK_FALSE(project.layers[0].edited.at(2).geometry);

    const std::int64_t new_id = model::new_feature_id(project.layers[0]);
    CHECK(new_id == -1);
    history.apply(project, {"add", {{0, 3, std::nullopt, site(new_id, 101.5, "计划")}}});
    history.apply(project, {"delete 1 and 3", {{0, 2, project.layers[0].features[2], std::nullopt}, {0, 0, project.layers[0].features[0], std::nullopt}}});
    CHECK(fids(project) == std::vector<std::int64_t>{2, -1});
    CHECK(history.next_undo() == "delete 1 and 3");

    REQUIRE(history.undo(project));
    CHECK(fids(project) == std::vector<std::int64_t>{1, 2, 3, -1});  // back in their places
    REQUIRE(history.undo(project));
    REQUIRE(history.undo(project));
    CHECK(std::get<std::string>(project.layers[0].features[1].values[1]) == "在建");
    CHECK_FALSE(history.undo(project));
    CHECK(fids(project) == std::vector<std::int64_t>{1, 2, 3});
    REQUIRE(history.redo(project));
    REQUIRE(history.redo(project));
    CHECK(fids(project) == std::vector<std::int64_t>{1, 2, 3, -1});
    CHECK(model::new_feature_id(project.layers[0]) == -2);
    // A new edit drops what was undone.
    history.apply(project, {"add", {{0, 4, std::nullopt, site(-2, 101.6, "计划")}}});
    CHECK_FALSE(history.can_redo());
    CHECK(project.layers[0].edited.at(1).geometry);  // removed and put back: all of it was touched
}

TEST_CASE("an edit that no longer fits the layer is refused, leaving the layer as it was") {
    model::Project project = three_sites();
    const model::Edit stale{"move", {{0, 0, site(9, 101, "在建"), site(9, 102, "在建")}}};
    CHECK_THROWS_AS(model::apply_edit(project, stale), Error);
    CHECK(fids(project) == std::vector<std::int64_t>{1, 2, 3});
    CHECK(project.layers[0].features[0].geometry.coords[0].x == doctest::Approx(101.01));
}
