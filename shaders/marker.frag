#version 330 core
in vec4 v_color;
flat in float v_shape;
flat in float v_hollow;
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
    // Hollow (planned): a ring of the colour 0.3 of the symbol's radius wide, at least one and a
    // half pixels, around white, as print draws it (src/core/print/markers.cpp).
    float ring = max(0.3, 3.0 / v_size_px);
    if (d > 1.0 - rim) frag_color = vec4(1.0, 1.0, 1.0, 0.9);
    else if (v_hollow > 0.5 && d < 1.0 - rim - ring) frag_color = vec4(1.0, 1.0, 1.0, 1.0);
    else frag_color = v_color;
}
