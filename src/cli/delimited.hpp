// JSON row objects as delimited text (CSV or tab-separated), header from the first row's keys.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace ca::cli {

// Numbers go through `number_text` when given (to round for people), else JSON's own form;
// nulls are empty cells. CSV cells holding the separator or quotes are quoted.
std::string delimited(const nlohmann::ordered_json& rows, char separator,
                      const std::function<std::string(const std::string& key, double value)>& number_text = {});

}  // namespace ca::cli
