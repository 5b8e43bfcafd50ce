#version 330 core
// Lines extruded on the GPU: each vertex is pushed sideways along its normal by half the line
// width in pixels, so widths stay constant while zooming without re-uploading.
layout(location = 0) in vec2 a_position_m;
layout(location = 1) in vec2 a_normal;      // unit, in map axes, to the segment's left
layout(location = 2) in vec4 a_color;
layout(location = 3) in float a_width_px;
layout(location = 4) in float a_distance_m; // along the line, for dashes
layout(location = 5) in vec2 a_dash_px;     // on, off; zero for solid
layout(location = 6) in vec2 a_extrude;     // side (-1 right, +1 left), along (-1 start, +1 end)
uniform vec2 u_centre_m;
uniform vec2 u_scale;
uniform vec2 u_viewport_px;
out vec4 v_color;
out float v_distance_m;
flat out vec2 v_dash_px;
void main() {
    vec2 ndc = (a_position_m - u_centre_m) * u_scale;
    // Half a width sideways, and half a width past each end so segments overlap at joins.
    // Lines thinner than a pixel are drawn one pixel wide: thinner ones break up on screen.
    vec2 tangent = vec2(a_normal.y, -a_normal.x);
    float width_px = max(a_width_px, 1.0);
    vec2 offset = (a_normal * a_extrude.x + tangent * a_extrude.y) * width_px / u_viewport_px;
    gl_Position = vec4(ndc + offset, 0.0, 1.0);
    v_color = a_color;
    v_distance_m = a_distance_m;
    v_dash_px = a_dash_px;
}
