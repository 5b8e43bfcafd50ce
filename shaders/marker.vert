#version 330 core
// Point symbols as GL points; the fragment shader cuts the shape and draws a white rim.
layout(location = 0) in vec2 a_position_m;
layout(location = 1) in vec4 a_color;
layout(location = 2) in float a_size_px;
layout(location = 3) in float a_shape;  // 0 circle, 1 square, 2 triangle; 4 more when hollow (planned)
uniform vec2 u_centre_m;
uniform vec2 u_scale;
uniform float u_symbol_scale;  // below 1 when zoomed out past a county (see MapRenderer)
out vec4 v_color;
flat out float v_shape;
flat out float v_hollow;
flat out float v_size_px;
void main() {
    gl_Position = vec4((a_position_m - u_centre_m) * u_scale, 0.0, 1.0);
    float size_px = max(a_size_px * u_symbol_scale, 2.0);
    gl_PointSize = size_px + 2.0;  // room for the rim
    v_color = a_color;
    v_hollow = a_shape > 3.5 ? 1.0 : 0.0;
    v_shape = a_shape - 4.0 * v_hollow;
    v_size_px = size_px + 2.0;
}
