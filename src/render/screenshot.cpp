// Framebuffer to PNG through stb_image_write, which Debian's stb package ships compiled.
#include "render/screenshot.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <stb/stb_image_write.h>

#include "core/model/error.hpp"
#include "core/model/safe_write.hpp"
#include "render/gl.hpp"

namespace ca::render {

void save_framebuffer_png(int width_px, int height_px, const std::string& path) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width_px) * height_px * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width_px, height_px, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom-up, PNG's top-down.
    const std::size_t stride = static_cast<std::size_t>(width_px) * 3;
    std::vector<unsigned char> flipped(pixels.size());
    for (int row = 0; row < height_px; ++row)
        std::copy_n(pixels.data() + (height_px - 1 - row) * stride, stride, flipped.data() + row * stride);
    // Encoded in memory, then written with every write checked (stb's own file writer ignores
    // fwrite's and fclose's errors).
    std::string png;
    const auto append = [](void* context, void* data, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
    };
    if (!stbi_write_png_to_func(append, &png, width_px, height_px, 3, flipped.data(), static_cast<int>(stride)))
        throw Error("cannot encode the PNG").file(path);
    model::write_file_bytes(path, png);
}

}  // namespace ca::render
