// The viewer's window, frame loop and map navigation.
#include "app/viewer.hpp"

#include <cmath>
#include <cstdio>
#include <memory>

#define GLFW_INCLUDE_NONE  // OpenGL declarations come from render/gl.hpp
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/fonts.hpp"
#include "core/model/error.hpp"
#include "core/scene/build.hpp"
#include "render/map_renderer.hpp"
#include "render/screenshot.hpp"
#include "ui/panels.hpp"

namespace ca::app {
namespace {

constexpr float kFontSizePx = 17.0f;
constexpr double kWheelZoomStep = 1.25;

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
    return {ui::kSidePanelWidthPx, 0, std::max(1, window_width - ui::kSidePanelWidthPx),
            std::max(1, window_height - ui::kStatusBarHeightPx)};
}

void fit(ui::ViewerState& state) {
    state.viewport = scene::Viewport::fit(state.scene.extent_m, state.canvas.width, state.canvas.height, 24);
}

// Drag to pan, wheel to zoom about the cursor, Home or F to fit: only when ImGui does not want the mouse.
void navigate(ui::ViewerState& state, ui::Actions& actions) {
    const ImGuiIO& io = ImGui::GetIO();
    const model::Vec2 mouse{io.MousePos.x - state.canvas.x, io.MousePos.y - state.canvas.y};
    const bool over_map = !io.WantCaptureMouse && mouse.x >= 0 && mouse.y >= 0 && mouse.x < state.canvas.width &&
                          mouse.y < state.canvas.height;
    state.cursor_m = over_map ? std::optional(state.viewport.to_m(mouse)) : std::nullopt;
    if (over_map && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
        state.viewport.centre_m.x -= io.MouseDelta.x * state.viewport.m_per_px;
        state.viewport.centre_m.y += io.MouseDelta.y * state.viewport.m_per_px;
    }
    if (over_map && io.MouseWheel != 0) {
        const model::Vec2 anchor = state.viewport.to_m(mouse);
        state.viewport.m_per_px *= std::pow(kWheelZoomStep, -io.MouseWheel);
        const model::Vec2 moved = state.viewport.to_m(mouse);
        state.viewport.centre_m.x += anchor.x - moved.x;  // keep the ground under the cursor still
        state.viewport.centre_m.y += anchor.y - moved.y;
    }
    if (!io.WantCaptureKeyboard && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home)) || ImGui::IsKeyPressed(GLFW_KEY_F)))
        actions.fit_to_data = true;
}

}  // namespace

void run_viewer(model::Project& project, const ViewerOptions& options) {
    GlfwSession glfw;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SAMPLES, 4);  // smooth borders and lines
    const bool screenshot = !options.screenshot_path.empty();
    if (screenshot) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    std::unique_ptr<GLFWwindow, decltype(&glfwDestroyWindow)> window(
        glfwCreateWindow(options.width_px, options.height_px, "CountyAtlas", nullptr, nullptr), &glfwDestroyWindow);
    if (!window) throw Error("cannot open an OpenGL 3.3 window (is the display's OpenGL too old?)");
    glfwMakeContextCurrent(window.get());
    glfwSwapInterval(1);

    ImGuiSession imgui(window.get());
    ui::ViewerState state;
    state.project = std::move(project);
    state.language = ui::language_from_environment();
    state.scene = scene::build(state.project);
    std::vector<std::string> legend_labels;
    for (const auto& entry : state.scene.legend)
        for (auto language : {model::Language::Chinese, model::Language::English})
            legend_labels.push_back(model::display_name(entry.key, language));
    ImVector<ImWchar> glyph_ranges;
    build_font_atlas(state.project, legend_labels, kFontSizePx, glyph_ranges);
    render::MapRenderer renderer;
    renderer.upload(state.scene);

    int frames_left = screenshot ? 3 : -1;  // a few frames so ImGui settles its layout
    bool first_frame = true;
    while (!glfwWindowShouldClose(window.get()) && frames_left != 0) {
        glfwPollEvents();
        int fb_width = 0, fb_height = 0;
        glfwGetFramebufferSize(window.get(), &fb_width, &fb_height);
        const ui::CanvasRect canvas = canvas_rect(fb_width, fb_height);
        const bool resized = canvas.width != state.canvas.width || canvas.height != state.canvas.height;
        state.canvas = canvas;
        if (first_frame) fit(state);
        if (resized) {
            state.viewport.width_px = canvas.width;
            state.viewport.height_px = canvas.height;
        }
        first_frame = false;

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ui::Actions actions;
        if (!screenshot) navigate(state, actions);
        ui::draw_side_panel(state, actions);
        ui::draw_status_bar(state);
        ImGui::Render();

        glViewport(0, 0, fb_width, fb_height);
        glClearColor(0.95f, 0.95f, 0.95f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        renderer.draw(state.viewport, canvas.x, fb_height - canvas.y - canvas.height);
        glViewport(0, 0, fb_width, fb_height);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

        if (frames_left == 1) {
            render::save_framebuffer_png(fb_width, fb_height, options.screenshot_path);
            const auto& v = state.viewport;
            std::printf("{\"screenshot\": \"%s\", \"map\": {\"x\": %d, \"y\": %d, \"width\": %d, \"height\": %d, "
                        "\"centre_m\": [%.3f, %.3f], \"m_per_px\": %.6f}}\n",
                        options.screenshot_path.c_str(), canvas.x, canvas.y, v.width_px, v.height_px, v.centre_m.x,
                        v.centre_m.y, v.m_per_px);
        }
        glfwSwapBuffers(window.get());
        if (frames_left > 0) --frames_left;

        if (actions.fit_to_data) fit(state);
        if (actions.set_language) state.language = *actions.set_language;
    }
    project = std::move(state.project);
}

}  // namespace ca::app
