// Temporary file, checked writes, fsync, rename: the only way CountyAtlas writes a file.
#include "core/model/safe_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

#include "core/model/error.hpp"
#include "core/model/temp_registry.hpp"

namespace ca::model {
namespace {

namespace fs = std::filesystem;

std::string reason(int error) { return std::strerror(error); }

// The process's umask, read without changing it (umask(2) can only set it, which would race with
// other threads creating files). /proc/self/status has it since Linux 4.7.
mode_t process_umask() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("Umask:", 0) == 0) return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
    return 022;
}

// What the finished file's permissions should be: those of the file it replaces, else those of
// a file the process creates (mkstemp makes 0600, which would hide a figure from its reader).
mode_t final_mode(const fs::path& target) {
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) return st.st_mode & 07777;
    return 0666 & ~process_umask();
}

// A write that goes through a symbolic link replaces the file it points to, not the link.
fs::path resolved(const fs::path& target) {
    std::error_code ec;
    if (!fs::is_symlink(target, ec)) return target;
    const fs::path real = fs::weakly_canonical(target, ec);
    return ec ? target : real;
}

void sync_folder(const fs::path& folder) {
    const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // the rename is done; a folder we cannot open for syncing loses nothing now
    ::fsync(fd);
    ::close(fd);
}

// One temporary file from creation to rename or removal.
class Temporary {
public:
    // mkstemp's way (a random name, created only if no file has it) with one difference: the name
    // is registered for signal cleanup before the file exists, so no moment is left in which a
    // signal could leave it behind. Were a signal to come while a name is tried that another run
    // holds, what it removes is that run's temporary file, never the user's data.
    explicit Temporary(const fs::path& target) {
        std::random_device entropy;
        constexpr std::string_view kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        int error = EEXIST;
        for (int attempt = 0; attempt < 100 && error == EEXIST; ++attempt) {
            std::string unique(6, 'X');
            for (char& c : unique) c = kLetters[entropy() % kLetters.size()];
            m_path = target.parent_path() / ("." + target.filename().string() + "." + unique + ".part");
            m_slot = detail::remember_temp_file(m_path.string());
            m_fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (m_fd >= 0) return;
            error = errno;
            detail::forget_temp_file(m_slot);
            m_slot = -1;
        }
        m_path.clear();
        throw WriteFailure(reason(error) + " (is the folder there and writable?)");
    }
    ~Temporary() {
        if (m_fd >= 0) ::close(m_fd);
        if (!m_renamed && !m_path.empty()) ::unlink(m_path.c_str());
        detail::forget_temp_file(m_slot);
    }
    Temporary(const Temporary&) = delete;
    Temporary& operator=(const Temporary&) = delete;

    int fd() const { return m_fd; }
    const fs::path& path() const { return m_path; }

    // Makes the bytes durable and the file the target; throws WriteFailure when any step fails.
    void commit(const fs::path& target, mode_t mode) {
        if (::fchmod(m_fd, mode) != 0) throw WriteFailure(reason(errno));
        // fsync reports the write errors a file system only finds when it writes back (NFS,
        // quotas, a disk that fills late); close can report them too.
        if (::fsync(m_fd) != 0) throw WriteFailure(reason(errno));
        const int fd = m_fd;
        m_fd = -1;
        if (::close(fd) != 0) throw WriteFailure(reason(errno));
        if (::rename(m_path.c_str(), target.c_str()) != 0) throw WriteFailure(reason(errno));
        m_renamed = true;
        sync_folder(target.parent_path());  // the rename itself survives a power cut
    }

private:
    fs::path m_path;
    int m_fd = -1;
    int m_slot = -1;
    bool m_renamed = false;
};

// `-o /dev/null`, `-o /dev/stdout`, a named pipe: written in place, as nothing can be kept of
// them and a rename would put a regular file where the device was.
void write_in_place(const fs::path& target, const std::function<void(TempFile&)>& write) {
    const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) throw WriteFailure(reason(errno));
    TempFile file(target, fd);
    try {
        write(file);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0) throw WriteFailure(reason(errno));
}

}  // namespace

void TempFile::write(std::string_view bytes) {
    const char* data = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, data, left);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw WriteFailure(reason(errno));
        if (n == 0) throw WriteFailure("the disk took no more bytes");
        data += n;
        left -= static_cast<std::size_t>(n);
    }
}

void write_via_temp(const fs::path& requested, const std::function<void(TempFile&)>& write) {
    const fs::path target = resolved(requested);
    std::error_code ec;
    if (fs::is_directory(target, ec)) throw Error("is a folder; give the name of a file to write", ErrorKind::CannotWrite).file(requested.string());
    const bool existed = fs::exists(target, ec), regular = fs::is_regular_file(target, ec);
    try {
        if (existed && !regular) return write_in_place(target, write);
        const mode_t mode = final_mode(target);
        Temporary temporary(target);
        TempFile file(temporary.path(), temporary.fd());
        write(file);
        temporary.commit(target, mode);
    } catch (const WriteFailure& failure) {
        throw Error(std::string("cannot write the file: ") + failure.what() + (regular ? "; the old file is unchanged" : ""),
                    ErrorKind::CannotWrite)
            .file(requested.string());
    }
}

void write_file_bytes(const fs::path& target, std::string_view bytes) {
    write_via_temp(target, [bytes](TempFile& file) { file.write(bytes); });
}

}  // namespace ca::model
