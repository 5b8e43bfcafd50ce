// `countyatlas import`: a new project sheet appended to the project list an office keeps, after a
// preview of how its columns map, which rows match a village and which the list holds already;
// saved as the viewer saves (backup, changed-on-disk check, read back and compared).
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/import_villages.hpp"
#include "cli/source_options.hpp"
#include "core/io/field_types.hpp"
#include "core/io/working_crs.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"
#include "core/workspace/import_rows.hpp"
#include "core/workspace/project_file.hpp"
#include "core/workspace/save_edits.hpp"

namespace ca::cli {
namespace {

// The list rows are appended to, loaded as the viewer loads it, and which of its layers it is.
struct Target {
    model::Project project;
    loading::LoadOptions options;  // how it was read: the save reads it back so
    std::size_t layer = 0;         // into project.layers
    const model::Layer& list() const { return project.layers[layer]; }
};

// --into FILE[:LAYER]: the sites layer of the file (a file of one layer is taken as sites); or a
// project file, whose sites layer it is (with the field choices and reading options it keeps).
Target load_target(const std::string& into, const loading::LoadOptions& options) {
    Target target;
    target.options = options;
    if (workspace::is_project_file(into)) {
        const workspace::ProjectFile file = workspace::read_project_file(into);
        target.project = workspace::load_project_file(file).project;
        target.options = file.options;
    } else {
        target.project = loading::load_project({{into, model::Role::Unknown}}, options);
        if (target.project.layers_with(model::Role::Sites).empty() && target.project.layers.size() == 1)
            target.project = loading::load_project({{into, model::Role::Sites}}, options);
    }
    const auto sites = target.project.layers_with(model::Role::Sites);
    if (sites.size() != 1)
        throw Error("--into " + into + ": holds " + std::to_string(sites.size()) + " project (sites) layers; name the one to append to as --into FILE:LAYER");
    target.layer = static_cast<std::size_t>(sites.front() - target.project.layers.data());
    target.project.working = io::choose_working_crs(target.project.extent());
    for (const auto& line : target.project.problems.summary()) std::cerr << "countyatlas: " << line << "\n";
    return target;
}

std::string field_unit(const model::Layer& layer, std::size_t field) {
    const auto& funds = layer.mapping[model::Meaning::Funds];
    if (!funds || funds->field_index != static_cast<int>(field)) return "";
    if (layer.field_names[field].find("元") != std::string::npos) return "";  // the name says it: 资金（万元）
    return funds->scale == 10000 ? " (万元)" : " (元)";
}

// The mapping on stdout, a line per field of the list; columns with no field on stderr.
void show_mapping(const model::Layer& sheet, const model::Layer& list, const workspace::ColumnMapping& mapping) {
    std::cout << "columns: " << list.file_name() << ", layer " << list.name << " <- " << sheet.file_name() << ", sheet " << sheet.name << "\n";
    for (const auto& link : mapping.links)
        std::cout << "  " << list.field_names[link.field] << field_unit(list, link.field) << " <- " << sheet.field_names[link.column]
                  << field_unit(sheet, link.column) << (link.given ? " (--map)" : "") << "\n";
    if (mapping.point_from_columns)
        std::cout << "  point <- " << sheet.field_names[static_cast<std::size_t>(sheet.mapping.index(model::Meaning::Lon))] << ", "
                  << sheet.field_names[static_cast<std::size_t>(sheet.mapping.index(model::Meaning::Lat))] << "\n";
    for (const std::size_t column : mapping.unplaced)
        std::cerr << "countyatlas: column " << sheet.field_names[column] << " has no field in " << list.file_name()
                  << "; not imported (--map FIELD=" << sheet.field_names[column] << " puts it in one)\n";
}

struct Tally {
    std::size_t appended = 0, duplicates = 0, unmatched = 0;
};

// What the preview and the decisions say of one row, and whether it is appended.
struct RowDecision {
    workspace::NewRow row;
    bool append = true;
};

class RowReview {
public:
    RowReview(const model::Layer& sheet, const model::Layer& list, const workspace::ColumnMapping& mapping, const SheetVillages& villages,
              bool allow_duplicates)
        : m_sheet(sheet), m_list(list), m_mapping(mapping), m_villages(villages), m_existing(list), m_allow_duplicates(allow_duplicates) {}

