// Composes the one-line form of ca::Error.
#include "core/model/error.hpp"

namespace ca {

Error::Error(std::string message, ErrorKind kind) : std::runtime_error(message), m_message(std::move(message)), m_kind(kind) {
    compose();
}

Error& Error::file(std::string value) {
    if (m_file.empty()) m_file = std::move(value);  // the innermost file named wins
    compose();
    return *this;
}

Error& Error::layer(std::string value) {
    if (m_layer.empty()) m_layer = std::move(value);
    compose();
    return *this;
}

Error& Error::feature(std::string value) {
    if (m_feature.empty()) m_feature = std::move(value);
    compose();
    return *this;
}

Error& Error::field(std::string value) {
    if (m_field.empty()) m_field = std::move(value);
    compose();
    return *this;
}

void Error::compose() {
    std::string where;
    auto add = [&where](const std::string& part) {
        if (part.empty()) return;
        if (!where.empty()) where += ", ";
        where += part;
    };
    add(m_file);
    if (!m_layer.empty()) add("layer " + m_layer);
    add(m_feature);
    if (!m_field.empty()) add("field " + m_field);
    m_line = where.empty() ? m_message : where + ": " + m_message;
    // Keep it one line whatever a library handed us.
    for (char& c : m_line)
        if (c == '\n' || c == '\r') c = ' ';
}

}  // namespace ca
