// Progress on stderr, only when stderr is a terminal.
#include "cli/progress.hpp"

#include <iostream>
#include <string>

#include <unistd.h>

namespace ca::cli {

Progress::Progress() : m_terminal(isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
    if (m_terminal) std::cerr << "\r\033[K" << std::flush;
}

void Progress::stage(std::string_view what) const {
    if (m_terminal) std::cerr << "\r\033[K" << what << "…" << std::flush;
}

}  // namespace ca::cli
