#version 330 core
// Polygon fills: triangles in map metres (relative to the upload origin), one colour per vertex.
layout(location = 0) in vec2 a_position_m;
layout(location = 1) in vec4 a_color;
uniform vec2 u_centre_m;  // view centre, relative to the upload origin
uniform vec2 u_scale;     // metres to normalised device coordinates
out vec4 v_color;
void main() {
    gl_Position = vec4((a_position_m - u_centre_m) * u_scale, 0.0, 1.0);
    v_color = a_color;
}
