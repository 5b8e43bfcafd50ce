// OpenGL 3.3 core declarations and entry points, through libepoxy: one maintained loader for
// the renderer and the ImGui back-end alike (third_party/imgui_backends), resolving each entry
// point from the current context on first use.
#pragma once

#include <epoxy/gl.h>
