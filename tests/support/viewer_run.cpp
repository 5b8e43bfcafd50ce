// Driving the viewer from tests.
#include "support/viewer_run.hpp"

#include <cstdlib>
#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

namespace ca::test {

std::string on_a_display(const std::string& command) {
    const char* display = std::getenv("DISPLAY");
    return (display && *display) ? command : "xvfb-run -a -s '-screen 0 1440x900x24 -noreset' " + command;
}

std::vector<Shot> run_viewer_script(const std::string& dir, const std::string& data, const std::vector<std::string>& script_lines,
                                    const std::string& language) {
    const std::string script = dir + "/script.txt";
    std::string text;
    for (const auto& line : script_lines) text += line + "\n";
    write_text(script, text);
    const auto result = run("LANG=" + language + " " + on_a_display("'" CA_BINARY "' view '" + data + "' --script '" + script + "'"));
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    std::vector<Shot> shots;
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        const auto j = nlohmann::json::parse(line);
        Shot shot;
        shot.path = j["screenshot"];
        const auto& map = j["map"];
        shot.viewport.centre_m = {map["centre_m"][0].get<double>(), map["centre_m"][1].get<double>()};
        shot.viewport.m_per_px = map["m_per_px"].get<double>();
        shot.viewport.width_px = map["width"].get<int>();
        shot.viewport.height_px = map["height"].get<int>();
        shot.left = map["x"].get<int>();
        shot.top = map["y"].get<int>();
        shots.push_back(shot);
    }
    return shots;
}

}  // namespace ca::test
