// Captions of the frame texts, and the dated list of a project's data files.
#include "core/print/frame_texts.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>

namespace ca::print {
namespace {

std::string captioned(const char* zh, const char* en, const std::string& value, model::Language language) {
    if (value.empty()) return "";
    return language == model::Language::Chinese ? std::string(zh) + "：" + value : std::string(en) + ": " + value;
}

std::string date_of(std::time_t t) {
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", std::localtime(&t));
    return buffer;
}

}  // namespace

std::string review_number_text(const FrameTexts& t, model::Language l) { return captioned("审图号", "Map review no.", t.review_number, l); }
std::string compiled_by_text(const FrameTexts& t, model::Language l) { return captioned("编制单位", "Compiled by", t.compiled_by, l); }
std::string date_text(const FrameTexts& t, model::Language l) { return captioned("制图日期", "Drawn", t.date, l); }
std::string crs_text(const FrameTexts& t, model::Language l) { return captioned("坐标系", "Coordinate system", t.crs, l); }

std::string sources_text(const FrameTexts& t, model::Language l) {
    std::string joined;
    for (const auto& s : t.sources) joined += (joined.empty() ? "" : (l == model::Language::Chinese ? "；" : "; ")) + s;
    return captioned("数据来源", "Data sources", joined, l);
}

std::vector<std::string> dated_sources(const model::Project& project) {
    namespace fs = std::filesystem;
    std::vector<std::string> seen, out;
    for (const auto& layer : project.layers) {
        if (layer.source_path.empty() || std::find(seen.begin(), seen.end(), layer.source_path) != seen.end()) continue;
        seen.push_back(layer.source_path);
        std::string text = fs::path(layer.source_path).filename().string();
        std::error_code ec;
        const auto written = fs::last_write_time(layer.source_path, ec);
        if (!ec) {
            const auto system = std::chrono::file_clock::to_sys(written);
            text += "（" + date_of(std::chrono::system_clock::to_time_t(system)) + "）";
        }
        out.push_back(text);
    }
    return out;
}

std::string today_text() { return date_of(std::time(nullptr)); }

}  // namespace ca::print
