// Values as cell texts for table_patch's writers.
#include "core/io/cell_text.hpp"

#include <charconv>
#include <cmath>

namespace ca::io {

std::string number_text(double value) {
    // Below 2^53 every integral double is an int64 exactly; above, to_chars' shortest form
    // ("1e+20") is what reads back the same.
    if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 9007199254740992.0)
        return std::to_string(static_cast<long long>(value));
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string cell_text(const model::Value& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value)) return number_text(*d);
    if (const auto* s = std::get_if<std::string>(&value)) return *s;
    return {};
}

}  // namespace ca::io
