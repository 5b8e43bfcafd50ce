#version 330 core
// Lines extruded on the GPU: each segment is one instance, a quad whose four corners (from
// gl_VertexID) are pushed sideways by half the line width in pixels and half a width past each
// end, so widths stay constant while zooming and segments overlap at joins.
layout(location = 0) in vec4 a_segment_m;  // start x, y; end x, y
layout(location = 1) in vec4 a_color;
layout(location = 2) in vec4 a_line;       // width px, distance along the line at the start (m), dash on, off (px)
uniform vec2 u_centre_m;
uniform vec2 u_scale;
uniform vec2 u_viewport_px;
out vec4 v_color;
out float v_distance_m;
flat out vec2 v_dash_px;
void main() {
    vec2 start = a_segment_m.xy, end = a_segment_m.zw;
    float len = length(end - start);
    vec2 tangent = len > 0.0 ? (end - start) / len : vec2(1.0, 0.0);
    vec2 normal = vec2(-tangent.y, tangent.x);
    float side = (gl_VertexID & 1) == 0 ? -1.0 : 1.0;
    float along = gl_VertexID < 2 ? -1.0 : 1.0;
    vec2 ndc = ((along < 0.0 ? start : end) - u_centre_m) * u_scale;
    // Lines thinner than a pixel are drawn one pixel wide: thinner ones break up on screen.
    float width_px = max(a_line.x, 1.0);
    vec2 offset = (normal * side + tangent * along) * width_px / u_viewport_px;
    gl_Position = vec4(ndc + offset, 0.0, 1.0);
    v_color = a_color;
    v_distance_m = a_line.y + (along < 0.0 ? 0.0 : len);
    v_dash_px = a_line.zw;
}
