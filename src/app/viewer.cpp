// The viewer's window: GLFW, an OpenGL 3.3 context and Dear ImGui around one ViewerSession.
#include "app/viewer.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>

#define GLFW_INCLUDE_NONE  // OpenGL declarations come from render/gl.hpp
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/script.hpp"
#include "app/viewer_session.hpp"
#include "core/model/error.hpp"

namespace ca::app {
namespace {

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

using Window = std::unique_ptr<GLFWwindow, decltype(&glfwDestroyWindow)>;

// An OpenGL 3.3 core window, hidden for unattended runs (scripts, screenshots, benchmarks).
Window open_window(const ViewerOptions& options) {
    const bool unattended = !options.screenshot_path.empty() || !options.script_path.empty() || options.bench_frames > 0;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SAMPLES, 0);
    if (unattended) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    Window window(glfwCreateWindow(options.width_px, options.height_px, "CountyAtlas", nullptr, nullptr), &glfwDestroyWindow);
    if (!window) throw Error("cannot open an OpenGL 3.3 window (is the display's OpenGL too old?)");
    glfwMakeContextCurrent(window.get());
    glfwSwapInterval(unattended ? 0 : 1);
    return window;
}

}  // namespace

void run_viewer(const Loader& load, const ViewerOptions& options) {
    std::vector<ScriptLine> script = options.script_path.empty() ? std::vector<ScriptLine>{} : read_script(options.script_path);  // a typo fails before any window
    GlfwSession glfw;
    const Window window = open_window(options);
    ImGuiSession imgui(window.get());
    ViewerSession session(load, options, std::move(script), window.get());  // before the contexts go: it owns GL objects
    while (!glfwWindowShouldClose(window.get()) && session.frame()) {
    }
    session.print_bench();
    // Closed (or cancelled) while a worker still reads files or counts a province: nothing of it
    // is wanted and nothing unsaved is lost, so leave now rather than wait for it to finish.
    if (session.workers_running()) {
        std::fflush(nullptr);
        std::quick_exit(0);
    }
}

}  // namespace ca::app
