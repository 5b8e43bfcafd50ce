// Reading page layout files.
#include "core/print/layout_file.hpp"

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/model/error.hpp"

namespace ca::print {

namespace {
constexpr double kMaxMm = 100000;  // 100 m: far beyond any page
}  // namespace

Layout read_layout_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error("cannot read the layout file").file(path);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const std::exception& e) {
        throw Error(std::string("is not valid JSON: ") + e.what()).file(path);
    }
    auto number = [&](const nlohmann::json& o, const std::string& element, const char* key) {
        if (!o.contains(key)) return std::optional<double>{};
        if (!o[key].is_number()) throw Error(element + "." + key + " must be a number of millimetres").file(path);
        // Bounded so that sums and the page's pixel arithmetic stay finite (1e308 + 1e308 did not).
        if (!(std::abs(o[key].get<double>()) <= kMaxMm)) throw Error(element + "." + key + " must be within 100000 millimetres").file(path);
        return std::optional<double>{o[key].get<double>()};
    };
    Layout layout;
    auto placement = [&](const char* element, print::Placement& p) {
        if (!j.contains(element)) return;
        const auto& o = j[element];
        // value() on a non-object or a "show" that is no boolean threw the JSON library's own
        // exception, which left the command as an unexpected failure (found by fuzz_layout_file).
        if (!o.is_object()) throw Error(std::string(element) + " must be an object such as {\"x_mm\": 10, \"y_mm\": 20}").file(path);
        if (o.contains("show") && !o["show"].is_boolean()) throw Error(std::string(element) + ".show must be true or false").file(path);
        p.shown = o.value("show", true);
        const auto x = number(o, element, "x_mm"), y = number(o, element, "y_mm");
        if (x.has_value() != y.has_value()) throw Error(std::string(element) + " needs both x_mm and y_mm").file(path);
        if (x) p.at_mm = model::Vec2{*x, *y};
    };
    placement("title", layout.title);
    placement("legend", layout.legend);
    placement("scale_bar", layout.scale_bar);
    placement("north_arrow", layout.north_arrow);
    placement("inset", layout.inset);
    placement("review_number", layout.review_number);
    placement("compiled_by", layout.compiled_by);
    placement("sources", layout.sources);
    placement("date", layout.date);
    placement("crs", layout.crs);
    if (j.contains("map")) {
        const auto& m = j["map"];
        const auto x = number(m, "map", "x_mm"), y = number(m, "map", "y_mm"), w = number(m, "map", "width_mm"), h = number(m, "map", "height_mm");
        if (!x || !y || !w || !h || *w <= 0 || *h <= 0) throw Error("map needs x_mm, y_mm and positive width_mm, height_mm").file(path);
        model::Extent e;
        e.add({*x, *y});
        e.add({*x + *w, *y + *h});
        layout.map_mm = e;
    }
    return layout;
}

}  // namespace ca::print
