// Delimited text from JSON rows.
#include "cli/delimited.hpp"

#include <sstream>

namespace ca::cli {

std::string delimited(const nlohmann::ordered_json& rows, char separator,
                      const std::function<std::string(const std::string& key, double value)>& number_text) {
    auto quoted = [separator](const std::string& text) {
        if (text.find_first_of(std::string(1, separator) + "\"\n") == std::string::npos) return text;
        std::string q = "\"";
        for (char c : text) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    std::ostringstream out;
    bool header = true;
    for (const auto& row : rows) {
        if (header) {
            bool first = true;
            for (const auto& [key, value] : row.items()) out << (first ? "" : std::string(1, separator)) << key, first = false;
            out << "\n";
            header = false;
        }
        bool first = true;
        for (const auto& [key, value] : row.items()) {
            if (!first) out << separator;
            first = false;
            if (value.is_string()) out << quoted(value.get<std::string>());
            else if (value.is_number_float() && number_text) out << number_text(key, value.get<double>());
            else if (!value.is_null()) out << value.dump();
        }
        out << "\n";
    }
    return out.str();
}

}  // namespace ca::cli
