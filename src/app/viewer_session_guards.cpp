// The viewer session's input from outside the window's own: a script's hand played frame by frame,
// and the window's title and close button guarding unsaved edits (see viewer_session.hpp).
#include "app/viewer_session.hpp"

#include <imgui.h>

#define GLFW_INCLUDE_NONE  // no OpenGL declarations needed here
#include <GLFW/glfw3.h>

#include "app/editing.hpp"

namespace ca::app {

// A scripted hand: the next frame of mouse and keys in place of the window's own, between the
// back-end's frame (which reads the real ones) and ImGui's.
bool ViewerSession::play_input() {
    if (m_input.empty()) return false;
    const InputFrame frame = m_input.front();
    m_input.pop_front();
    ImGuiIO& io = ImGui::GetIO();
    if (frame.key < 0 && (frame.x != 0 || frame.y != 0)) io.MousePos = {frame.x, frame.y};
    io.MouseDown[0] = frame.button;
    for (int key : {83, 89, 90, 256, 257, 261}) io.KeysDown[key] = key == frame.key;
    io.KeyCtrl = frame.ctrl;
    io.KeyShift = frame.shift;
    return true;
}

// The title bar marks unsaved edits; closing the window with some asks first (draw_save_questions).
void ViewerSession::guard_unsaved_edits() {
    const bool unsaved = has_unsaved_edits(m_state);
    if (unsaved != m_title_marked) {
        const auto& layers = m_state.project().layers;
        const std::string title = "CountyAtlas" + (layers.empty() ? std::string() : " — " + layers.front().file_name()) + (unsaved ? " *" : "");
        glfwSetWindowTitle(m_window, title.c_str());
        m_title_marked = unsaved;
    }
    if (glfwWindowShouldClose(m_window) && unsaved && !m_unattended) {
        glfwSetWindowShouldClose(m_window, GLFW_FALSE);
        m_state.editing.close_asked = true;
    }
}

}  // namespace ca::app
