// A fixture for the include check (tests/check_core_includes.cmake): io reaching into analysis,
// which the check must refuse. Never compiled.
#pragma once

#include "core/analysis/statistics.hpp"
