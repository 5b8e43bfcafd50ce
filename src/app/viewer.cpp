// The viewer's window, frame loop and map navigation.
#include "app/viewer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <atomic>
#include <future>
#include <memory>
#include <set>
#include <thread>

#define GLFW_INCLUDE_NONE  // OpenGL declarations come from render/gl.hpp
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/export_job.hpp"
#include "app/export_preview.hpp"
#include "app/fonts.hpp"
#include "app/script.hpp"
#include "app/viewer_model.hpp"
#include "core/io/working_crs.hpp"
#include "core/model/error.hpp"
#include "core/scene/build.hpp"
#include "core/workspace/project_file.hpp"
#include "render/map_renderer.hpp"
#include "render/screenshot.hpp"
#include "ui/panels.hpp"

namespace ca::app {
namespace {

constexpr float kFontSizePx = 17.0f;
constexpr double kWheelZoomStep = 1.25;
constexpr double kPreviewDpi = 60;  // the dialog's picture of the page
constexpr std::size_t kPreviewAboveVertices = 2'000'000;  // a prefecture and up: first a thinned map

struct GlfwSession {
    GlfwSession() {
        glfwSetErrorCallback([](int, const char* message) { std::fprintf(stderr, "countyatlas: GLFW: %s\n", message); });
        if (!glfwInit()) throw Error("cannot open a window: no display (set DISPLAY, or run under xvfb-run)");
    }
    ~GlfwSession() { glfwTerminate(); }
};

struct ImGuiSession {
    explicit ImGuiSession(GLFWwindow* window) {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; no imgui.ini litter
        ImGui::StyleColorsLight();
        ImGui_ImplGlfw_InitForOpenGL(window, true);
        ImGui_ImplOpenGL3_Init("#version 330 core");
    }
    ~ImGuiSession() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
};

ui::CanvasRect canvas_rect(int window_width, int window_height) {
    return {ui::kSidePanelWidthPx, 0, std::max(1, window_width - ui::kSidePanelWidthPx - ui::kInfoPanelWidthPx),
            std::max(1, window_height - ui::kStatusBarHeightPx)};
}

// Navigation: drag to pan, wheel to zoom about the cursor, shift-drag a box to zoom to it, click to
// select a village, Home or F to fit. Only when ImGui does not want the mouse.
struct Navigator {
    std::optional<ImVec2> box_start;
    bool box_selects = false;  // ctrl-drag selects villages; shift-drag zooms

    void frame(ui::ViewerState& state, ui::Actions& actions) {
        const ImGuiIO& io = ImGui::GetIO();
        const model::Vec2 mouse{io.MousePos.x - state.canvas.x, io.MousePos.y - state.canvas.y};
        const bool over_map = !io.WantCaptureMouse && mouse.x >= 0 && mouse.y >= 0 && mouse.x < state.canvas.width &&
                              mouse.y < state.canvas.height;
        state.cursor_m = over_map ? std::optional(state.viewport.to_m(mouse)) : std::nullopt;
        state.hovered.reset();
        if (state.cursor_m && state.villages.index) {
            model::Vec2 lonlat = *state.cursor_m;
            state.project.working->inverse(std::span<model::Vec2>(&lonlat, 1));
            state.hovered = state.villages.index->locate(lonlat);
        }
        if (!over_map && !box_start) return;
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && (io.KeyShift || io.KeyCtrl)) {
            box_start = io.MousePos;
            box_selects = io.KeyCtrl;
        }
        if (box_start) {
            ImGui::GetForegroundDrawList()->AddRect(*box_start, io.MousePos, box_selects ? IM_COL32(230, 120, 0, 255) : IM_COL32(0, 90, 255, 255), 0, 0, 1.5f);
            if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
                model::Extent e;
                e.add(state.viewport.to_m({box_start->x - state.canvas.x, box_start->y - state.canvas.y}));
                e.add(state.viewport.to_m(mouse));
                if (box_selects) actions.select_set = villages_in(state, e);
                else if (e.width() > 0 && e.height() > 0) state.viewport = scene::Viewport::fit(e, state.canvas.width, state.canvas.height, 0);
                box_start.reset();
            }
            return;
        }
        if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
            state.viewport.centre_m.x -= io.MouseDelta.x * state.viewport.m_per_px;
            state.viewport.centre_m.y += io.MouseDelta.y * state.viewport.m_per_px;
        } else if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && state.hovered) {
            if (io.KeyCtrl) actions.toggle_village = state.hovered;
            else actions.select_village = state.hovered;
        }
        if (io.MouseWheel != 0) {
            const model::Vec2 anchor = state.viewport.to_m(mouse);
            state.viewport.m_per_px *= std::pow(kWheelZoomStep, -io.MouseWheel);
            const model::Vec2 moved = state.viewport.to_m(mouse);
            state.viewport.centre_m.x += anchor.x - moved.x;  // keep the ground under the cursor still
            state.viewport.centre_m.y += anchor.y - moved.y;
        }
        if (!io.WantCaptureKeyboard && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home)) || ImGui::IsKeyPressed(GLFW_KEY_F)))
            actions.fit_to_data = true;
    }
};

