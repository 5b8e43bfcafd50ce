// The hand lines of viewer scripts (see script_input.hpp).
#include "app/script_input.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "core/model/error.hpp"
#include "core/workspace/feature_edits.hpp"

namespace ca::app {
namespace {

// The window pixel of a map point (lon/lat), as the map shows it now.
InputFrame at_point(const ui::ViewerState& state, const std::string& lon, const std::string& lat) {
    std::vector<model::Vec2> p{{std::stod(lon), std::stod(lat)}};
    state.project().working->forward(p);
    const model::Vec2 px = state.viewport.to_px(p[0]);
    return {static_cast<float>(px.x + state.canvas.x), static_cast<float>(px.y + state.canvas.y)};
}

}  // namespace

std::vector<InputFrame> play_hand(ui::ViewerState& state, const std::vector<std::string>& words) {
    std::vector<InputFrame> frames;
    auto word = [&](std::size_t i) { return i < words.size() ? words[i] : std::string(); };
    const std::string& command = words[0];
    if (command == "click" || command == "drag") {
        InputFrame from = at_point(state, word(1), word(2)), to = command == "drag" ? at_point(state, word(3), word(4)) : from;
        frames.push_back(from);
        from.button = true;
        frames.push_back(from);
        for (float step : {0.25f, 0.5f, 0.75f, 1.0f}) {  // a drag passes through the points between
            InputFrame between = from;
            between.x += (to.x - from.x) * step;
            between.y += (to.y - from.y) * step;
            if (command == "drag") frames.push_back(between);
        }
        to.button = false;
        frames.push_back(to);
    } else if (command == "key") {
        static const std::pair<std::string_view, InputFrame> kKeys[] = {
            {"delete", {0, 0, false, 261}}, {"enter", {0, 0, false, 257}},        {"escape", {0, 0, false, 256}},
            {"ctrl+z", {0, 0, false, 90, true}}, {"ctrl+y", {0, 0, false, 89, true}}, {"ctrl+shift+z", {0, 0, false, 90, true, true}},
            {"ctrl+s", {0, 0, false, 83, true}}};  // GLFW key codes
        const auto found = std::find_if(std::begin(kKeys), std::end(kKeys), [&](const auto& k) { return k.first == word(1); });
        if (found == std::end(kKeys)) throw Error("key takes delete, enter, escape, ctrl+z, ctrl+y, ctrl+shift+z or ctrl+s");
        frames.push_back(found->second);
        frames.push_back({});  // released
    } else {  // form FIELD VALUE...
        auto& inputs = state.editing.inputs;
        if (!inputs.new_site_m || !state.editing.layer) throw Error("no new feature form is open (click the map in Edit mode first)");
        const int field = workspace::field_index(state.project().layers[*state.editing.layer], word(1));
        if (field < 0) throw Error("the form has no field \"" + word(1) + "\"");
        std::string text;
        for (std::size_t i = 2; i < words.size(); ++i) text += (i > 2 ? " " : "") + word(i);
        inputs.form.resize(state.project().layers[*state.editing.layer].field_names.size());
        inputs.form[static_cast<std::size_t>(field)] = text;
    }
    return frames;
}

}  // namespace ca::app
