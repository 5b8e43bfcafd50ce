// Writing the export dialog's file on a worker with a way to cancel: a province page at 300 dpi
// takes half a minute, and the map stays usable meanwhile. The worker first builds the page's own
// scene (what falls on the page, and a legend of only that), as `export` does.
#pragma once

#include <atomic>
#include <future>
#include <optional>
#include <string>

#include "ui/viewer_state.hpp"

namespace ca::app {

class ExportJob {
public:
    ~ExportJob();
    // Starts writing the current view as the dialog's settings say; nothing if one is running.
    // The worker reads a snapshot of the data (see PageSource): the UI may change it meanwhile.
    void start(const ui::ViewerState& state);
    // Once finished: what to tell the user ("→ FILE", or why it failed or that it was cancelled).
    // Any failure of the worker ends here as a message: the session goes on.
    std::optional<std::string> poll();
    std::string finish();  // waits for it
    void cancel() { m_cancel = true; }
    bool running() const { return m_running.valid(); }
    const std::string& path() const { return m_path; }
    float progress() const { return m_progress; }  // of the map drawn, 0..1

private:
    std::atomic<bool> m_cancel{false};
    std::atomic<float> m_progress{0};
    std::future<std::string> m_running;
    std::string m_path;
};

}  // namespace ca::app