    RowDecision review(std::size_t i, Tally& tally) const {
        const model::Feature& f = m_sheet.features[i];
        const std::string where = "countyatlas: " + m_sheet.file_name() + ", " + workspace::feature_label(m_sheet, f) + ": ";
        RowDecision decision;
        std::vector<std::string> problems;
        try {
            decision.row.values = workspace::list_values(m_sheet, f, m_list, m_mapping, problems);
        } catch (Error& e) {
            e.file(m_sheet.file_name()).feature(workspace::feature_label(m_sheet, f));
            throw;
        }
        if (m_mapping.point_from_columns && !f.geometry.empty()) decision.row.lon_lat = f.geometry.coords.front();
        for (const auto& problem : problems) std::cerr << where << problem << "\n";
        const auto twin = m_existing.duplicate_of(decision.row.values);
        decision.append = !twin || m_allow_duplicates;
        const RowVillage village = m_villages.row(i);
        std::cout << "  " << workspace::feature_label(m_sheet, f) << "  " << model::to_text(m_sheet.value(f, model::Meaning::ProjectName)) << "  "
                  << model::to_text(m_sheet.value(f, model::Meaning::Township)) << " " << model::to_text(m_sheet.value(f, model::Meaning::VillageName))
                  << ": " << village.text;
        if (twin) {
            const std::string what = "already in " + m_list.file_name() + " as " + workspace::feature_label(m_list, m_list.features[*twin]);
            tally.duplicates += !decision.append;
            std::cout << "; " << what << (decision.append ? ", kept (--allow-duplicates)" : ", left out");
            std::cerr << where << what << (decision.append ? "; kept (--allow-duplicates)" : "; left out (--allow-duplicates appends it)") << "\n";
        }
        // A row left out is not in the list: whether it matches a village no longer matters.
        if (decision.append && m_villages.checked() && !village.matched) {
            ++tally.unmatched;
            std::cerr << where << village.text << "; kept as written\n";
        }
        std::cout << "\n";
        return decision;
    }

private:
    const model::Layer& m_sheet;
    const model::Layer& m_list;
    const workspace::ColumnMapping& m_mapping;
    const SheetVillages& m_villages;
    workspace::ExistingRows m_existing;
    bool m_allow_duplicates;
};

// The one edit, saved as the viewer saves; any failure to write exits 3 with its one line.
void append(Target& target, const std::vector<workspace::NewRow>& rows) {
    model::apply_edit(target.project, workspace::append_rows_edit(target.project, target.layer, rows));
    workspace::SessionBackups backups;
    std::vector<std::string> lines;
    try {
        lines = workspace::save_edits(target.project, {target.options, false}, backups);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::BadInput) throw;
        throw Error(e.what(), ErrorKind::CannotWrite);
    }
    for (const auto& line : lines) std::cerr << "countyatlas: " << line << "\n";
}

struct ImportCommand {
    SourceOptions sources;
    std::string into;
    std::vector<std::string> maps;
    bool dry_run = false, allow_duplicates = false;

    void run() const {
        if (sources.sites.size() != 1) throw Error("import takes one new sheet: --sites FILE[:SHEET]");
        if (!sources.townships.empty() || !sources.lines.empty() || !sources.ponds.empty())
            throw Error("import reads the new sheet (--sites) and the villages to match it against (--villages); --townships, --lines and --ponds have no use here");
        if (into.empty()) throw Error("import needs the list to append to: --into FILE[:LAYER] (GeoPackage, shapefile, CSV or XLSX)");
        std::vector<workspace::MapChoice> choices;
        for (const auto& text : maps) choices.push_back(workspace::parse_map_choice(text));
        const model::Project incoming = sources.load();
        const auto sheets = incoming.layers_with(model::Role::Sites);
        if (sheets.size() != 1) throw Error("--sites " + sources.sites.front() + ": holds " + std::to_string(sheets.size()) + " sheets of projects; name one as FILE:SHEET");
        Target target = load_target(into, sources.load_options());
        const model::Layer& sheet = *sheets.front();
        auto mapping = workspace::map_columns(sheet, target.list(), choices);
        const auto integers = io::integer_fields(target.list());
        for (auto& link : mapping.links) link.whole_numbers = integers.count(target.list().field_names[link.field]) > 0;
        show_mapping(sheet, target.list(), mapping);
        auto village_layers = incoming.layers_with(model::Role::Villages);
        if (sources.villages.empty()) village_layers = target.project.layers_with(model::Role::Villages);
        const SheetVillages villages(sheet, village_layers);
        if (!villages.checked()) std::cerr << "countyatlas: rows not matched to villages: no villages layer; give one with --villages\n";
        if (!workspace::ExistingRows(target.list()).usable())
            std::cerr << "countyatlas: " << target.list().file_name() << " has no project name field: duplicates not looked for\n";
        Tally tally;
        std::vector<workspace::NewRow> rows;
        {
            const RowReview review(sheet, target.list(), mapping, villages, allow_duplicates);
            std::cout << "rows:\n";
            for (std::size_t i = 0; i < sheet.features.size(); ++i)
                if (RowDecision d = review.review(i, tally); d.append) rows.push_back(std::move(d.row));
        }
        tally.appended = rows.size();
        const std::string counts = " (" + std::to_string(tally.duplicates) + " duplicates left out, " + std::to_string(tally.unmatched) + " rows unmatched)";
        const std::string file = target.list().file_name();
        if (dry_run) {
            std::cerr << "countyatlas: dry run: would append " << tally.appended << " rows to " << file << counts << "; nothing written\n";
            return;
        }
        if (!rows.empty()) append(target, rows);
        std::cerr << "countyatlas: appended " << tally.appended << " rows to " << file << counts << "\n";
    }
};

}  // namespace

void register_import_command(CLI::App& root) {
    auto command = std::make_shared<ImportCommand>();
    CLI::App* import = root.add_subcommand("import", "Append the rows of a new project sheet to the project list you keep, after a preview");
    import->footer([] {
        return std::string(
            "Prints the column mapping (list field <- sheet column, money converted into the list's unit) and a line per row: its "
            "row number as Excel shows it, project name, the village it matches (--villages, else the villages layer of the --into "
            "file) or the best candidate when none, and whether the list holds it already (same project name, township and village, "
            "and year when both have one): such rows are left out unless --allow-duplicates. Then appends the rest in one save: the "
            "file as it was kept once as FILE.bak, a GeoPackage written in one transaction, what was written read back and "
            "compared. Sheet columns with no field in the list are named on stderr.\n");
    });
    command->sources.add_to(*import, false);
    import->add_option("--into", command->into, "The project list to append to, FILE[:LAYER] (GeoPackage, shapefile, CSV or XLSX), or a project file *.cap.json with one sites layer");
    import->add_option("--map", command->maps, "FIELD=COLUMN: fill the list's FIELD (a field name or meaning, e.g. batch) from the sheet's COLUMN");
    import->add_flag("--dry-run", command->dry_run, "Show the preview only; write nothing");
    import->add_flag("--allow-duplicates", command->allow_duplicates, "Append rows the list holds already too");
    import->callback([command] { command->run(); });
}

}  // namespace ca::cli
