// An option the user gives for every source of its kind ("GBK") or for one source
// ("villages.shp=GBK"), as --encoding and --coords take it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ca::model {

class PerSourceOption {
public:
    PerSourceOption() = default;
    PerSourceOption(std::string all) : m_all(std::move(all)) {}      // NOLINT: "GBK" is an option for all
    PerSourceOption(const char* all) : m_all(all ? all : "") {}       // NOLINT

    // "GBK" sets the value for all sources; "FILE=GBK" for the source given as FILE or named FILE.
    void add(std::string_view argument) {
        const auto eq = argument.rfind('=');
        if (eq == std::string_view::npos || eq == 0) m_all = std::string(argument);
        else m_by_source.emplace_back(std::string(argument.substr(0, eq)), std::string(argument.substr(eq + 1)));
    }
    // The value for the source at `path`: the one naming it (as given, or by file name), else the one for all.
    const std::string& for_source(const std::string& path) const {
        const std::string name = std::filesystem::path(path).filename().string();
        for (const auto& [source, value] : m_by_source)
            if (source == path || source == name || std::filesystem::path(source).filename() == name) return value;
        return m_all;
    }
    const std::string& all() const { return m_all; }
    bool empty() const { return m_all.empty() && m_by_source.empty(); }
    // Back to command-line form: the value for all first, then FILE=VALUE ones.
    std::vector<std::string> arguments() const {
        std::vector<std::string> out;
        if (!m_all.empty()) out.push_back(m_all);
        for (const auto& [source, value] : m_by_source) out.push_back(source + "=" + value);
        return out;
    }
    const std::vector<std::pair<std::string, std::string>>& by_source() const { return m_by_source; }

private:
    std::string m_all;
    std::vector<std::pair<std::string, std::string>> m_by_source;
};

}  // namespace ca::model
