// The export dialog's file, written on a worker.
#include "app/export_job.hpp"

#include "app/export_preview.hpp"
#include "core/model/error.hpp"
#include "core/print/export_figure.hpp"

namespace ca::app {

ExportJob::~ExportJob() {
    if (!running()) return;
    cancel();  // the window is closing: stop drawing; the temporary file is removed
    m_running.wait();
}

void ExportJob::start(const ui::ViewerState& state) {
    if (running()) return;
    m_cancel = false;
    m_path = state.export_settings.path;
    print::Figure figure = figure_for_view(state);
    figure.cancel = &m_cancel;
    figure.progress = &m_progress;
    m_progress = 0;
    const auto page = print::page_size_from_string(state.export_settings.page).value_or(print::PageSize{});
    const print::ExportOptions options{page, static_cast<double>(state.export_settings.dpi)};
    // The page's scene is built on the worker (a second for a prefecture), then belongs to it alone.
    m_running = std::async(std::launch::async, [source = page_source(state), figure, options, path = m_path]() mutable {
        try {
            const scene::Scene page = source.build(figure);
            print::export_figure(path, page, figure, options);
            return "→ " + path;
        } catch (const Error& e) {
            return std::string(e.kind() == ErrorKind::Cancelled ? "× " + path : e.what());
        } catch (const std::exception& e) {
            // Out of memory, a library's own exception...: said, and the session goes on.
            return path + ": cannot write the map (" + e.what() + ")";
        }
    });
}

std::optional<std::string> ExportJob::poll() {
    if (!running() || m_running.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
    return m_running.get();
}

std::string ExportJob::finish() {
    if (!running()) return {};
    return m_running.get();
}

}  // namespace ca::app
