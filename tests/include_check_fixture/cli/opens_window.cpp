// A fixture for the include check: the command line reaching the viewer. Never compiled.
#include "app/viewer.hpp"
