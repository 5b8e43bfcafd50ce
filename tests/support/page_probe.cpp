// Page probes (see page_probe.hpp).
#include "support/page_probe.hpp"

#include <cmath>
#include <cstdlib>

#include "core/io/working_crs.hpp"

namespace ca::test {

model::Vec2 on_page(const nlohmann::json& report, double lon, double lat) {
    std::vector<model::Vec2> p = {{lon, lat}};
    io::make_projection("EPSG:4543")->forward(p);
    const auto& map = report["map"];
    const double m_per_unit = map["m_per_unit"];
    const double w = std::floor(map["width"].get<double>()), h = std::floor(map["height"].get<double>());
    return {map["x"].get<double>() + w / 2 + (p[0].x - map["centre_m"][0].get<double>()) / m_per_unit,
            map["y"].get<double>() + h / 2 - (p[0].y - map["centre_m"][1].get<double>()) / m_per_unit};
}

bool is(const Rgb& got, scene::Color want, int tolerance) {
    return std::abs(got.r - want.r) <= tolerance && std::abs(got.g - want.g) <= tolerance && std::abs(got.b - want.b) <= tolerance;
}

}  // namespace ca::test
