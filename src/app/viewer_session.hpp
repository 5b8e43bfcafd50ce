// One viewer session in its phases: the first load, files dropped, a script step, a frame, the
// export and its preview on workers. run_viewer (viewer.cpp) opens the window and calls frame()
// until it says the session is over.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/export_job.hpp"
#include "app/edit_tool.hpp"
#include "app/export_preview.hpp"
#include "app/navigator.hpp"
#include "app/project_edit.hpp"
#include "app/refresh_job.hpp"
#include "app/script.hpp"
#include "app/viewer.hpp"
#include "render/map_renderer.hpp"
#include "ui/viewer_state.hpp"

struct GLFWwindow;

namespace ca::app {

class ViewerSession {
public:
    // Starts `load` on a worker at once; the window shows its progress. The window and its GL and
    // ImGui contexts must outlive the session. `script`: read_script of options.script_path (read
    // before the window opens, so that a typo fails first).
    ViewerSession(const Loader& load, const ViewerOptions& options, std::vector<ScriptLine> script, GLFWwindow* window);
    ViewerSession(const ViewerSession&) = delete;
    ViewerSession& operator=(const ViewerSession&) = delete;

    // One frame: events, results of workers, a script step, panels and map, then the actions they
    // asked for. False when the session is over (a script, screenshot or bench run done).
    bool frame();
    // --bench-frames: the frame times and start-up figures, as one JSON line.
    void print_bench() const;
    // A worker still reads files or counts: nothing of it is wanted once the window closes.
    bool workers_running() const;

private:
    // The first load's result: the data, and a first map built on the worker.
    struct FirstMap {
        Opened opened;
        std::shared_ptr<const scene::Scene> scene;
        render::MapMesh mesh;
        ImVector<ImWchar> glyphs;
        bool preview = false;  // thinned: the full scene comes with the statistics
    };
    static FirstMap build_first_map(const Loader& load, std::atomic<int>& stage, model::Language language, const std::vector<std::string>& ui_text);
    using Clock = std::chrono::steady_clock;

    void start_first_load();
    void take_quick_map();
    void answer_password(const std::string& password);
    void take_first_load();
    void take_refresh();
    void update_canvas();
    bool drive(std::string& screenshot_now, bool& export_now);  // script, screenshot or bench
    bool script_step(std::string& screenshot_now, bool& export_now);
    void read_dropped_files(bool wait);
    void open_for_script(const std::string& path);
    void settle();  // waits for files being read and every refresh asked for
    void refresh_glyphs();
    void draw_loading();
    ui::Actions draw_frame(const std::string& screenshot_now);
    void load_detail();
    void after_frame(const ui::Actions& actions, bool script_export);
    void run_export(bool wanted_now, bool script_export);
    void update_export_preview(bool settings_changed);
    void upload(render::MapMesh mesh);
    void guard_unsaved_edits();
    bool play_input();

    const ViewerOptions& m_options;
    const Loader& m_load;  // run_viewer's: read again when a database asks for a password first
    GLFWwindow* m_window;
    const Clock::time_point m_started = Clock::now();
    std::vector<ScriptLine> m_script;
    bool m_unattended = false;
    std::vector<std::string> m_dropped;  // files dropped on the window or opened, to read
    ui::ViewerState m_state;
    std::vector<std::string> m_ui_text;  // display names and titles the font atlas must hold
    ImVector<ImWchar> m_glyphs;
    std::atomic<int> m_stage{0};       // before m_first_load: its worker sets it
    std::future<FirstMap> m_first_load;
    struct QuickMap {
        std::shared_ptr<const scene::Scene> scene;
        render::MapMesh mesh;
    };
    std::future<std::optional<QuickMap>> m_quick_map;  // ViewerOptions::quick_map, drawn while the layers are read
    bool m_quick_map_shown = false;
    double m_quick_map_s = 0;
    bool m_loaded = false;
    Clock::time_point m_load_started = Clock::now();
    std::future<AddedLayers> m_adding;  // dropped files being read
    render::MapRenderer m_renderer;
    PreviewTexture m_preview;
    scene::Viewport m_preview_view;
    int m_scene_version = 0, m_preview_scene_version = -1;
    bool m_preview_wanted = false;  // the dialog's settings or the map changed: draw the preview again
    bool m_export_wanted = false;   // asked for while the statistics were being counted: starts after them
    double m_first_upload_ms = 0, m_first_map_s = 0, m_ready_s = 0;
    Refresher m_refresher;
    ExportJob m_exporting;
    Clock::time_point m_last_year_step = Clock::now();
    bool m_refit_when_drawn = false;  // added data moved the working CRS
    std::future<render::MeshLevel> m_detail;  // a big map's detailed level, being built
    std::shared_ptr<const scene::Scene> m_detail_of;
    Navigator m_navigator;
    EditTool m_edit_tool;
    std::shared_ptr<const model::Layer> m_glyphs_of_sheet;  // the import sheet whose characters are in the font atlas
    bool m_title_marked = false;  // the window title ends in " *": unsaved edits
    std::size_t m_script_next = 0;
    bool m_script_background = false;  // script steps do not wait for their refresh (script "background on")
    std::string m_pending_shot;
    std::deque<InputFrame> m_input;  // a script's click, drag or key, a frame at a time
    bool m_input_played = false;     // the last step played input: settle before the next
    int m_warmup = 2;  // frames for ImGui to lay out before scripted actions and screenshots
    std::vector<double> m_frame_ms;
    bool m_first_frame = true;
    int m_fb_width = 0, m_fb_height = 0;
};

}  // namespace ca::app
