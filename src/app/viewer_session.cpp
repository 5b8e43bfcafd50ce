// The viewer session's phases (see viewer_session.hpp).
#include "app/viewer_session.hpp"

#include "app/editing.hpp"

#include <algorithm>
#include <cstdio>
#include <thread>

#define GLFW_INCLUDE_NONE  // OpenGL declarations come from render/gl.hpp
#include <GLFW/glfw3.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/fonts.hpp"
#include "app/viewer_model.hpp"
#include "core/io/vector_reader.hpp"
#include "core/model/database_source.hpp"
#include "core/model/error.hpp"
#include "core/scene/build.hpp"
#include "core/scene/townships.hpp"
#include "render/screenshot.hpp"
#include "ui/panels.hpp"

namespace ca::app {
namespace {

constexpr float kFontSizePx = 17.0f;
constexpr double kPreviewDpi = 60;  // the dialog's picture of the page
constexpr std::size_t kPreviewAboveVertices = 2'000'000;  // a prefecture and up: first a thinned map

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

ui::CanvasRect canvas_rect(int window_width, int window_height) {
    return {ui::kSidePanelWidthPx, 0, std::max(1, window_width - ui::kSidePanelWidthPx - ui::kInfoPanelWidthPx),
            std::max(1, window_height - ui::kStatusBarHeightPx)};
}

void print_screenshot(const std::string& path, const ui::ViewerState& state) {
    const auto& v = state.viewport;
    std::printf("{\"screenshot\": \"%s\", \"map\": {\"x\": %d, \"y\": %d, \"width\": %d, \"height\": %d, "
                "\"centre_m\": [%.3f, %.3f], \"m_per_px\": %.6f}}\n",
                path.c_str(), state.canvas.x, state.canvas.y, v.width_px, v.height_px, v.centre_m.x, v.centre_m.y, v.m_per_px);
    std::fflush(stdout);
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

}  // namespace

ViewerSession::ViewerSession(const Loader& load, const ViewerOptions& options, std::vector<ScriptLine> script, GLFWwindow* window)
    : m_options(options), m_load(load), m_window(window), m_script(std::move(script)),
      m_unattended(!options.screenshot_path.empty() || !options.script_path.empty() || options.bench_frames > 0) {
    // Files dropped on the window are read between frames, once the first load is in.
    glfwSetWindowUserPointer(window, &m_dropped);
    glfwSetDropCallback(window, [](GLFWwindow* w, int count, const char** paths) {
        auto* queue = static_cast<std::vector<std::string>*>(glfwGetWindowUserPointer(w));
        for (int i = 0; i < count; ++i) queue->push_back(paths[i]);
    });
    m_state.style.language = ui::language_from_environment();
    m_state.export_settings.title = ui::tr(ui::Text::DefaultFigureTitle, m_state.style.language);
    glfwGetFramebufferSize(window, &m_fb_width, &m_fb_height);
    m_state.canvas = canvas_rect(m_fb_width, m_fb_height);
    // Glyphs for every display name and the default figure title (again once data is in).
    m_ui_text = model::all_display_names();
    m_ui_text.push_back(m_state.export_settings.title);
    m_glyphs = glyph_ranges(m_state.project(), m_ui_text);
    build_font_atlas(m_glyphs, kFontSizePx);
    start_first_load();
}

// Files are read, and a first map built, on a worker while the window shows progress. The
// statistics follow on another worker once the map is up (see Refresher).
void ViewerSession::start_first_load() {
    m_load_started = Clock::now();
    if (m_options.quick_map && !m_quick_map.valid() && !m_quick_map_shown)
        m_quick_map = std::async(std::launch::async, [&quick = m_options.quick_map, language = m_state.style.language]() -> std::optional<QuickMap> {
            try {
                const model::Project thinned = quick();
                if (thinned.layers.empty()) return std::nullopt;
                scene::MapStyle style;
                style.language = language;
                const std::vector<scene::TownshipOutline> no_townships;  // their dissolve is seconds at province scale: drawn with the full map
                scene::BuildOptions options;
                options.townships = &no_townships;
                QuickMap map{std::make_shared<const scene::Scene>(scene::build(thinned, style, nullptr, options)), {}};
                map.mesh = render::build_mesh(map.scene);
                return map;
            } catch (const std::exception&) {
                return std::nullopt;  // no first map then: the layers' own reading says what is wrong
            }
        });
    m_first_load = std::async(std::launch::async, [&load = m_load, &stage = m_stage, language = m_state.style.language, ui_text = m_ui_text] {
        return build_first_map(load, stage, language, ui_text);
    });
}

// The password typed for the database that asked (empty: the user declined). It goes to libpq
// for this session, and the database is read again: the first load, or as added data.
void ViewerSession::answer_password(const std::string& password) {
    if (!m_state.database_asking_password) return;
    const std::string source = *std::exchange(m_state.database_asking_password, std::nullopt);
    if (password.empty()) {
        if (!m_loaded) throw Error("asks for a password and none was given; nothing was opened").file(model::file_name(source));
        m_state.messages.push_back(model::file_name(source) + ": not opened (no password given)");
        return;
    }
    io::remember_database_password(password);
    if (!m_loaded) start_first_load();
    else if (!m_options.script_path.empty()) open_for_script(source);
    else m_dropped.push_back(source);
}

ViewerSession::FirstMap ViewerSession::build_first_map(const Loader& load, std::atomic<int>& stage, model::Language language,
                                                       const std::vector<std::string>& ui_text) {
    FirstMap first{load(), {}, {}, {}, false};
    stage = 1;
    if (!first.opened.style) {
        first.opened.style.emplace();
        first.opened.style->language = language;
    }
    scene::MapStyle without_statistics = *first.opened.style;
    without_statistics.choropleth.reset();  // coloured once the statistics are in
    // Big data first shows a map thinned to about a pixel of the whole view (1/1000 of it, as the
    // overview level); the full one follows with the statistics.
    std::size_t vertices = 0;
    for (const auto& layer : first.opened.project.layers)
        for (const auto& f : layer.features) vertices += f.geometry.coords.size();
    const model::Extent extent = first.opened.project.extent();
    first.preview = vertices > kPreviewAboveVertices;
    scene::BuildOptions preview;
    preview.preview_thin_deg = first.preview ? std::max(extent.width(), extent.height()) / 1000 : 0;
    first.scene = std::make_shared<const scene::Scene>(scene::build(first.opened.project, without_statistics, nullptr, preview));
    first.mesh = render::build_mesh(first.scene);
    first.glyphs = glyph_ranges(first.opened.project, ui_text);
    return first;
}

bool ViewerSession::frame() {
    const auto frame_start = Clock::now();
    glfwPollEvents();
    guard_unsaved_edits();
    if (!m_loaded) take_quick_map(), take_first_load();
    take_refresh();
    update_canvas();
    std::string screenshot_now;
    bool script_export = false;
    if (!drive(screenshot_now, script_export)) return false;
    read_dropped_files(false);
    refresh_glyphs();
    if (!m_loaded) {
        draw_loading();
        return true;
    }
    const ui::Actions actions = draw_frame(screenshot_now);
    if (m_first_map_s == 0) m_first_map_s = seconds_since(m_started);
    if (m_options.bench_frames > 0 && m_warmup == 0) {
        glFinish();  // count the GPU's work in the frame
        m_frame_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - frame_start).count());
    }
    after_frame(actions, script_export);
    return true;
}

