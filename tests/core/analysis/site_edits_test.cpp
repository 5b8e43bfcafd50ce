// The statistics updated from an edit's changes agree with the statistics counted afresh.
#include <doctest/doctest.h>

#include "core/analysis/site_edits.hpp"
#include "core/analysis/village_index.hpp"
#include "core/loading/load_project.hpp"
#include "core/model/edit_history.hpp"
#include "core/workspace/feature_edits.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

void same_rows(const analysis::RegionStats& got, const analysis::RegionStats& want) {
    CAPTURE(want.township);
    CAPTURE(want.village_name);
    CHECK(got.sites == want.sites);
    CHECK(got.sites_exact == want.sites_exact);
    CHECK(got.sites_by_name == want.sites_by_name);
    CHECK(got.sites_township_only == want.sites_township_only);
    CHECK(got.sites_by_type == want.sites_by_type);
    CHECK(got.funds_yuan == doctest::Approx(want.funds_yuan));
    CHECK(got.beneficiary_people == doctest::Approx(want.beneficiary_people));
    CHECK(got.covered_poor_villages == want.covered_poor_villages);
    CHECK(got.poor_villages == want.poor_villages);
}

void same_statistics(const analysis::Statistics& got, const analysis::Statistics& want) {
    REQUIRE(got.villages.size() == want.villages.size());
    for (std::size_t i = 0; i < want.villages.size(); ++i) same_rows(got.villages[i], want.villages[i]);
    REQUIRE(got.townships.size() == want.townships.size());
    for (std::size_t i = 0; i < want.townships.size(); ++i) same_rows(got.townships[i], want.townships[i]);
    same_rows(got.total, want.total);
    CHECK(got.unmatched_sites.size() == want.unmatched_sites.size());
    CHECK(got.township_only_sites.size() == want.township_only_sites.size());
    CHECK(got.conflicts.size() == want.conflicts.size());
}

// The edit's changes to sites layers, as the viewer hands them to the statistics.
std::vector<analysis::SiteChange> site_changes(const model::Project& project, const model::Edit& edit) {
    std::vector<analysis::SiteChange> changes;
    const auto sites = project.layers_with(model::Role::Sites);
    for (const auto& c : edit.changes)
        for (std::size_t l = 0; l < sites.size(); ++l)
            if (sites[l] == &project.layers[c.layer]) changes.push_back({l, c.position, c.before, c.after});
    return changes;
}

}  // namespace

TEST_CASE("each kind of site edit recounted from its changes gives the numbers a fresh count gives") {
    model::Project project = loading::load_project({{test::sample_county(), model::Role::Unknown}}, {});
    std::size_t sites = 0;
    for (std::size_t i = 0; i < project.layers.size(); ++i)
        if (project.layers[i].role == model::Role::Sites) sites = i;
    std::vector<const model::Geometry*> shapes;
    for (const auto* layer : project.layers_with(model::Role::Villages))
        for (const auto& f : layer->features) shapes.push_back(&f.geometry);
    const analysis::VillageIndex index(shapes);
    const analysis::LocateVillage locate = [&](model::Vec2 p) { return index.locate(p); };
    analysis::Statistics counted = analysis::compute_statistics(project, {});
    const auto& layer = project.layers[sites];
    const auto field = [&](model::Meaning m) { return static_cast<std::size_t>(layer.mapping.index(m)); };
    model::Feature far = layer.features[5];
    const std::vector<std::function<model::Edit()>> edits = {
        [&] { return workspace::add_point_edit(project, sites, {101.301636, 25.789074}, {{field(model::Meaning::Funds), 125000.0}}); },
        [&] { return workspace::delete_edit(project, sites, {3, 40, 41}); },
        [&] { return workspace::move_point_edit(project, sites, 10, {101.302411, 25.731454}); },
        [&] { return workspace::move_point_edit(project, sites, 11, {99.0, 20.0}); },  // outside every village
        [&] { return workspace::set_values_edit(project, sites, {0, 1, 2, 20}, field(model::Meaning::Status), std::string("计划")); },
        [&] { return workspace::set_values_edit(project, sites, {7}, field(model::Meaning::Funds), 1.0); },
        [&] {  // a row without a point, placed by its names
            model::Edit e = workspace::add_point_edit(project, sites, {0, 0}, {{field(model::Meaning::Township), std::string("金碧镇")},
                                                                               {field(model::Meaning::VillageName), std::string("桃村")}});
            e.changes[0].after->geometry = {};
            return e;
        },
        [&] { return workspace::set_values_edit(project, sites, {30}, field(model::Meaning::VillageName), std::string("桃村")); },  // a conflict now
    };
    for (std::size_t k = 0; k < edits.size(); ++k) {
        CAPTURE(k);
        const model::Edit edit = edits[k]();
        model::apply_edit(project, edit);
        const analysis::Statistics updated = analysis::apply_site_changes(project, counted, site_changes(project, edit), locate);
        same_statistics(updated, analysis::compute_statistics(project, {}));
        counted = updated;  // the next edit builds on this one, as the viewer's do
    }
    CHECK(counted.unmatched_sites.size() >= 1);
    CHECK(counted.conflicts.size() >= 1);
}
