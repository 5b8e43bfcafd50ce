// Output-versus-input checks by file identity, not by spelling: `./a.csv`, `a.csv` and a link to
// it are one file.
#include "cli/output_guard.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>

#include "core/io/vector_reader.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"
#include "core/workspace/project_file.hpp"

namespace ca::cli {
namespace {

namespace fs = std::filesystem;

// The files GDAL reads together with the one named: a shapefile's parts and index files, a
// CSV's column types and CRS. Writing any of them changes what the input reads as.
constexpr std::array kShapefileParts = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qpj", ".shp.xml"};
constexpr std::array kCsvParts = {".csv", ".csvt", ".prj"};

std::string lower_extension(const fs::path& path) {
    const std::string name = model::fold_key(path.filename().string());
    if (name.size() > 8 && name.ends_with(".shp.xml")) return ".shp.xml";
    return model::fold_key(path.extension().string());
}

std::string stem_of(const fs::path& path) {
    const std::string name = path.filename().string();
    const std::string ext = lower_extension(path);
    return name.substr(0, name.size() - ext.size());
}

template <std::size_t N>
bool in(const std::array<const char*, N>& list, const std::string& ext) {
    return std::any_of(list.begin(), list.end(), [&](const char* e) { return ext == e; });
}

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec) && !ec;
}

bool same_folder(const fs::path& a, const fs::path& b) {
    return same_file(a.parent_path().empty() ? "." : a.parent_path(), b.parent_path().empty() ? "." : b.parent_path());
}

// Whether writing `output` changes what reading `input` gives; the name of the input it is a part
// of when it is only a part (for the message), else empty.
bool overwrites(const fs::path& output, const fs::path& input, std::string& part_of) {
    if (same_file(output, input)) return true;
    std::error_code ec;
    const std::string out_ext = lower_extension(output);
    if (fs::is_directory(input, ec)) {  // a folder of shapefiles: every part in it is read
        part_of = input.string();
        return in(kShapefileParts, out_ext) && same_file(output.parent_path().empty() ? "." : output.parent_path(), input);
    }
    const std::string in_ext = lower_extension(input);
    const bool family = (in(kShapefileParts, in_ext) && in(kShapefileParts, out_ext)) || (in(kCsvParts, in_ext) && in(kCsvParts, out_ext));
    part_of = input.filename().string();
    return family && stem_of(output) == stem_of(input) && same_folder(output, input);
}

[[noreturn]] void refuse(const std::string& output, const std::string& part_of) {
    throw Error(std::string("the output is one of the inputs") + (part_of.empty() ? "" : " (a part of " + part_of + ")") +
                "; write to another file")
        .file(output);
}

}  // namespace

std::vector<std::string> input_files(const SourceOptions& sources) {
    std::vector<std::string> files;
    for (const auto& source : sources.sources()) files.push_back(io::parse_source(source.spec).path);
    for (const auto& project_file : sources.project_files()) {
        files.push_back(project_file);
        try {
            for (const auto& source : workspace::read_project_file(project_file).sources) files.push_back(io::parse_source(source.spec).path);
        } catch (const Error&) {
            // Loading says what is wrong with it; the project file itself is still guarded.
        }
    }
    return files;
}

void refuse_output_over_inputs(const std::string& output, const std::vector<std::string>& inputs) {
    if (output.empty()) return;
    for (const auto& input : inputs) {
        std::string part_of;
        if (!overwrites(output, input, part_of)) continue;
        refuse(output, same_file(output, input) ? "" : part_of);
    }
}

void refuse_atlas_over_inputs(const std::string& folder, const std::vector<std::string>& inputs) {
    for (const auto& input : inputs) {
        if (same_file(folder, input)) refuse(folder, "");
        const fs::path path(input);
        if (!same_file(path.parent_path().empty() ? "." : path.parent_path(), folder)) continue;
        const std::string name = path.filename().string();
        const bool page = name.size() > 7 && std::isdigit(static_cast<unsigned char>(name[0])) &&
                          std::isdigit(static_cast<unsigned char>(name[1])) && name[2] == '-' && lower_extension(path) == ".png";
        if (name == "atlas.pdf" || page) refuse((fs::path(folder) / name).string(), "");
    }
}

}  // namespace ca::cli
