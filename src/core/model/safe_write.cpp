// Temp-file-and-rename writes.
#include "core/model/safe_write.hpp"

#include "core/model/error.hpp"

namespace ca::model {

void write_via_temp(const std::filesystem::path& target, const std::function<bool(const std::filesystem::path&)>& write) {
    namespace fs = std::filesystem;
    std::string name = ".";  // hidden, and on the same file system as the target so rename is atomic
    name += target.filename().string();
    name += ".part";
    const fs::path temp = target.parent_path() / name;
    std::error_code ec;
    bool written = false;
    try {
        written = write(temp);
    } catch (...) {
        fs::remove(temp, ec);
        throw;
    }
    if (!written) {
        fs::remove(temp, ec);
        throw Error("cannot write the file (is the folder there and writable?)").file(target.string());
    }
    fs::rename(temp, target, ec);
    if (ec) {
        const std::string reason = ec.message();
        fs::remove(temp, ec);
        throw Error("cannot move the finished file into place: " + reason).file(target.string());
    }
}

}  // namespace ca::model
