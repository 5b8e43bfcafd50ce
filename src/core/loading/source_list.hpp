// From what the user named to the list of sources to read: folders opened into their files, the
// same file named twice read once, and one file in two roles refused.
#pragma once

#include <vector>

#include "core/loading/load_project.hpp"
#include "core/model/problems.hpp"

namespace ca::loading {

// A folder becomes every readable data file in it (not its subfolders; a .gdb folder is one
// source), each with the folder's role. A file named again in the same role, or once with a
// role and once without (inside a folder), is read once, with a note. Throws ca::Error when one
// file is given in two different roles: it would be counted as both.
std::vector<SourceArgument> settle_sources(const std::vector<SourceArgument>& named, model::ProblemLog& problems);

}  // namespace ca::loading
