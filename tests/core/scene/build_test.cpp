// Scene building: site colouring and filters, greyed neighbours, layer visibility.
#include <doctest/doctest.h>

#include <set>

#include "core/loading/load_project.hpp"
#include "core/scene/build.hpp"
#include "support/fixtures.hpp"

using namespace ca;

namespace {

std::size_t markers(const scene::Scene& s) {
    std::size_t n = 0;
    for (const auto& item : s.items) n += std::holds_alternative<scene::Marker>(item);
    return n;
}

}  // namespace

TEST_CASE("sites coloured by year, filtered by status, give a legend of the years shown") {
    const auto project = loading::load_project({{test::sample_county() + ":sites", model::Role::Sites}}, {});
    const auto& sites = project.layers[0];
    std::size_t done = 0;
    std::set<std::string> years;
    for (const auto& f : sites.features)
        if (model::to_text(sites.value(f, model::Meaning::Status)) == "已完工") {
            ++done;
            years.insert(model::to_text(sites.value(f, model::Meaning::Year)));
        }
    scene::MapStyle style;
    style.site_colour = scene::SiteColour::Year;
    style.sites.status = "已完工";
    const auto s = scene::build(project, style);
    CHECK(markers(s) == done);
    std::set<std::string> legend;
    for (const auto& e : s.legend)
        if (e.kind == scene::LegendEntry::Kind::Point) legend.insert(e.key);
    CHECK(legend == years);
    CHECK(years.count("2012") == 0);  // the sample's 2012 projects are under way or planned

    style.sites.status.clear();
    style.sites.hidden_types = {"whole_village"};
    std::size_t not_whole_village = 0;
    for (const auto& f : sites.features)
        not_whole_village += model::canonical_project_type(model::to_text(sites.value(f, model::Meaning::ProjectType))) != "whole_village";
    CHECK(markers(scene::build(project, style)) == not_whole_village);
}

TEST_CASE("a hidden layer draws nothing and a focus township greys the other villages") {
    const auto project = loading::load_project({{test::sample_county() + ":villages", model::Role::Villages}}, {});
    scene::MapStyle style;
    scene::LayerStyle hidden;
    hidden.visible = false;
    style.layers = {hidden};
    CHECK(scene::build(project, style).items.empty());
    style.layers.clear();
    style.focus_township = "湾碧乡";
    const auto s = scene::build(project, style);
    std::size_t grey = 0, coloured = 0;
    for (const auto& item : s.items)
        if (const auto* fill = std::get_if<scene::Fill>(&item)) (fill->color == scene::Color{228, 228, 228, 255} ? grey : coloured)++;
    std::size_t in_township = 0;
    for (const auto& f : project.layers[0].features) in_township += model::to_text(project.layers[0].value(f, model::Meaning::Township)) == "湾碧乡";
    CHECK(coloured == in_township);
    CHECK(grey == project.layers[0].features.size() - in_township);
    std::size_t village_labels = 0, township_labels = 0;
    for (const auto& l : s.labels) (l.priority == 1 ? village_labels : township_labels)++;
    CHECK(village_labels == in_township);  // only the focus township's villages are named
    CHECK(township_labels == 12);          // every township, dissolved from the villages
}

TEST_CASE("planned sites are drawn hollow, whatever they are coloured by, and the legend says what hollow means") {
    const auto project = loading::load_project({{test::sample_county() + ":sites", model::Role::Sites}}, {});
    const auto& sites = project.layers[0];
    std::size_t planned = 0;
    for (const auto& f : sites.features)
        planned += !f.geometry.empty() && model::canonical_status(model::to_text(sites.value(f, model::Meaning::Status))) == "planned";
    REQUIRE(planned > 0);
    auto hollow = [](const scene::Scene& s) {
        std::size_t n = 0;
        for (const auto& item : s.items)
            if (const auto* m = std::get_if<scene::Marker>(&item)) n += m->hollow;
        return n;
    };
    auto hollow_rows = [](const scene::Scene& s) {
        std::size_t n = 0;
        for (const auto& e : s.legend) n += e.key == "planned_hollow" && e.hollow;
        return n;
    };
    for (const auto colour : {scene::SiteColour::Type, scene::SiteColour::Year, scene::SiteColour::Status}) {
        scene::MapStyle style;
        style.site_colour = colour;
        const auto s = scene::build(project, style);
        CHECK(hollow(s) == planned);
        CHECK(hollow_rows(s) == 1);
        CHECK(s.legend.back().key == "planned_hollow");  // after the colours it qualifies
    }
    scene::MapStyle finished;
    finished.sites.statuses = {"finished"};
    const auto s = scene::build(project, finished);
    CHECK(hollow(s) == 0);
    CHECK(hollow_rows(s) == 0);
}
