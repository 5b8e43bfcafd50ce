// countyatlas: the viewer when run alone, headless subcommands otherwise.
#include <iostream>

#include <CLI/CLI.hpp>
#include <cpl_error.h>

#include "app/view_command.hpp"
#include "cli/commands.hpp"
#include "core/model/error.hpp"

int main(int argc, char** argv) {
    // GDAL's own "ERROR 1:" and "Warning 1:" lines never reach the user: every read and write
    // traps them and says what they mean in one line of ours (io::GdalErrorTrap).
    CPLSetErrorHandler(CPLQuietErrorHandler);
    CLI::App app{"CountyAtlas: maps and statistics of poverty-alleviation projects for a county office.\n"
                 "Run without arguments to open the built-in sample county."};
    app.footer("Exit status: 0 success; 2 bad input (one line on stderr names the file, layer and feature); "
               "1 any other failure.");
    app.require_subcommand(0, 1);
    ca::cli::register_info_command(app);
    ca::cli::register_check_command(app);
    ca::cli::register_stats_command(app);
    ca::cli::register_rank_command(app);
    ca::cli::register_clusters_command(app);
    ca::cli::register_export_command(app);
    auto view = ca::app::register_view_command(app);
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
        return ca::cli::kExitBadInput;
    } catch (const std::exception& e) {
        std::cerr << "countyatlas: unexpected failure: " << e.what() << "\n";
        return ca::cli::kExitFailure;
    }
}
