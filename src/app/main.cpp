// countyatlas: the viewer when run alone, headless subcommands otherwise.
#include <signal.h>
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>
#include <cpl_error.h>

#include "app/view_command.hpp"
#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "core/model/error.hpp"

namespace {

// Ctrl-C cancels the run: it ends with its own exit status instead of dying by the signal. The
// cleanup of safe writing (core/model/temp_registry), installed later, runs first and then calls
// this, so no temporary file is left. Only async-signal-safe calls here (write, _exit).
extern "C" void on_interrupt(int) {
    constexpr char kSaid[] = "countyatlas: cancelled\n";
    [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, kSaid, sizeof kSaid - 1);
    ::_exit(ca::cli::kExitCancelled);
}

void cancel_on_interrupt() {
    struct sigaction current {};
    sigaction(SIGINT, nullptr, &current);
    if (current.sa_handler == SIG_IGN) return;  // started in the background (`cmd &`): Ctrl-C is not for us
    struct sigaction ours {};
    ours.sa_handler = on_interrupt;
    sigemptyset(&ours.sa_mask);
    sigaction(SIGINT, &ours, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
    // GDAL's own "ERROR 1:" and "Warning 1:" lines never reach the user: every read and write
    // traps them and says what they mean in one line of ours (io::GdalErrorTrap).
    CPLSetErrorHandler(CPLQuietErrorHandler);
    cancel_on_interrupt();
    CLI::App app{"CountyAtlas: maps and statistics of poverty-alleviation projects for a county office.\n"
                 "Run without arguments to open the built-in sample county."};
    app.require_subcommand(0, 1);
    ca::cli::register_info_command(app);
    ca::cli::register_check_command(app);
    ca::cli::register_stats_command(app);
    ca::cli::register_rank_command(app);
    ca::cli::register_clusters_command(app);
    ca::cli::register_export_command(app);
    ca::cli::register_place_command(app);
    ca::cli::register_import_command(app);
    ca::cli::register_publish_command(app);
    auto view = ca::app::register_view_command(app);
    app.footer(ca::cli::kExitStatusHelp);
    for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) command->footer(ca::cli::kExitStatusHelp);
    try {
        app.parse(argc, argv);
        if (app.get_subcommands().empty()) return ca::app::run_view_on_sample(view, argv[0]);
        return ca::app::view_exit_code(view);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : ca::cli::kExitBadInput;
    } catch (const ca::cli::ExitStatus& status) {
        return status.code;
    } catch (const ca::Error& e) {
        std::cerr << "countyatlas: " << e.what() << "\n";
        return ca::cli::exit_status(e.kind());
    } catch (const std::exception& e) {
        std::cerr << "countyatlas: unexpected failure: " << e.what() << "\n";
        return ca::cli::kExitFailure;
    }
}