// The server's thinned map, drawn under the loading window until the layers are in.
void ViewerSession::take_quick_map() {
    if (!m_quick_map.valid() || m_quick_map.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    std::optional<QuickMap> map = m_quick_map.get();
    if (!map) return;
    m_state.scene = map->scene;
    fit(m_state);
    upload(std::move(map->mesh));
    m_quick_map_shown = true;
    m_quick_map_s = seconds_since(m_started);
}

void ViewerSession::take_first_load() {
    if (!m_first_load.valid() || m_first_load.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    std::optional<FirstMap> loaded;
    try {
        loaded = m_first_load.get();  // rethrows what loading threw
    } catch (const Error& e) {
        if (!model::asks_for_password(e.what())) throw;
        m_state.database_asking_password = e.file();  // asked over the loading window; read again with it
        return;
    }
    FirstMap& first = *loaded;
    ui::ViewerState& s = m_state;
    s.data.project = std::make_shared<model::Project>(std::move(first.opened.project));  // non-const: see edit_project
    s.style = *first.opened.style;
    s.export_settings.title = ui::tr(ui::Text::DefaultFigureTitle, s.style.language);  // a project may set the language
    s.style.layers.resize(s.project().layers.size());
    s.load_options = first.opened.load_options;
    s.figure = first.opened.figure;
    s.export_settings.review_number = s.figure.review_number;
    s.export_settings.compiled_by = s.figure.compiled_by;
    ++s.problems_version;  // loading's problems: listed in the Problems tab
    s.scene = std::move(first.scene);
    m_glyphs = std::move(first.glyphs);
    build_font_atlas(m_glyphs, kFontSizePx);
    fit(s);
    if (first.opened.view) {
        s.viewport.centre_m = first.opened.view->centre_m;
        s.viewport.m_per_px = first.opened.view->m_per_px;
    }
    const auto t0 = Clock::now();
    upload(std::move(first.mesh));
    m_first_upload_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    m_loaded = true;
    // Statistics next, off this thread; the map only changes with them under a choropleth.
    m_refresher.request(s, Refresh::Data, s.style.choropleth.has_value() || first.preview);
}

void ViewerSession::take_refresh() {
    if (auto mesh = m_refresher.poll(m_state)) {
        upload(std::move(*mesh));
        if (m_refit_when_drawn && !m_refresher.busy()) fit(m_state), m_refit_when_drawn = false;
    }
    if (m_loaded && m_ready_s == 0 && !m_refresher.busy()) m_ready_s = seconds_since(m_started);
    m_state.refreshing = m_refresher.busy();
}

void ViewerSession::update_canvas() {
    glfwGetFramebufferSize(m_window, &m_fb_width, &m_fb_height);
    const ui::CanvasRect canvas = canvas_rect(m_fb_width, m_fb_height);
    if (canvas.width != m_state.canvas.width || canvas.height != m_state.canvas.height) {
        m_state.viewport.width_px = canvas.width;
        m_state.viewport.height_px = canvas.height;
    }
    m_state.canvas = canvas;
}

bool ViewerSession::drive(std::string& screenshot_now, bool& export_now) {
    if (!m_loaded || m_ready_s == 0) return true;  // nothing scripted or measured until the data and its statistics are in
    if (m_warmup > 0) {
        --m_warmup;
    } else if (!m_options.script_path.empty()) {
        return script_step(screenshot_now, export_now);
    } else if (!m_options.screenshot_path.empty()) {
        if (!m_first_frame) return false;
        screenshot_now = m_options.screenshot_path;
        m_first_frame = false;
    } else if (m_options.bench_frames > 0) {
        if (static_cast<int>(m_frame_ms.size()) == m_options.bench_frames) return false;
        m_state.viewport.centre_m.x += m_state.viewport.m_per_px * 7;  // pan steadily, as a user dragging across the map
    }
    return true;
}

bool ViewerSession::script_step(std::string& screenshot_now, bool& export_now) {
    if (!m_input.empty()) return true;  // a click or key still being played
    if (m_input_played) {
        m_input_played = false;
        settle();  // what the hand did, counted before the next step
    }
    if (!m_pending_shot.empty()) {
        // A screenshot waits one frame, so tables and tabs shown just now have laid out.
        screenshot_now = std::move(m_pending_shot);
        m_pending_shot.clear();
        return true;
    }
    if (m_script_next == m_script.size()) return false;
    const ScriptLine& line = m_script[m_script_next++];
    ScriptEffect effect;
    try {
        effect = run_script_line(m_options.script_path, line, m_state);
        if (effect.background) m_script_background = *effect.background;
        if (!effect.open_path.empty()) open_for_script(effect.open_path);
        if (effect.password) answer_password(*effect.password);
        m_refresher.request(m_state, effect.refresh);
        if (!m_script_background || effect.wait) settle();  // each step's result before the next
        m_input.insert(m_input.end(), effect.input.begin(), effect.input.end());
        m_input_played = !effect.input.empty();
    } catch (...) {
        throw script_failure(m_options.script_path, line);  // SCRIPT:LINE: what went wrong
    }
    m_state.refreshing = m_refresher.busy();
    m_pending_shot = effect.screenshot_path;
    export_now = effect.export_now;
    return true;
}

void ViewerSession::read_dropped_files(bool wait) {
    if (!m_loaded) return;  // read once the first load is in: they join its layers, read with its options
    if (!m_dropped.empty() && !m_adding.valid()) {
        m_adding = std::async(std::launch::async, [files = std::move(m_dropped), options = m_state.load_options] { return read_layers(files, options); });
        m_dropped.clear();
    }
    if (!m_adding.valid() || (!wait && m_adding.wait_for(std::chrono::seconds(0)) != std::future_status::ready)) return;
    // A refresh running meanwhile goes on with its version of the layers (see edit_project).
    const LayersAdded added = add_layers(m_state, m_adding.get());
    m_refit_when_drawn = m_refit_when_drawn || added.crs_changed;
    if (added.any) m_refresher.request(m_state, Refresh::Data);
}

// A script's `open`, read at once: a file that cannot be read fails its line (a dropped file's
// failure is only a message).
void ViewerSession::open_for_script(const std::string& path) {
    AddedLayers added = read_layers({path}, m_state.load_options);
    if (!added.errors.empty()) throw Error(added.errors.front());  // a database asking for a password asks (add_layers)
    const LayersAdded result = add_layers(m_state, std::move(added));
    m_refit_when_drawn = m_refit_when_drawn || result.crs_changed;
    if (result.any) m_refresher.request(m_state, Refresh::Data);
}

void ViewerSession::settle() {
    while (m_adding.valid() || !m_dropped.empty()) read_dropped_files(true);
    if (auto mesh = m_refresher.finish(m_state)) upload(std::move(*mesh));
    if (m_refit_when_drawn) fit(m_state), m_refit_when_drawn = false;
}

void ViewerSession::refresh_glyphs() {
    if (!m_state.glyphs_stale) return;
    m_glyphs = glyph_ranges(m_state.project(), m_ui_text);  // between frames, as ImGui requires
    build_font_atlas(m_glyphs, kFontSizePx);
    m_state.glyphs_stale = false;
}

void ViewerSession::draw_loading() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ui::Actions actions;
    if (m_state.database_asking_password) ui::draw_password_prompt(m_state, actions);
    else if (ui::draw_loading(m_stage == 0, seconds_since(m_load_started), m_state.style.language)) glfwSetWindowShouldClose(m_window, GLFW_TRUE);
    ImGui::Render();
    glViewport(0, 0, m_fb_width, m_fb_height);
    glClearColor(0.95f, 0.95f, 0.95f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (m_quick_map_shown) {
        const ui::CanvasRect& canvas = m_state.canvas;
        m_renderer.set_terrain(m_state.data.terrain, m_state.style.terrain);
        m_renderer.draw(m_state.viewport, canvas.x, m_fb_height - canvas.y - canvas.height);
        glViewport(0, 0, m_fb_width, m_fb_height);
    }
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(m_window);
    std::this_thread::sleep_for(std::chrono::milliseconds(15));  // a progress window needs no more; the worker gets the cores
    if (actions.database_password) answer_password(*actions.database_password);
}

ui::Actions ViewerSession::draw_frame(const std::string& screenshot_now) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    const bool played = play_input();
    ImGui::NewFrame();
    ui::Actions actions;
    if (!m_unattended || played) {
        const bool editing_took_mouse = m_edit_tool.frame(m_state, actions);
        m_navigator.frame(m_state, actions, editing_took_mouse);
    }
    ui::draw_side_panel(m_state, actions);
    ui::draw_info_panel(m_state, actions);
    ui::draw_status_bar(m_state);
    ui::draw_export_dialog(m_state, actions);
    ui::draw_open_dialog(m_state, actions);
    ui::draw_password_prompt(m_state, actions);
    ui::draw_edit_bar(m_state, actions);
    ui::draw_feature_form(m_state, actions);
    ui::draw_import_dialog(m_state, actions);
    ui::draw_save_questions(m_state, actions);
    ui::draw_map_overlay(m_state, ImGui::GetBackgroundDrawList());
    if (m_refresher.busy()) ui::draw_busy(m_refresher.analysing(), m_refresher.progress(), m_state);
    if (m_exporting.running() && ui::draw_exporting(m_exporting.path(), m_exporting.progress(), m_state)) m_exporting.cancel();
    ImGui::Render();
    glViewport(0, 0, m_fb_width, m_fb_height);
    glClearColor(0.95f, 0.95f, 0.95f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    const ui::CanvasRect& canvas = m_state.canvas;
    m_renderer.set_terrain(m_state.data.terrain, m_state.style.terrain);
    m_renderer.draw(m_state.viewport, canvas.x, m_fb_height - canvas.y - canvas.height);
    load_detail();
    glViewport(0, 0, m_fb_width, m_fb_height);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!screenshot_now.empty()) {
        try {
            render::save_framebuffer_png(m_fb_width, m_fb_height, screenshot_now);
        } catch (...) {
            if (m_options.script_path.empty()) throw;
            throw script_failure(m_options.script_path, m_script[m_script_next - 1]);  // the line that asked for it
        }
        print_screenshot(screenshot_now, m_state);
    }
    glfwSwapBuffers(m_window);
    return actions;
}

void ViewerSession::load_detail() {
    // A big map's detail is built on a worker the first time the view needs it.
    if (m_renderer.wants_detail() && !m_detail.valid()) {
        m_detail_of = m_renderer.mesh().scene;
        m_detail = std::async(std::launch::async, [mesh = m_renderer.mesh()] { return render::build_level(*mesh.scene, mesh.origin_m, 0); });
    }
    if (m_detail.valid() && m_detail.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        const auto level = m_detail.get();
        if (m_renderer.wants_detail() && m_renderer.mesh().scene == m_detail_of) m_renderer.upload_detail(level);  // not if the map changed meanwhile
    }
}

void ViewerSession::after_frame(const ui::Actions& actions, bool script_export) {
    m_refresher.request(m_state, apply(m_state, actions));
    if (actions.database_password) answer_password(*actions.database_password);
    if (actions.close_answer == true) {
        m_state.editing.close_asked = false;
        // "Save and close" that could not save stays open: the message says why.
        if (!actions.save_edits || !has_unsaved_edits(m_state)) glfwSetWindowShouldClose(m_window, GLFW_TRUE);
    }
    // Text typed with characters the data does not have: into the font atlas next frame.
    std::vector<std::string> typed;
    if (actions.export_settings) typed.push_back(m_state.export_settings.title);
    const auto& inputs = m_state.editing.inputs;  // and the editing fields: a new project's name
    if (const auto& sheet = m_state.editing.importing.sheet; sheet && sheet != m_glyphs_of_sheet) {  // a sheet to import
        m_glyphs_of_sheet = sheet;
        for (const auto& f : sheet->features)
            for (const auto& value : f.values)
                if (const auto* text = std::get_if<std::string>(&value)) typed.push_back(*text);
    }
    typed.insert(typed.end(), inputs.form.begin(), inputs.form.end());
    typed.push_back(inputs.bulk_text);
    if (inputs.cell) typed.push_back(inputs.cell->text);
    for (auto& text : typed)
        if (!font_has_all(text)) {
            m_ui_text.push_back(std::move(text));
            m_state.glyphs_stale = true;
        }
    // The year play steps once a second, and waits for the map of the year before.
    if (m_state.playing_years && m_options.script_path.empty() && !m_refresher.busy() && seconds_since(m_last_year_step) >= 1.0) {
        m_refresher.request(m_state, advance_year_play(m_state));
        m_last_year_step = Clock::now();
    }
    if (actions.open_file) m_dropped.push_back(*actions.open_file);
    run_export(actions.export_now || script_export, script_export);
    update_export_preview(actions.export_settings.has_value());
}

void ViewerSession::run_export(bool wanted_now, bool script_export) {
    // The page is built from the statistics the map shows, so an export waits for a count under way.
    m_export_wanted = m_export_wanted || wanted_now;
    if (script_export) settle();  // a script's export, even after "background on", is of the count it asked for
    if (m_export_wanted && !m_refresher.busy()) m_exporting.start(m_state), m_export_wanted = false;
    if (script_export) m_state.messages.push_back(m_exporting.finish());  // a script's next step wants the file
    if (auto said = m_exporting.poll()) m_state.messages.push_back(*said);
}

void ViewerSession::update_export_preview(bool settings_changed) {
    // The preview follows the dialog's settings and the map, drawn again on a worker when either
    // changed (once the drawing under way is done).
    const scene::Viewport& view = m_state.viewport;
    if (m_state.export_settings.open && (settings_changed || m_preview_view.centre_m.x != view.centre_m.x ||
                                         m_preview_view.m_per_px != view.m_per_px || m_preview_scene_version != m_scene_version))
        m_preview_wanted = true;
    if (m_preview_wanted && m_state.export_settings.open && !m_preview.busy() && !m_refresher.busy()) {
        m_preview.start(m_state, kPreviewDpi);
        m_preview_wanted = false;
        m_preview_view = view;
        m_preview_scene_version = m_scene_version;
    }
    // A script's next screenshot shows this view's page: it waits for the drawing.
    if (m_options.script_path.empty() ? m_preview.poll() : m_preview.finish()) {
        m_state.preview_texture = m_preview.id();
        m_state.preview_width = m_preview.width();
        m_state.preview_height = m_preview.height();
    }
}

void ViewerSession::upload(render::MapMesh mesh) {
    ++m_scene_version;
    m_renderer.upload(std::move(mesh));
}

void ViewerSession::print_bench() const {
    if (m_options.bench_frames <= 0) return;
    std::printf("{\"frames\": %zu, \"p50_ms\": %.2f, \"p95_ms\": %.2f, \"max_ms\": %.2f, \"upload_ms\": %.1f, \"thinned_map_s\": %.2f, "
                "\"first_map_s\": %.2f, \"statistics_ready_s\": %.2f, \"run_s\": %.2f}\n",
                m_frame_ms.size(), percentile(m_frame_ms, 0.5), percentile(m_frame_ms, 0.95),
                m_frame_ms.empty() ? 0.0 : *std::max_element(m_frame_ms.begin(), m_frame_ms.end()), m_first_upload_ms, m_quick_map_s, m_first_map_s,
                m_ready_s, seconds_since(m_started));
}

bool ViewerSession::workers_running() const {
    return (!m_loaded && m_first_load.valid()) || m_refresher.busy() || m_detail.valid() || m_adding.valid();
}

}  // namespace ca::app
