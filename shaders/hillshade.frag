#version 330 core
// The multiply colour of each DEM cell: gdaldem hillshade's formula on Horn's 3x3 gradient, as
// core/scene/hillshade.cpp computes it for print. Run once per grid and sun into a texture of the
// grid's size (a fragment per cell centre), which terrain_multiply.frag lays over the map.
in vec2 v_uv;
uniform sampler2D u_elevation;  // R: metres; G: 1 where the DEM has data (nodata cells hold the lowest elevation)
uniform vec2 u_texel;           // one cell in texture coordinates
uniform vec2 u_cell_m;          // one cell in metres (east-west, north-south)
uniform vec2 u_sun;             // azimuth clockwise from north, altitude; radians
uniform bool u_tint;
uniform vec2 u_range_m;         // lowest and highest elevation, for the tint
out vec4 frag_color;

float centre_m;
// A neighbour's elevation; a nodata neighbour (or one blended with nodata) takes the centre's.
float z(float dx, float dy) {
    vec2 s = texture(u_elevation, v_uv + vec2(dx, dy) * u_texel).rg;
    return s.g > 0.999 ? s.r : centre_m;
}

// Equal to hypsometric_tint in core/scene/hillshade.cpp: green, yellow, brown, near-white.
vec3 tint(float elevation_m) {
    float t = u_range_m.y > u_range_m.x ? clamp((elevation_m - u_range_m.x) / (u_range_m.y - u_range_m.x), 0.0, 1.0) : 0.0;
    vec3 c0 = vec3(0.70, 0.85, 0.62), c1 = vec3(0.95, 0.92, 0.65), c2 = vec3(0.82, 0.68, 0.52), c3 = vec3(0.97, 0.97, 0.95);
    if (t <= 0.35) return mix(c0, c1, t / 0.35);
    if (t <= 0.7) return mix(c1, c2, (t - 0.35) / 0.35);
    return mix(c2, c3, (t - 0.7) / 0.3);
}

void main() {
    vec2 c = texture(u_elevation, v_uv).rg;
    if (c.g < 0.5) {  // no data: the map as it is
        frag_color = vec4(1.0);
        return;
    }
    centre_m = c.r;
    // Rows run north to south: dy = -1 is the northern neighbour. Each neighbour read once (the
    // shader runs over twice the canvas whenever the map is drawn again).
    float nw = z(-1.0, -1.0), n = z(0.0, -1.0), ne = z(1.0, -1.0), w = z(-1.0, 0.0), e = z(1.0, 0.0);
    float sw = z(-1.0, 1.0), s = z(0.0, 1.0), se = z(1.0, 1.0);
    float west = nw + 2.0 * w + sw, east = ne + 2.0 * e + se;
    float north = nw + 2.0 * n + ne, south = sw + 2.0 * s + se;
    float dz_dx = (east - west) / (8.0 * u_cell_m.x), dz_dy = (north - south) / (8.0 * u_cell_m.y);
    float lit = (sin(u_sun.y) - cos(u_sun.y) * (dz_dx * sin(u_sun.x) + dz_dy * cos(u_sun.x))) / sqrt(1.0 + dz_dx * dz_dx + dz_dy * dz_dy);
    float factor = 0.45 + 0.55 * clamp(lit, 0.0, 1.0);  // shade_factor: light, a choropleth stays readable
    vec3 colour = u_tint ? tint(centre_m) : vec3(1.0);
    frag_color = vec4(colour * factor, 1.0);
}
