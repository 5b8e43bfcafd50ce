// Debian's ImGui 1.86 OpenGL 3 back-end, compiled with libepoxy as its GL loader.
// The back-end otherwise compiles its own stripped gl3w loader (imgui_impl_opengl3_loader.h),
// whose table has 53 slots for 54 names: every viewer start writes one pointer past it, which
// UndefinedBehaviorSanitizer stops. IMGUI_IMPL_OPENGL_LOADER_CUSTOM (set in CMakeLists.txt)
// makes the back-end include no loader and expect the GL declarations already seen: epoxy's.
#include <epoxy/gl.h>

#include <imgui_impl_opengl3.cpp>
