// A one-line progress report on stderr for a person at a terminal; silent for scripts and pipes.
#pragma once

#include <string_view>

namespace ca::cli {

class Progress {
public:
    Progress();
    ~Progress();  // clears the line
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void stage(std::string_view what) const;

private:
    bool m_terminal;
};

}  // namespace ca::cli
