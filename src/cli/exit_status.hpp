// The exit statuses of `countyatlas`, one per kind of failure, so that a batch job can tell a bad
// input from a full disk from a run stopped with Ctrl-C. Listed in --help and README.md.
#pragma once

#include "core/model/error.hpp"

namespace ca::cli {

inline constexpr int kExitFailure = 1;      // an unexpected failure: a defect to report
inline constexpr int kExitBadInput = 2;     // a file, option or script the program cannot use
inline constexpr int kExitCannotWrite = 3;  // the output cannot be written
inline constexpr int kExitCancelled = 4;    // stopped by the user (Ctrl-C)

// The footer of every command's --help.
inline constexpr const char* kExitStatusHelp =
    "Exit status: 0 success; 2 bad input (one line on stderr names the file, layer and feature); "
    "3 the output cannot be written (permission, full disk, missing folder); 4 cancelled (Ctrl-C); "
    "1 any other failure.";

constexpr int exit_status(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::BadInput: return kExitBadInput;
    case ErrorKind::CannotWrite: return kExitCannotWrite;
    case ErrorKind::Cancelled: return kExitCancelled;
    }
    return kExitFailure;
}

}  // namespace ca::cli
