// The one error type of CountyAtlas: what went wrong, and where (file, layer, feature or row, field).
#pragma once

#include <stdexcept>
#include <string>

namespace ca {

// Thrown by the lowest layer that knows what went wrong; callers add the context they know
// (file, layer...) on the way up. what() is always one line: "FILE, layer L, feature F: message".
class Error : public std::runtime_error {
public:
    explicit Error(std::string message);

    Error& file(std::string value);
    Error& layer(std::string value);
    Error& feature(std::string value);
    Error& field(std::string value);

    const std::string& message() const noexcept { return m_message; }
    const std::string& file() const noexcept { return m_file; }
    const char* what() const noexcept override { return m_line.c_str(); }

private:
    void compose();

    std::string m_message;
    std::string m_file;
    std::string m_layer;
    std::string m_feature;
    std::string m_field;
    std::string m_line;
};

}  // namespace ca
