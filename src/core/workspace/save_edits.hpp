// Ctrl+S: every edited layer written back to its own source (GeoPackage, shapefile, CSV, XLSX),
// safely: nothing is written until every source is checked, the file as it was kept once per
// session as NAME.bak, each write atomic, and what was written read back and compared.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/loading/load_project.hpp"
#include "core/model/project.hpp"

namespace ca::workspace {

// The files backed up this session: the first save of a file keeps it, as it was, in FILE.bak
// (a shapefile: each of its files); later saves of the session leave that backup alone.
class SessionBackups {
public:
    void before_writing(const std::string& path);

private:
    std::set<std::string> m_done;
};

// Layers with unsaved edits, by index into Project::layers.
std::vector<std::size_t> edited_layers(const model::Project& project);

// The sources of edited layers that another program changed since they were read or saved (their
// size or time differs), each once, as users name them.
std::vector<std::string> changed_on_disk(const model::Project& project);

struct SaveOptions {
    loading::LoadOptions load;         // how the sources were read: they are read again so
    bool overwrite_changed = false;    // write even over a file changed on disk since it was read
};

// Writes every edited layer back into its source and reads it again: the layer is replaced by
// what the file now holds (new rows get their row numbers, new features their ids) and its edits
// are cleared. Before anything is written, every edited layer is checked: its format can be
// written (GeoPackage, shapefile, CSV or XLSX table) and its file is as it was read (unless
// overwrite_changed); otherwise throws ca::Error and writes nothing. A file read back unlike
// what was written throws too, naming the file (its .bak holds the version before). Returns one
// line per file saved, for the status bar and stderr.
std::vector<std::string> save_edits(model::Project& project, const SaveOptions& options, SessionBackups& backups);

}  // namespace ca::workspace
