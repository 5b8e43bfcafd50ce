// Editing together: a layer's edits saved to its PostGIS table in one transaction, each changed
// or deleted row only where its row_version is still the one this editor read (optimistic
// locking; a trigger raises it on every update, whoever makes it). A row someone else changed or
// deleted since is a conflict: nothing is saved, and the message shows theirs beside mine.
#pragma once

#include "core/model/layer.hpp"

namespace ca::postgis {

// Throws ca::Error (one line, naming the table and the first conflicting rows) on a conflict,
// a refused value or a dropped connection; the table is then as it was.
void save_rows(const model::Layer& layer);

// The column a published table keeps its row versions in.
inline constexpr const char* kRowVersionColumn = "row_version";

}  // namespace ca::postgis
