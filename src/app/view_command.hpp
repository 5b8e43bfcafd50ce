// `countyatlas view FILE...` (and `countyatlas` alone, on the sample): the map window.
#pragma once

#include <memory>

#include <CLI/CLI.hpp>

namespace ca::app {

struct ViewCommand;

// Registers `view`; the returned handle runs the viewer on the sample when no subcommand is given.
std::shared_ptr<ViewCommand> register_view_command(CLI::App& root);
int run_view_on_sample(const std::shared_ptr<ViewCommand>& command, const char* argv0);
int view_exit_code(const std::shared_ptr<ViewCommand>& command);

}  // namespace ca::app
