// A folder where writes fail for want of room, for the tests of safe writing. Where the test may
// mount file systems (root with CAP_SYS_ADMIN, as in CI) it is a 64 KiB tmpfs that `fill()` fills
// to the brim: writes fail with ENOSPC, as on a full USB stick. Elsewhere the writing process gets
// a file-size limit instead (RLIMIT_FSIZE, SIGXFSZ ignored): writes fail with EFBIG. Either way a
// write really fails under the writer; tests assert the same things and say which variant ran.
#pragma once

#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace ca::test {

class FullDisk {
public:
    // `try_mount` false: the file-size limit even where a tmpfs could be mounted.
    explicit FullDisk(std::filesystem::path folder, bool try_mount = true) : m_folder(std::move(folder)) {
        std::filesystem::create_directories(m_folder);
        m_mounted = try_mount && ::mount("tmpfs", m_folder.c_str(), "tmpfs", 0, "size=64k") == 0;
    }
    ~FullDisk() {
        if (m_mounted) ::umount2(m_folder.c_str(), MNT_DETACH);
    }
    FullDisk(const FullDisk&) = delete;
    FullDisk& operator=(const FullDisk&) = delete;

    bool mounted() const { return m_mounted; }
    std::string variant() const { return m_mounted ? "a full 64 KiB tmpfs" : "a file-size limit"; }
    // What the failed write says.
    std::string reason() const { return std::strerror(m_mounted ? ENOSPC : EFBIG); }
    // Takes the room left, after the test has put its old files there (tmpfs only). Returns the
    // filler's name, so tests can leave it out when they look for stray files.
    std::string fill() const {
        if (!m_mounted) return {};
        const std::string filler = (m_folder / "filler").string();
        std::FILE* f = std::fopen(filler.c_str(), "wb");
        const std::vector<char> block(4096, 'x');
        while (f && std::fwrite(block.data(), 1, block.size(), f) == block.size() && std::fflush(f) == 0) {
        }
        if (f) std::fclose(f);
        return "filler";
    }
    // A shell prefix under which a command's writes fail (with the tmpfs, once filled, none is needed).
    std::string shell_prefix() const { return m_mounted ? "" : "trap '' XFSZ; ulimit -f 1; "; }

private:
    std::filesystem::path m_folder;
    bool m_mounted = false;
};

// For writes inside the test process: the same limit the shell prefix sets, while alive.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &m_old);
        m_old_handler = ::signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG
        rlimit limit = m_old;
        limit.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &m_old);
        ::signal(SIGXFSZ, m_old_handler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit m_old{};
    sighandler_t m_old_handler = SIG_DFL;
};

}  // namespace ca::test
