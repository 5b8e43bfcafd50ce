// The import preview (see import_preview.hpp).
#include "ui/import_preview.hpp"

#include "core/model/error.hpp"
#include "core/model/text.hpp"

namespace ca::ui {
namespace {

const analysis::VillageNames& village_names(const ViewerState& state) {
    auto& importing = state.editing.importing;
    if (!importing.names || importing.names_of != state.data.stats) {
        auto names = std::make_shared<analysis::VillageNames>();
        const auto& villages = state.stats().villages;
        for (std::size_t i = 0; i < villages.size(); ++i) names->add(villages[i].township, villages[i].village_name, i);
        importing.names = std::move(names);
        importing.names_of = state.data.stats;
    }
    return *importing.names;
}

// A value of the row in the list's field of this meaning (its text), or "".
std::string text_of(const model::Layer& list, const workspace::FieldValues& values, model::Meaning meaning) {
    const int field = list.mapping.index(meaning);
    for (const auto& [index, value] : values)
        if (static_cast<int>(index) == field) return model::normalize_text(model::to_text(value));
    return {};
}

// Puts a fixed township or village into the row's values (replacing what the sheet said).
void put(const model::Layer& list, workspace::FieldValues& values, model::Meaning meaning, const std::string& text) {
    const int field = list.mapping.index(meaning);
    if (field < 0) return;
    std::erase_if(values, [&](const auto& v) { return static_cast<int>(v.first) == field; });
    if (!text.empty()) values.emplace_back(static_cast<std::size_t>(field), text);
}

void match(const ViewerState& state, ImportRow& row) {
    if (row.values.lon_lat) return;  // its point places it
    if (row.village.empty()) return;  // Text::NoVillageName
    using Outcome = analysis::VillageNames::Outcome;
    const auto found = village_names(state).find(row.township, row.village);
    if (found.outcome == Outcome::Found) row.village_index = found.index;
    row.reason = found.outcome == Outcome::NoSuchTownship ? Text::NoSuchTownship : found.outcome == Outcome::Ambiguous ? Text::SeveralVillages : Text::NoSuchVillage;
}

}  // namespace

const analysis::VillageCandidateIndex& candidate_index(const ViewerState& state) {
    auto& cache = state.candidates;
    if (!cache.index || cache.project != state.data.project || cache.stats != state.data.stats) {
        cache = {state.data.project, state.data.stats, nullptr, {}};
        cache.index = std::make_unique<analysis::VillageCandidateIndex>(analysis::candidate_villages(*cache.project, *cache.stats));
    }
    return *cache.index;
}

const std::vector<analysis::VillageCandidate>& candidates_for(const ViewerState& state, const analysis::CandidateQuery& row, std::size_t max_count) {
    const auto& index = candidate_index(state);  // first: a new version forgets the old answers
    std::string key = std::string(row.township) + '\x1f' + std::string(row.village) + '\x1f' + std::to_string(max_count);
    if (row.lonlat) key += '\x1f' + std::to_string(row.lonlat->x) + ',' + std::to_string(row.lonlat->y);
    auto& answers = state.candidates.answers;
    const auto found = answers.find(key);
    if (found != answers.end()) return found->second;
    return answers[key] = index.candidates(row, max_count);
}

ImportPreview preview_import(const ViewerState& state) {
    auto& importing = state.editing.importing;
    if (!importing.sheet || !importing.target || *importing.target >= state.project().layers.size()) throw Error("no sheet read, or no sites layer to import into");
    const model::Layer& sheet = *importing.sheet;
    const model::Layer& list = state.project().layers[*importing.target];
    ImportPreview preview;
    preview.mapping = workspace::map_columns(sheet, list, importing.choices);
    const std::size_t version = state.editing.history.version();  // an edit in place keeps the layer's address
    if (importing.existing_of != &list || importing.existing_count != list.features.size() || importing.existing_version != version || !importing.existing) {
        importing.existing = std::make_shared<const workspace::ExistingRows>(list);  // once per version of the list
        importing.existing_of = &list;
        importing.existing_count = list.features.size();
        importing.existing_version = version;
    }
    const workspace::ExistingRows& existing = *importing.existing;
    for (std::size_t i = 0; i < sheet.features.size(); ++i) {
        ImportRow row;
        row.feature = i;
        row.row = sheet.features[i].fid;
        try {
            row.values.values = workspace::list_values(sheet, sheet.features[i], list, preview.mapping, preview.problems);
        } catch (const Error& e) {
            preview.problems.push_back("row " + std::to_string(row.row) + ": " + e.message());
            continue;
        }
        if (const auto fix = importing.fixes.find(i); fix != importing.fixes.end()) {
            put(list, row.values.values, model::Meaning::Township, fix->second.first);
            put(list, row.values.values, model::Meaning::VillageName, fix->second.second);
        }
        if (preview.mapping.point_from_columns) {
            const auto lon = model::to_degrees(sheet.value(sheet.features[i], model::Meaning::Lon)), lat = model::to_degrees(sheet.value(sheet.features[i], model::Meaning::Lat));
            if (lon && lat) row.values.lon_lat = model::Vec2{*lon, *lat};
        }
        row.name = text_of(list, row.values.values, model::Meaning::ProjectName);
        row.township = text_of(list, row.values.values, model::Meaning::Township);
        row.village = text_of(list, row.values.values, model::Meaning::VillageName);
        match(state, row);
        if (existing.usable()) row.duplicate_of = existing.duplicate_of(row.values.values);
        row.taken = !row.duplicate_of && !importing.left_out.count(i);
        preview.rows.push_back(std::move(row));
    }
    return preview;
}

model::Edit import_edit(const ViewerState& state, const ImportPreview& preview) {
    std::vector<workspace::NewRow> rows;
    for (const auto& row : preview.rows)
        if (row.taken) rows.push_back(row.values);
    if (rows.empty()) throw Error("no row to append: every row is left out or already in the list");
    model::Edit edit = workspace::append_rows_edit(state.project(), *state.editing.importing.target, rows);
    edit.description = "import " + std::to_string(rows.size()) + " rows of " + state.editing.importing.sheet->file_name();
    return edit;
}

}  // namespace ca::ui