void print_screenshot(const std::string& path, const ui::ViewerState& state) {
    const auto& v = state.viewport;
    std::printf("{\"screenshot\": \"%s\", \"map\": {\"x\": %d, \"y\": %d, \"width\": %d, \"height\": %d, "
                "\"centre_m\": [%.3f, %.3f], \"m_per_px\": %.6f}}\n",
                path.c_str(), state.canvas.x, state.canvas.y, v.width_px, v.height_px, v.centre_m.x, v.centre_m.y, v.m_per_px);
    std::fflush(stdout);
}

struct AddedLayers {
    std::vector<model::Layer> layers;
    model::ProblemLog problems;  // what reading them decided or met
    std::vector<std::string> errors;
};

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

}  // namespace

void run_viewer(const Loader& load, const ViewerOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    auto seconds_since = [](auto start) { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    const std::vector<ScriptLine> script = options.script_path.empty() ? std::vector<ScriptLine>{} : read_script(options.script_path);
    const bool unattended = !options.screenshot_path.empty() || !options.script_path.empty() || options.bench_frames > 0;

    GlfwSession glfw;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SAMPLES, 0);
    if (unattended) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    std::unique_ptr<GLFWwindow, decltype(&glfwDestroyWindow)> window(
        glfwCreateWindow(options.width_px, options.height_px, "CountyAtlas", nullptr, nullptr), &glfwDestroyWindow);
    if (!window) throw Error("cannot open an OpenGL 3.3 window (is the display's OpenGL too old?)");
    glfwMakeContextCurrent(window.get());
    glfwSwapInterval(unattended ? 0 : 1);

    // Files dropped on the window are loaded between frames.
    std::vector<std::string> dropped;
    glfwSetWindowUserPointer(window.get(), &dropped);
    glfwSetDropCallback(window.get(), [](GLFWwindow* w, int count, const char** paths) {
        auto* queue = static_cast<std::vector<std::string>*>(glfwGetWindowUserPointer(w));
        for (int i = 0; i < count; ++i) queue->push_back(paths[i]);
    });
    ImGuiSession imgui(window.get());
    ui::ViewerState state;
    state.style.language = ui::language_from_environment();
    state.export_settings.title = ui::tr(ui::Text::DefaultFigureTitle, state.style.language);
    int fb_width = 0, fb_height = 0;
    glfwGetFramebufferSize(window.get(), &fb_width, &fb_height);
    state.canvas = canvas_rect(fb_width, fb_height);

    // Glyphs for the data, every display name and the default figure title (again once data is in).
    std::vector<std::string> ui_text = model::all_display_names();
    ui_text.push_back(state.export_settings.title);
    ImVector<ImWchar> glyphs = glyph_ranges(state.project, ui_text);
    build_font_atlas(glyphs, kFontSizePx);

    // Files are read, and a first map built, on a worker while the window shows progress. The
    // statistics follow on another worker once the map is up (see Refresher).
    std::atomic<int> stage{0};
    struct FirstMap {
        Opened opened;
        std::shared_ptr<const scene::Scene> scene;
        render::MapMesh mesh;
        ImVector<ImWchar> glyphs;
        bool preview = false;  // thinned: the full scene comes with the statistics
    };
    const model::Language language = state.style.language;
    auto pending = std::async(std::launch::async, [&load, &stage, language, &ui_text] {
        FirstMap first{load(), {}, {}, {}, false};
        stage = 1;
        if (!first.opened.style) {
            first.opened.style.emplace();
            first.opened.style->language = language;
        }
        scene::MapStyle without_statistics = *first.opened.style;
        without_statistics.choropleth.reset();  // coloured once the statistics are in
        // Big data first shows a map thinned to about a pixel of the whole view (1/1000 of it, as
        // the overview level); the full one follows with the statistics.
        std::size_t vertices = 0;
        for (const auto& layer : first.opened.project.layers)
            for (const auto& f : layer.features) vertices += f.geometry.coords.size();
        const model::Extent extent = first.opened.project.extent();
        first.preview = vertices > kPreviewAboveVertices;
        const double thin_deg = first.preview ? std::max(extent.width(), extent.height()) / 1000 : 0;
        scene::BuildOptions preview;
        preview.preview_thin_deg = thin_deg;
        first.scene = std::make_shared<const scene::Scene>(scene::build(first.opened.project, without_statistics, nullptr, preview));
        first.mesh = render::build_mesh(first.scene);
        first.glyphs = glyph_ranges(first.opened.project, ui_text);
        return first;
    });
    bool loaded = false;
    const auto load_started = std::chrono::steady_clock::now();
    std::future<AddedLayers> adding;  // files dropped on the window, being read
    render::MapRenderer renderer;
    PreviewTexture preview;
    scene::Viewport preview_view;
    int scene_version = 0, preview_scene_version = -1;
    bool preview_wanted = false;  // the dialog's settings or the map changed: draw the preview again
    bool script_export = false;
    bool export_wanted = false;  // asked for while the statistics were being counted: starts after them
    auto upload = [&](render::MapMesh mesh) {
        ++scene_version;
        const auto t0 = std::chrono::steady_clock::now();
        renderer.upload(std::move(mesh));
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    };
    double first_upload_ms = 0, first_map_s = 0, ready_s = 0;
    Refresher refresher;
    ExportJob exporting;
    auto last_year_step = std::chrono::steady_clock::now();
    bool refit_when_drawn = false;  // added data moved the working CRS
    std::future<render::MeshLevel> detail;  // a big map's detailed level, being built
    std::shared_ptr<const scene::Scene> detail_of;  // for which map

    Navigator navigator;
    std::size_t script_next = 0;
    std::string pending_shot;
    int warmup = 2;  // frames for ImGui to lay out before scripted actions and screenshots
    std::vector<double> frame_ms;
    bool first_frame = true;
    while (!glfwWindowShouldClose(window.get())) {
        const auto frame_start = std::chrono::steady_clock::now();
        glfwPollEvents();
        if (!loaded && pending.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            FirstMap first = pending.get();  // rethrows what loading threw
            state.project = std::move(first.opened.project);
            state.style = *first.opened.style;
            state.export_settings.title = ui::tr(ui::Text::DefaultFigureTitle, state.style.language);  // a project may set the language
            state.style.layers.resize(state.project.layers.size());
            state.load_options = first.opened.load_options;
            state.figure = first.opened.figure;
            state.export_settings.review_number = state.figure.review_number;
            state.export_settings.compiled_by = state.figure.compiled_by;
            ++state.problems_version;  // loading's problems: listed in the Problems tab
            state.scene = std::move(first.scene);
            glyphs = std::move(first.glyphs);
            build_font_atlas(glyphs, kFontSizePx);
            fit(state);
            if (first.opened.view) {
                state.viewport.centre_m = first.opened.view->centre_m;
                state.viewport.m_per_px = first.opened.view->m_per_px;
            }
            first_upload_ms = upload(std::move(first.mesh));
            loaded = true;
            // Statistics next, off this thread; the map only changes with them under a choropleth.
            refresher.request(state, Refresh::Data, state.style.choropleth.has_value() || first.preview);
        }
        // The export and its preview build their page from the project and statistics in place:
        // new statistics wait until they are done reading.
        const bool page_reading = exporting.reading_data() || preview.reading_data();
        if (auto mesh = page_reading ? std::nullopt : refresher.poll(state)) {
            upload(std::move(*mesh));
            if (refit_when_drawn && !refresher.busy()) fit(state), refit_when_drawn = false;
        }
        if (loaded && ready_s == 0 && !refresher.busy()) ready_s = seconds_since(started);
        state.data_locked = refresher.busy() || page_reading;
        glfwGetFramebufferSize(window.get(), &fb_width, &fb_height);
        const ui::CanvasRect canvas = canvas_rect(fb_width, fb_height);
        if (canvas.width != state.canvas.width || canvas.height != state.canvas.height) {
            state.viewport.width_px = canvas.width;
            state.viewport.height_px = canvas.height;
        }
        state.canvas = canvas;

        std::string screenshot_now;
        script_export = false;
        if (!loaded || ready_s == 0) {
            // Nothing scripted or measured until the data and its statistics are in.
        } else if (warmup > 0) {
            --warmup;
        } else if (!options.script_path.empty()) {
            if (!pending_shot.empty()) {
                // A screenshot waits one frame, so tables and tabs shown just now have laid out.
                screenshot_now = std::move(pending_shot);
                pending_shot.clear();
            } else {
                if (script_next == script.size()) break;
                ScriptEffect effect;
                try {
                    effect = run_script_line(options.script_path, script[script_next++], state);
                    refresher.request(state, effect.refresh);
                    if (auto mesh = refresher.finish(state)) upload(std::move(*mesh));  // each step's result before the next
                } catch (...) {
                    throw script_failure(options.script_path, script[script_next - 1]);
                }
                pending_shot = effect.screenshot_path;
                script_export = effect.export_now;
            }
        } else if (!options.screenshot_path.empty()) {
            if (!first_frame) break;
            screenshot_now = options.screenshot_path;
            first_frame = false;
        } else if (options.bench_frames > 0) {
            if (static_cast<int>(frame_ms.size()) == options.bench_frames) break;
            // Pan steadily, as a user dragging across the map.
            state.viewport.centre_m.x += state.viewport.m_per_px * 7;
        }

        // Files dropped or opened are read on a worker; their layers join the map when read.
        if (!dropped.empty() && !adding.valid()) {
            adding = std::async(std::launch::async, [files = std::move(dropped), options = state.load_options] {
                AddedLayers added;
                for (const auto& path : files) {
                    try {
                        auto more = workspace::is_project_file(path) ? workspace::load_project_file(workspace::read_project_file(path)).project
                                                                     : loading::load_project({{path, model::Role::Unknown}}, options);
                        for (auto& layer : more.layers) added.layers.push_back(std::move(layer));
                        added.problems.append(more.problems);
                    } catch (const Error& e) {
                        added.errors.push_back(e.what());  // a bad file is reported; the session goes on
                    }
                }
                return added;
            });
            dropped.clear();
        }
        if (adding.valid() && !state.data_locked && adding.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            AddedLayers added = adding.get();
            for (auto& layer : added.layers) state.project.layers.push_back(std::move(layer));
            state.project.problems.append(added.problems);
            ++state.problems_version;
            state.glyphs_stale = !added.layers.empty();  // new data may hold characters the font atlas lacks
            for (auto& error : added.errors) state.messages.push_back(std::move(error));
            if (!added.layers.empty()) {
                const int previous_crs = state.project.working ? state.project.working->epsg() : 0;
                state.project.working = io::choose_working_crs(state.project.extent());
                // In another CRS the old view's metres mean nothing: fit once the new map is drawn.
                refit_when_drawn = state.project.working->epsg() != previous_crs;
                refresher.request(state, Refresh::Data);
            }
        }
        if (state.glyphs_stale) {  // between frames, as ImGui requires
            glyphs = glyph_ranges(state.project, ui_text);
            build_font_atlas(glyphs, kFontSizePx);
            state.glyphs_stale = false;
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ui::Actions actions;
        if (!loaded) {
            if (ui::draw_loading(stage == 0, seconds_since(load_started), state.style.language)) glfwSetWindowShouldClose(window.get(), GLFW_TRUE);
            ImGui::Render();
            glViewport(0, 0, fb_width, fb_height);
            glClearColor(0.95f, 0.95f, 0.95f, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            glfwSwapBuffers(window.get());
            std::this_thread::sleep_for(std::chrono::milliseconds(15));  // a progress window needs no more; the worker gets the cores
            continue;
        }
        if (!unattended) navigator.frame(state, actions);
        ui::draw_side_panel(state, actions);
        ui::draw_info_panel(state, actions);
        ui::draw_status_bar(state);
        ui::draw_export_dialog(state, actions);
        ui::draw_open_dialog(state, actions);
        ui::draw_map_overlay(state, ImGui::GetBackgroundDrawList());
        if (refresher.busy()) ui::draw_busy(refresher.analysing(), refresher.progress(), state);
        if (exporting.running() && ui::draw_exporting(exporting.path(), exporting.progress(), state)) exporting.cancel();
        ImGui::Render();

        glViewport(0, 0, fb_width, fb_height);
        glClearColor(0.95f, 0.95f, 0.95f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        renderer.draw(state.viewport, canvas.x, fb_height - canvas.y - canvas.height);
        // A big map's detail is built on a worker the first time the view needs it.
        if (renderer.wants_detail() && !detail.valid()) {
            detail_of = renderer.mesh().scene;
            detail = std::async(std::launch::async, [mesh = renderer.mesh()] { return render::build_level(*mesh.scene, mesh.origin_m, 0); });
        }
        if (detail.valid() && detail.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            const auto level = detail.get();
            if (renderer.wants_detail() && renderer.mesh().scene == detail_of) renderer.upload_detail(level);  // not if the map changed meanwhile
        }
        glViewport(0, 0, fb_width, fb_height);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (!screenshot_now.empty()) {
            try {
                render::save_framebuffer_png(fb_width, fb_height, screenshot_now);
            } catch (...) {
                if (options.script_path.empty()) throw;
                throw script_failure(options.script_path, script[script_next - 1]);  // the line that asked for it
            }
            print_screenshot(screenshot_now, state);
        }
        glfwSwapBuffers(window.get());
        if (first_map_s == 0) first_map_s = seconds_since(started);
        if (options.bench_frames > 0 && warmup == 0) {
            glFinish();  // count the GPU's work in the frame
            frame_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_start).count());
        }
        refresher.request(state, apply(state, actions));
        // A title typed with characters the data does not have: into the font atlas next frame.
        if (actions.export_settings && !font_has_all(state.export_settings.title)) {
            ui_text.push_back(state.export_settings.title);
            state.glyphs_stale = true;
        }
        // The year play steps once a second, and waits for the map of the year before.
        if (state.playing_years && options.script_path.empty() && !refresher.busy() && seconds_since(last_year_step) >= 1.0) {
            refresher.request(state, advance_year_play(state));
            last_year_step = std::chrono::steady_clock::now();
        }
        if (actions.open_file) dropped.push_back(*actions.open_file);
        // The page is built from the statistics the map shows, so an export waits for a count under way.
        export_wanted = export_wanted || actions.export_now || script_export;
        if (export_wanted && !refresher.busy()) exporting.start(state), export_wanted = false;
        if (script_export) state.messages.push_back(exporting.finish());  // a script's next step wants the file
        if (auto said = exporting.poll()) state.messages.push_back(*said);
        // The preview follows the dialog's settings and the map, drawn again on a worker when either
        // changed (once the drawing under way is done).
        if (state.export_settings.open && (actions.export_settings || preview_view.centre_m.x != state.viewport.centre_m.x ||
                                           preview_view.m_per_px != state.viewport.m_per_px || preview_scene_version != scene_version))
            preview_wanted = true;
        if (preview_wanted && state.export_settings.open && !preview.busy() && !refresher.busy()) {
            preview.start(state, kPreviewDpi);
            preview_wanted = false;
            preview_view = state.viewport;
            preview_scene_version = scene_version;
        }
        // A script's next screenshot shows this view's page: it waits for the drawing.
        if (options.script_path.empty() ? preview.poll() : preview.finish()) {
            state.preview_texture = preview.id();
            state.preview_width = preview.width();
            state.preview_height = preview.height();
        }
    }
    if (options.bench_frames > 0) {
        const double startup_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::printf("{\"frames\": %zu, \"p50_ms\": %.2f, \"p95_ms\": %.2f, \"max_ms\": %.2f, \"upload_ms\": %.1f, \"first_map_s\": %.2f, "
                    "\"statistics_ready_s\": %.2f, \"run_s\": %.2f}\n",
                    frame_ms.size(), percentile(frame_ms, 0.5), percentile(frame_ms, 0.95),
                    frame_ms.empty() ? 0.0 : *std::max_element(frame_ms.begin(), frame_ms.end()), first_upload_ms, first_map_s, ready_s, startup_s);
    }
    // Closed (or cancelled) while a worker still reads files or counts a province: nothing of it
    // is wanted and nothing unsaved is lost, so leave now rather than wait for it to finish.
    if ((!loaded && pending.valid()) || refresher.busy() || detail.valid()) {
        std::fflush(nullptr);
        std::quick_exit(0);
    }
}

}  // namespace ca::app
