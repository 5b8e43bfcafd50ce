// OpenGL 3.3 core declarations. On Linux libGL exports every core entry point, so prototypes
// suffice and no loader library is needed.
#pragma once

#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
