// Compiling and linking embedded shaders.
#include "render/shader_program.hpp"

#include <string_view>
#include <utility>
#include <vector>

#include "core/model/error.hpp"

namespace ca::render {

extern const std::pair<std::string_view, std::string_view> kEmbeddedShaders[];
extern const int kEmbeddedShaderCount;

namespace {

std::string_view source_of(const std::string& file) {
    for (int i = 0; i < kEmbeddedShaderCount; ++i)
        if (kEmbeddedShaders[i].first == file) return kEmbeddedShaders[i].second;
    throw Error("shader not embedded in this build").file("shaders/" + file);
}

GLuint compile(GLenum stage, const std::string& file) {
    const std::string_view text = source_of(file);
    const GLchar* data = text.data();
    const GLint length = static_cast<GLint>(text.size());
    GLuint shader = glCreateShader(stage);
    glShaderSource(shader, 1, &data, &length);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        GLint log_length = 0;
        glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &log_length);
        std::vector<char> log(static_cast<std::size_t>(std::max(log_length, 1)));
        glGetShaderInfoLog(shader, log_length, nullptr, log.data());
        glDeleteShader(shader);
        throw Error(std::string("shader does not compile: ") + log.data()).file("shaders/" + file);
    }
    return shader;
}

}  // namespace

ShaderProgram::ShaderProgram(const std::string& vertex_file, const std::string& fragment_file) {
    GLuint vs = compile(GL_VERTEX_SHADER, vertex_file);
    GLuint fs = compile(GL_FRAGMENT_SHADER, fragment_file);
    m_program = glCreateProgram();
    glAttachShader(m_program, vs);
    glAttachShader(m_program, fs);
    glLinkProgram(m_program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = GL_FALSE;
    glGetProgramiv(m_program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetProgramInfoLog(m_program, sizeof log, nullptr, log);
        throw Error(std::string("shader program does not link: ") + log).file("shaders/" + vertex_file);
    }
}

ShaderProgram::~ShaderProgram() {
    if (m_program) glDeleteProgram(m_program);
}

}  // namespace ca::render
