// Expanding folders and reading each file once.
#include "core/loading/source_list.hpp"

#include <filesystem>

#include "core/io/vector_reader.hpp"
#include "core/loading/folder_listing.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"

namespace ca::loading {
namespace {

namespace fs = std::filesystem;

bool is_data_folder(const std::string& path) {
    std::error_code ec;
    return fs::is_directory(path, ec) && !model::ends_with(model::fold_key(path), ".gdb");
}

// The files of a folder, in name order; project files (*.cap.json) are not data.
std::vector<SourceArgument> folder_sources(const SourceArgument& folder) {
    std::vector<SourceArgument> files;
    for (const FolderEntry& entry : list_folder(folder.spec)) {
        if (entry.folder || model::ends_with(model::fold_key(entry.name), ".cap.json")) continue;
        files.push_back({(fs::path(folder.spec) / entry.name).string(), folder.role});
    }
    if (files.empty()) throw Error("the folder holds no data file CountyAtlas reads (.shp, .gpkg, .xlsx, .csv, .kml, .geojson…)").file(folder.spec);
    return files;
}

// Same file and layer: canonical paths compared, so "./a.shp" and "data/../a.shp" are one.
std::string identity(const std::string& spec) {
    const io::SourceSpec source = io::parse_source(spec);
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(source.path, ec);
    return (ec ? source.path : canonical.string()) + "\n" + source.layer;
}

}  // namespace

std::vector<SourceArgument> settle_sources(const std::vector<SourceArgument>& named, model::ProblemLog& problems) {
    std::vector<SourceArgument> expanded;
    std::vector<bool> from_folder;
    for (const SourceArgument& source : named) {
        const bool folder = is_data_folder(io::parse_source(source.spec).path) && io::parse_source(source.spec).layer.empty();
        for (SourceArgument& file : folder ? folder_sources(source) : std::vector<SourceArgument>{source}) {
            expanded.push_back(std::move(file));
            from_folder.push_back(folder);
        }
    }
    std::vector<SourceArgument> settled;
    std::vector<std::string> identities;
    for (std::size_t i = 0; i < expanded.size(); ++i) {
        const std::string id = identity(expanded[i].spec);
        std::size_t k = 0;
        while (k < identities.size() && identities[k] != id) ++k;
        if (k == identities.size()) {
            settled.push_back(expanded[i]);
            identities.push_back(id);
            continue;
        }
        SourceArgument& kept = settled[k];
        const std::string file = model::file_name(io::parse_source(expanded[i].spec).path);
        if (kept.role != model::Role::Unknown && expanded[i].role != model::Role::Unknown && kept.role != expanded[i].role)
            throw Error(std::string("is given as ") + model::to_string(kept.role) + " and as " + model::to_string(expanded[i].role) +
                        "; give each file in one role, or it is counted twice")
                .file(file);
        if (kept.role == model::Role::Unknown) kept.role = expanded[i].role;
        if (!from_folder[i])
            problems.add({model::Severity::Warning, "named twice", file, {}, -1, false, "named more than once; read once"});
    }
    return settled;
}

}  // namespace ca::loading
