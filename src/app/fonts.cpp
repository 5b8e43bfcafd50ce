// Font atlas from the data's own characters.
#include "app/fonts.hpp"

#include <filesystem>

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include "core/model/text.hpp"
#include "ui/problem_list.hpp"
#include "core/analysis/metrics.hpp"
#include "ui/strings.hpp"

namespace ca::app {
namespace {

constexpr const char* kCjkFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr int kSimplifiedChineseFace = 2;  // in the .ttc: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK

}  // namespace

ImVector<ImWchar> glyph_ranges(const model::Project& project, const std::vector<std::string>& more_text) {
    ImFontGlyphRangesBuilder builder;
    static const ImWchar kLatin[] = {0x0020, 0x00FF, 0};  // what ImGui's default range holds
    builder.AddRanges(kLatin);
    builder.AddText("°·×…→←–—%（）");
    for (int t = 0; t < static_cast<int>(ui::Text::kLast); ++t)
        for (auto lang : {ui::Language::Chinese, ui::Language::English}) {
            const auto text = ui::tr(static_cast<ui::Text>(t), lang);
            builder.AddText(text.data(), text.data() + text.size());
        }
    for (const auto& text : more_text) builder.AddText(text.c_str());
    for (const auto& metric : analysis::metrics())  // the colouring list and Identify name them
        for (const std::string_view text : {metric.zh, metric.unit_zh}) builder.AddText(text.data(), text.data() + text.size());
    for (const auto& [kind, label] : ui::chinese_kind_labels()) builder.AddText(label.data(), label.data() + label.size());
    // The Problems tab names files and layers that may hold no feature at all (a copy left out).
    for (const auto& problem : project.problems.all())
        for (const std::string* text : {&problem.file, &problem.layer, &problem.message}) builder.AddText(text->c_str());
    for (const auto& layer : project.layers) {
        builder.AddText(layer.name.c_str());
        for (const auto& name : layer.field_names) builder.AddText(name.c_str());
        for (const auto& f : layer.features)
            for (const auto& v : f.values)
                if (const auto* s = std::get_if<std::string>(&v)) builder.AddText(s->c_str());
    }
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);
    return ranges;
}

void build_font_atlas(const ImVector<ImWchar>& ranges, float size_px) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    if (std::filesystem::exists(kCjkFont)) {
        ImFontConfig config;
        config.FontNo = kSimplifiedChineseFace;
        config.OversampleH = 1;  // CJK glyphs are dense: keep the atlas small
        io.Fonts->AddFontFromFileTTF(kCjkFont, size_px, &config, ranges.Data);
    } else {
        io.Fonts->AddFontDefault();  // without fonts-noto-cjk Chinese shows as '?': ./run installs it
    }
    io.Fonts->Build();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

bool font_has_all(const std::string& text) {
    const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];  // the one font the viewer loads
    for (std::size_t i = 0; i < text.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = model::decode_utf8(text, i, cp);
        if (len == 0) return true;  // not UTF-8: nothing to add
        if (cp <= 0xFFFF && !font->FindGlyphNoFallback(static_cast<ImWchar>(cp))) return false;
        i += len;
    }
    return true;
}

}  // namespace ca::app
