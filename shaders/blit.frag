#version 330 core
in vec2 v_uv;
uniform sampler2D u_map;
uniform vec4 u_background;
out vec4 frag_color;
void main() {
    // Beyond the cached area (a long pan before the next render) shows the background.
    if (any(lessThan(v_uv, vec2(0.0))) || any(greaterThan(v_uv, vec2(1.0)))) frag_color = u_background;
    else frag_color = texture(u_map, v_uv);
}
