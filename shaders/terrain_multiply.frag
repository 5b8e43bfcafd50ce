#version 330 core
// The hillshade laid over the map's fills (blend GL_DST_COLOR, GL_ZERO: multiply), from the
// texture hillshade.frag filled, smoothed between cell centres.
in vec2 v_corner;
uniform sampler2D u_shade;
out vec4 frag_color;
void main() { frag_color = texture(u_shade, v_corner); }
