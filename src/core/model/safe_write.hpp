// Writing output files so that nothing the user has is ever lost: every output goes to a
// temporary file of its own beside the target, every write is checked, the file is flushed to
// disk, and only then renamed over the target. A failure leaves the old file as it was.
#pragma once

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ca::model {

// Why a write failed, in the system's words ("No space left on device"). Thrown by
// TempFile::write, or by a writer whose library reported a failure; write_via_temp turns it into
// one ca::Error line naming the target.
class WriteFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The temporary file a writer fills: `.NAME.XXXXXX.part` in the target's folder (unique per
// write, so two runs writing one target never share it and a stale one never blocks a write).
class TempFile {
public:
    TempFile(std::filesystem::path path, int fd) : m_path(std::move(path)), m_fd(fd) {}
    const std::filesystem::path& path() const { return m_path; }
    // Appends all of `bytes`, or throws WriteFailure with errno's reason.
    void write(std::string_view bytes);

private:
    std::filesystem::path m_path;
    int m_fd;
};

// Calls `write` on a fresh temporary file; when it returns, the file is synced to disk, closed
// (every status checked) and renamed onto `target`, and the folder is synced. On any failure the
// temporary file is removed and `target` is left untouched: a WriteFailure becomes ca::Error
// "TARGET: cannot write the file: REASON; the old file is unchanged", anything else the writer
// throws is passed on. A target that is no regular file (/dev/null, a named pipe) is written in
// place. While the write runs, SIGINT, SIGTERM and SIGHUP remove the temporary file
// before the process ends. A new file gets the permissions of one made by the process (umask);
// a replaced one keeps its own.
void write_via_temp(const std::filesystem::path& target, const std::function<void(TempFile&)>& write);

// The common case: `bytes` become the whole of `target`, safely.
void write_file_bytes(const std::filesystem::path& target, std::string_view bytes);

}  // namespace ca::model
