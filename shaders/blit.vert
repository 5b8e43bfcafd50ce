#version 330 core
// A full-canvas quad that shows part of the cached map texture.
layout(location = 0) in vec2 a_corner;  // 0..1
uniform vec2 u_texture_origin;           // texture coordinates of the canvas's bottom-left
uniform vec2 u_texture_span;             // texture coordinates the canvas covers
out vec2 v_uv;
void main() {
    gl_Position = vec4(a_corner * 2.0 - 1.0, 0.0, 1.0);
    v_uv = u_texture_origin + a_corner * u_texture_span;
}
