#version 330 core
// The DEM grid's rectangle in map metres (relative to the upload origin): onto the map, or onto the
// whole of a grid-sized texture when the shade is worked out (see MapRenderer::shade_terrain).
// Elevation rows run north to south, so the northern edge takes v_uv.y = 0; the shade texture
// is stored as OpenGL fills it, south row first (v_corner).
layout(location = 0) in vec2 a_corner;  // 0..1
uniform vec2 u_centre_m;      // view centre, relative to the upload origin
uniform vec2 u_scale;         // metres to normalised device coordinates
uniform vec2 u_grid_min_m;    // the grid's south-west corner, relative to the upload origin
uniform vec2 u_grid_size_m;
out vec2 v_uv;
out vec2 v_corner;
void main() {
    vec2 position_m = u_grid_min_m + a_corner * u_grid_size_m;
    gl_Position = vec4((position_m - u_centre_m) * u_scale, 0.0, 1.0);
    v_uv = vec2(a_corner.x, 1.0 - a_corner.y);
    v_corner = a_corner;
}
