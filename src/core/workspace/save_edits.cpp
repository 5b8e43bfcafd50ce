// Saving edited layers into their sources (see save_edits.hpp).
#include "core/workspace/save_edits.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "core/io/csv_grid.hpp"
#include "core/io/encoding.hpp"
#include "core/io/table_patch.hpp"
#include "core/io/table_reader.hpp"
#include "core/io/vector_reader.hpp"
#include "core/io/vector_writer.hpp"
#include "core/model/database_source.hpp"
#include "core/model/error.hpp"
#include "core/postgis/save_rows.hpp"
#include "core/model/safe_write.hpp"
#include "core/model/text.hpp"

namespace ca::workspace {
namespace {

namespace fs = std::filesystem;

// "GBK (.cpg)" -> "GBK": the encoding's own name in a layer's description of how it was read.
std::string encoding_name(const model::Layer& layer) {
    const auto bracket = layer.encoding.find(" (");
    return bracket == std::string::npos ? layer.encoding : layer.encoding.substr(0, bracket);
}

bool is_table(const model::Layer& layer) { return layer.fids_are_rows && (layer.driver == "CSV" || layer.driver == "XLSX"); }

bool is_database(const model::Layer& layer) { return model::is_database_source(layer.source_path); }

void check_writable(const model::Layer& layer, bool overwrite_changed) {
    if (is_database(layer)) return;  // checked row by row as it is saved (postgis::save_rows)
    if (!is_table(layer) && !io::can_write_back_vector(layer))
        throw Error("cannot be saved in its own format (" + layer.driver + "); nothing was saved. Use \"Save as GeoPackage\" to keep the edits")
            .file(layer.file_name())
            .layer(layer.name);
    if (!overwrite_changed && layer.source_stamp.known && model::stamp_of(layer.source_path) != layer.source_stamp)
        throw Error("was changed on disk by another program since it was read; nothing was saved. Reload it, overwrite it, or save elsewhere")
            .file(layer.file_name());
}

// Where new rows go in a CSV: just below the last row that was data (the rows after it are the
// 合计 block and notes), found in the file's own rows since a quoted cell may span lines.
std::int64_t csv_insertion_row(const model::Layer& layer, std::int64_t last_data_row) {
    if (last_data_row <= 0) return 0;
    std::ifstream in(layer.source_path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    std::string_view text = bytes;
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
    io::TextDecoder decoder(io::EncodingChoice{encoding_name(layer), "as read"});
    const auto grid = io::read_csv_grid(decoder.decode(text), layer.file_name());
    for (std::size_t i = 0; i + 1 < grid.size(); ++i)
        if (grid[i].number == last_data_row) return grid[i + 1].number;
    return 0;
}

io::TablePatch table_patch(const model::Layer& layer) {
    std::unordered_map<std::int64_t, const model::Feature*> by_fid;
    std::int64_t last_data_row = 0;
    for (const auto& f : layer.features) {
        by_fid.emplace(f.fid, &f);
        last_data_row = std::max(last_data_row, f.fid);
    }
    io::TablePatch patch;
    for (const auto& [fid, parts] : layer.edited) {
        last_data_row = std::max(last_data_row, fid);
        const auto found = by_fid.find(fid);
        if (found == by_fid.end()) {
            if (fid >= 0) patch.deleted.push_back(fid);
        } else if (fid >= 0) {
            io::RowChange change{fid, {}};
            for (const std::size_t field : parts.fields) change.cells.emplace_back(static_cast<int>(field), found->second->values[field]);
            if (!change.cells.empty()) patch.changed.push_back(std::move(change));
        }
    }
    for (const auto& f : layer.features)  // in the order they were added
        if (f.fid < 0) patch.added.push_back(f.values);
    if (!patch.added.empty())
        patch.insert_before = layer.driver == "CSV" ? csv_insertion_row(layer, last_data_row) : (last_data_row > 0 ? last_data_row + 1 : 0);
    return patch;
}

void write_layer(const model::Layer& layer) {
    if (is_database(layer)) return postgis::save_rows(layer);
    if (!is_table(layer)) return io::write_back_vector(layer, encoding_name(layer));
    const io::TablePatch patch = table_patch(layer);
    if (layer.driver == "CSV") io::patch_csv(layer.source_path, encoding_name(layer), patch);
    else io::patch_xlsx(layer.source_path, layer.name, patch);
}

// A feature as comparable text: its values, and its first coordinate to about a centimetre.
std::string fingerprint(const model::Feature& f) {
    std::string key;
    for (const auto& value : f.values) {
        const auto number = model::to_number(value);
        key += (number ? model::to_text(std::round(*number * 1e6) / 1e6) : model::normalize_text(model::to_text(value))) + '\x1f';
    }
    if (!f.geometry.empty()) {
        const model::Vec2 p = f.geometry.coords.front();
        key += std::to_string(std::llround(p.x * 1e7)) + "," + std::to_string(std::llround(p.y * 1e7)) + "/" + std::to_string(f.geometry.coords.size());
    }
    return key;
}

// What the file holds now must be what the layer held: the same features, values and places.
void compare_read_back(const model::Layer& written, const model::Layer& read) {
    std::vector<std::string> expected, found;
    for (const auto& f : written.features) expected.push_back(fingerprint(f));
    for (const auto& f : read.features) found.push_back(fingerprint(f));
    std::sort(expected.begin(), expected.end());
    std::sort(found.begin(), found.end());
    if (expected == found) return;
    throw Error("was saved, but reading it back gives " + std::to_string(read.features.size()) + " features where " +
                std::to_string(written.features.size()) + " were written, or other values; check it (the version before is in " +
                written.file_name() + ".bak)")
        .file(written.file_name())
        .layer(written.name);
}

// The layer as its file holds it now, with the roles and field choices the user made.
model::Layer read_back(const model::Layer& written, const loading::LoadOptions& options) {
    model::Project fresh = loading::load_project({{io::source_argument({written.source_path, written.name}), written.role}}, options);
    if (fresh.layers.size() != 1) throw Error("was saved, but cannot be read back as one layer").file(written.file_name()).layer(written.name);
    model::Layer layer = std::move(fresh.layers.front());
    layer.role_given = written.role_given;
    layer.mapping = written.mapping;
    return layer;
}

std::vector<fs::path> files_of(const model::Layer& layer) {
    if (is_database(layer)) return {};  // the database keeps its own: the save is one transaction
    std::vector<fs::path> files{layer.source_path};
    if (layer.driver != "ESRI Shapefile") return files;
    for (const char* ext : {".shx", ".dbf", ".prj", ".cpg"}) {
        fs::path sibling = layer.source_path;
        std::error_code ec;
        if (fs::is_regular_file(sibling.replace_extension(ext), ec)) files.push_back(sibling);
    }
    return files;
}

std::string summary_line(const model::Layer& layer) {
    std::size_t added = 0, removed = 0, changed = 0;
    std::unordered_map<std::int64_t, bool> present;
    for (const auto& f : layer.features) present.emplace(f.fid, true);
    for (const auto& [fid, parts] : layer.edited) {
        const bool now = present.count(fid) > 0;
        if (fid < 0) added += now;
        else if (!now) ++removed;
        else ++changed;
    }
    return layer.file_name() + (layer.fids_are_rows ? ", sheet " + layer.name : ", layer " + layer.name) + ": saved " + std::to_string(changed) +
           " changed, " + std::to_string(added) + " added, " + std::to_string(removed) + " deleted";
}

}  // namespace

void SessionBackups::before_writing(const std::string& path) {
    if (!m_done.insert(path).second) return;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return;
    model::write_via_temp(path + ".bak", [&](model::TempFile& out) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw model::WriteFailure("cannot read " + model::file_name(path) + " to back it up");
        std::string chunk(1 << 20, '\0');
        while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0)
            out.write(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
    });
}

std::vector<std::size_t> edited_layers(const model::Project& project) {
    std::vector<std::size_t> edited;
    for (std::size_t i = 0; i < project.layers.size(); ++i)
        if (!project.layers[i].edited.empty()) edited.push_back(i);
    return edited;
}

std::vector<std::string> changed_on_disk(const model::Project& project) {
    std::vector<std::string> files;
    for (const std::size_t i : edited_layers(project)) {
        const model::Layer& layer = project.layers[i];
        if (!layer.source_stamp.known || model::stamp_of(layer.source_path) == layer.source_stamp) continue;
        if (std::find(files.begin(), files.end(), layer.file_name()) == files.end()) files.push_back(layer.file_name());
    }
    return files;
}

std::vector<std::string> save_edits(model::Project& project, const SaveOptions& options, SessionBackups& backups) {
    const std::vector<std::size_t> edited = edited_layers(project);
    for (const std::size_t i : edited) check_writable(project.layers[i], options.overwrite_changed);
    std::vector<std::string> lines;
    for (const std::size_t i : edited) {
        model::Layer& layer = project.layers[i];
        for (const fs::path& file : files_of(layer)) backups.before_writing(file.string());
        write_layer(layer);
        lines.push_back(summary_line(layer));
        model::Layer fresh = read_back(layer, options.load);
        // A shared table holds others' rows too, and every saved row a new version: the
        // transaction's row-by-row checks stand for the comparison there.
        if (!is_database(layer)) compare_read_back(layer, fresh);
        for (auto& other : project.layers)  // other layers of the same file: its new stamp is ours
            if (other.source_path == layer.source_path) other.source_stamp = fresh.source_stamp;
        layer = std::move(fresh);
    }
    return lines;
}

}  // namespace ca::workspace
