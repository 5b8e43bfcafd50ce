// A GLSL program built from two files of shaders/, embedded into the binary at build time.
#pragma once

#include <string>

#include "render/gl.hpp"

namespace ca::render {

class ShaderProgram {
public:
    // Throws ca::Error naming the shader file and carrying the driver's log when a compile fails.
    ShaderProgram(const std::string& vertex_file, const std::string& fragment_file);
    ~ShaderProgram();
    ShaderProgram(const ShaderProgram&) = delete;
    ShaderProgram& operator=(const ShaderProgram&) = delete;

    void use() const { glUseProgram(m_program); }
    GLint uniform(const char* name) const { return glGetUniformLocation(m_program, name); }

private:
    GLuint m_program = 0;
};

}  // namespace ca::render
