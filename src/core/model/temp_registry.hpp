// The temporary files being written right now, so that SIGINT, SIGTERM and SIGHUP remove them
// before the process ends instead of leaving `.NAME.XXXXXX.part` files beside the user's data.
#pragma once

#include <string>

namespace ca::model::detail {

// Remembers `path` until forget_temp_file; call it before the file is created, so that no moment
// is left in which a signal finds the file but not its name. Installs the signal handlers on first use (a signal
// disposition the process set itself, or SIG_IGN, is kept: its handler runs after the cleanup).
// Returns the slot to pass to forget_temp_file, or -1 when all slots are busy (the file is then
// written without signal cleanup; unique names still keep a stale one harmless).
int remember_temp_file(const std::string& path);
void forget_temp_file(int slot);

}  // namespace ca::model::detail
