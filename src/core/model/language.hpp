// The two languages of CountyAtlas, and the display names of the contract's canonical values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ca::model {

enum class Language { Chinese, English };

// "whole_village" -> "整村推进" / "whole-village promotion"; "ditch" -> "沟渠" / "ditch".
// Unknown values come back as they are.
std::string display_name(std::string_view canonical_value, Language language);
// Every display name in both languages: the characters a UI font must hold.
std::vector<std::string> all_display_names();

}  // namespace ca::model
