// `countyatlas publish`: a county's files into a PostGIS schema, and a project file pointing there.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output_guard.hpp"
#include "cli/source_options.hpp"
#include "core/io/vector_reader.hpp"
#include "core/model/database_source.hpp"
#include "core/model/error.hpp"
#include "core/postgis/publish.hpp"
#include "core/workspace/project_file.hpp"

namespace ca::cli {
namespace {

// A schema name from the project file's name when it is plain ASCII ("yongsheng.cap.json"), else "county".
std::string default_schema(const std::vector<std::string>& project_files) {
    if (project_files.empty()) return "county";
    std::string stem = std::filesystem::path(project_files.front()).filename().string();
    stem = stem.substr(0, stem.find('.'));
    std::string name;
    for (const char c : stem) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return "county";
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return name.empty() || std::isdigit(static_cast<unsigned char>(name.front())) ? "county" : name;
}

struct PublishCommand {
    SourceOptions sources;
    std::string database;
    std::string schema;
    std::string project_out;
    bool replace = false;

    void run() const {
        if (sources.empty()) throw Error("publish needs a county: PROJECT.cap.json, or its files with --villages, --sites...");
        if (!model::is_database_source(database)) throw Error("--to takes a database: PG:\"host=… dbname=… user=…\"");
        refuse_output_over_inputs(project_out.empty() ? (schema.empty() ? default_schema(sources.project_files()) : schema) + "-postgis.cap.json" : project_out,
                                  input_files(sources));
        const std::string connection = io::parse_source(database).path;  // a typed password goes to libpq, not to the project file
        scene::MapStyle style;
        const model::Project project = sources.load(&style);
        const postgis::PublishOptions options{schema.empty() ? default_schema(sources.project_files()) : schema, replace};
        const auto tables = postgis::publish_project(project, connection, options);

        workspace::ProjectFile file;
        file.style = style;
        for (const auto& table : tables) file.sources.push_back({io::source_argument({connection, table.table}), table.role});
        const std::string out = project_out.empty() ? options.schema + "-postgis.cap.json" : project_out;
        workspace::write_project_file(out, file);
        std::cout << "published into " << model::database_display_name(connection) << ", schema " << options.schema << ":\n";
        for (const auto& table : tables)
            std::cout << "  " << table.table << "  " << model::to_string(table.role) << "  " << table.rows << " rows\n";
        std::cout << "project file: " << out << " (no password in it: libpq takes it from PGPASSWORD, ~/.pgpass or PGSERVICE)\n";
    }
};

}  // namespace

void register_publish_command(CLI::App& root) {
    auto command = std::make_shared<PublishCommand>();
    CLI::App* publish = root.add_subcommand("publish", "Load a county's layers into a PostGIS database, with a project file pointing there");
    command->sources.add_to(*publish);
    publish->add_option("--to", command->database, "The database: PG:\"host=… dbname=… user=…\"")->required();
    publish->add_option("--schema", command->schema, "Schema to load into (default: the project file's name, else county)");
    publish->add_flag("--replace", command->replace, "Load again over tables of the same names");
    publish->add_option("--project-out", command->project_out, "The project file to write (default: SCHEMA-postgis.cap.json here)");
    publish->callback([command] { command->run(); });
}

}  // namespace ca::cli
