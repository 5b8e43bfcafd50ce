#version 330 core
in vec4 v_color;
flat in float v_shape;
flat in float v_size_px;
out vec4 frag_color;
void main() {
    vec2 p = gl_PointCoord * 2.0 - 1.0;  // -1..1, y down
    float rim = 2.0 / v_size_px;         // one pixel of rim, in these units
    float d;
    if (v_shape < 0.5) {
        d = length(p);
    } else if (v_shape < 1.5) {
        d = max(abs(p.x), abs(p.y));
    } else {
        // Upward triangle, apex at the top: 1 on the base (p.y = 1) and on both slanted edges.
        d = max(p.y, 2.0 * abs(p.x) - p.y);
    }
    if (d > 1.0) discard;
    frag_color = d > 1.0 - rim ? vec4(1.0, 1.0, 1.0, 0.9) : v_color;
}
