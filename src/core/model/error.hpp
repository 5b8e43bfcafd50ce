// The one error type of CountyAtlas: what went wrong, and where (file, layer, feature or row, field).
#pragma once

#include <stdexcept>
#include <string>

namespace ca {

// What kind of failure an Error is, so that callers decide by it and never by the message's words:
// `countyatlas` exits 2, 3 or 4 by it (cli/exit_status.hpp), the viewer words it.
enum class ErrorKind {
    BadInput,     // a file, option or script the program cannot use: the user fixes the input
    CannotWrite,  // the output cannot be written (permission, full disk, missing folder)
    Cancelled,    // the user stopped the work
};

// Thrown by the lowest layer that knows what went wrong; callers add the context they know
// (file, layer...) on the way up. what() is always one line: "FILE, layer L, feature F: message".
class Error : public std::runtime_error {
public:
    explicit Error(std::string message, ErrorKind kind = ErrorKind::BadInput);

    Error& file(std::string value);
    Error& layer(std::string value);
    Error& feature(std::string value);
    Error& field(std::string value);

    const std::string& message() const noexcept { return m_message; }
    const std::string& file() const noexcept { return m_file; }
    ErrorKind kind() const noexcept { return m_kind; }
    const char* what() const noexcept override { return m_line.c_str(); }

private:
    void compose();

    std::string m_message;
    std::string m_file;
    std::string m_layer;
    std::string m_feature;
    std::string m_field;
    std::string m_line;
    ErrorKind m_kind;
};

}  // namespace ca
