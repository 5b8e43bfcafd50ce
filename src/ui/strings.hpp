// Every UI text in Chinese and English.
#pragma once

#include <string_view>

#include "core/model/language.hpp"

namespace ca::ui {

using model::Language;

enum class Text {
    Layers, Legend, Features, Role, FitToData, NoLayers, Cursor, Scale, WorkingCrs, LanguageName,
    RoleVillages, RoleTownships, RoleSites, RoleLines, RolePonds, RoleUnknown, Repaired, Skipped,
};

std::string_view tr(Text text, Language language);
// The language of the system locale (LANG, LC_ALL): Chinese for zh_*, English otherwise.
Language language_from_environment();

}  // namespace ca::ui
