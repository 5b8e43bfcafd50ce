// The zh/en text table.
#include "ui/strings.hpp"

#include <cstdlib>
#include <string>
#include <utility>

namespace ca::ui {

std::string_view tr(Text text, Language language) {
    struct Entry {
        Text text;
        std::string_view zh, en;
    };
    static constexpr Entry kTable[] = {
        {Text::Layers, "图层", "Layers"},
        {Text::Legend, "图例", "Legend"},
        {Text::Features, "要素", "features"},
        {Text::Role, "角色", "Role"},
        {Text::FitToData, "全图 (Home)", "Fit to data (Home)"},
        {Text::NoLayers, "没有打开的数据。用 countyatlas view 文件 打开村界、项目点等。",
         "No data open. Open village boundaries, project sites... with: countyatlas view FILE"},
        {Text::Cursor, "光标", "Cursor"},
        {Text::Scale, "比例尺", "Scale"},
        {Text::WorkingCrs, "工作坐标系", "Working CRS"},
        {Text::LanguageName, "English", "中文"},
        {Text::RoleVillages, "村界", "villages"},
        {Text::RoleTownships, "乡镇界", "townships"},
        {Text::RoleSites, "项目点", "project sites"},
        {Text::RoleLines, "线状设施", "lines"},
        {Text::RolePonds, "坝塘水窖", "ponds"},
        {Text::RoleUnknown, "未识别", "unknown"},
        {Text::Repaired, "已修复", "repaired"},
        {Text::Skipped, "已跳过", "skipped"},
    };
    for (const Entry& e : kTable)
        if (e.text == text) return language == Language::Chinese ? e.zh : e.en;
    return {};
}

Language language_from_environment() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value) return std::string(value).rfind("zh", 0) == 0 ? Language::Chinese : Language::English;
    }
    return Language::English;
}

}  // namespace ca::ui
