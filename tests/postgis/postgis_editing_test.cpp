// Editing together in one PostGIS table: two editors who read the same rows; the second's change
// to a row the first changed since is a conflict showing both values, never a lost update.
#include <doctest/doctest.h>

#include "core/loading/load_project.hpp"
#include "core/model/edit_history.hpp"
#include "core/workspace/feature_edits.hpp"
#include "core/workspace/save_edits.hpp"
#include "postgis/test_database.hpp"
#include "support/fixtures.hpp"

namespace ca {
namespace {

// An editor's own session: the published sites as read at one moment, edited and saved.
struct Editor {
    std::string source;
    model::Project project;
    workspace::SessionBackups backups;

    explicit Editor(const std::string& sites) : source(sites), project(loading::load_project({{sites, model::Role::Sites}}, {})) {}
    model::Layer& sites() { return project.layers.front(); }
    std::size_t position_of(std::int64_t fid) {
        for (std::size_t i = 0; i < sites().features.size(); ++i)
            if (sites().features[i].fid == fid) return i;
        FAIL("no feature " << fid);
        return 0;
    }
    void set(std::int64_t fid, const std::string& field, const std::string& text) {
        const auto index = static_cast<std::size_t>(workspace::field_index(sites(), field));
        model::apply_edit(project, workspace::set_values_edit(project, 0, {position_of(fid)}, index, workspace::typed_value(sites(), index, text)));
    }
    void remove(std::int64_t fid) { model::apply_edit(project, workspace::delete_edit(project, 0, {position_of(fid)})); }
    std::string save() {
        return test::error_of([this] { workspace::save_edits(project, {}, backups); });
    }
};

std::string in_table(const test::TestSchema& schema, const std::string& what, std::int64_t fid) {
    return test::psql("SELECT " + what + " FROM " + schema.name() + ".sites WHERE fid = " + std::to_string(fid));
}

TEST_CASE("two editors of one PostGIS table: a row changed by the other since it was read is a conflict, not a lost update") {
    test::TempDir dir;
    test::TestSchema schema;
    schema.publish("'" + test::sample_county() + "'", dir.file("p.cap.json"));
    const std::string sites = test::test_database() + " " + schema.name() + ".sites";
    Editor alice(sites), bob(sites);

    alice.set(5, "status", "在建");  // every site of 5..9 reads 已完工
    alice.set(6, "funds_yuan", "12.5万");
    CHECK(alice.save() == "(no error)");
    CHECK(in_table(schema, "status || ' ' || row_version", 5) == "在建 2\n");
    CHECK(in_table(schema, "funds_yuan", 6) == "125000\n");

    // Bob read before Alice saved: his change to row 5 meets hers; his other change goes nowhere either.
    bob.set(5, "status", "计划");
    bob.set(7, "status", "计划");
    const std::string conflict = bob.save();
    CHECK(conflict.find("someone else changed") != std::string::npos);
    CHECK(conflict.find("feature 5") != std::string::npos);
    CHECK(conflict.find("theirs \"在建\"") != std::string::npos);
    CHECK(conflict.find("mine \"计划\"") != std::string::npos);
    CHECK(conflict.find('\n') == std::string::npos);
    CHECK(in_table(schema, "status", 5) == "在建\n");                       // Alice's value stands
    CHECK(in_table(schema, "row_version", 7) == "1\n");                     // the whole save was refused
    CHECK_FALSE(bob.sites().edited.empty());                                 // Bob keeps his edits to decide

    // Bob deleting a row Alice changed is a conflict too; deleting and editing untouched rows saves.
    Editor carol(sites);
    alice.set(8, "status", "在建");
    CHECK(alice.save() == "(no error)");
    carol.remove(8);
    CHECK(carol.save().find("feature 8 was changed or deleted by someone else") != std::string::npos);
    CHECK(in_table(schema, "count(*)", 8) == "1\n");
    Editor dave(sites);
    dave.remove(9);
    dave.set(10, "status", "计划");
    CHECK(dave.save() == "(no error)");
    CHECK(in_table(schema, "count(*)", 9) == "0\n");
    CHECK(in_table(schema, "status || ' ' || row_version", 10) == "计划 2\n");
    CHECK(dave.sites().edited.empty());  // read back: the history starts afresh
}

}  // namespace
}  // namespace ca
