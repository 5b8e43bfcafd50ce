#version 330 core
in vec4 v_color;
in float v_distance_m;
flat in vec2 v_dash_px;
uniform float u_m_per_px;
out vec4 frag_color;
void main() {
    float period = v_dash_px.x + v_dash_px.y;
    if (period > 0.0 && mod(v_distance_m / u_m_per_px, period) > v_dash_px.x) discard;
    frag_color = v_color;
}
