# The layer rules of STYLE.md, checked on the sources: each folder includes only the project
# folders listed for it (its own and those below it), io and analysis never each other, cli only
# core, and no GL, GLFW or ImGui in the core (nor ImGui in render, nor any in cli). The build holds
# the same rules with one include tree per layer target (src/CMakeLists.txt); this check names the
# file and the include, and covers the rules a target's view cannot tell apart.
# Run: cmake -DDIR=<a src folder> -P check_core_includes.cmake
cmake_minimum_required(VERSION 3.25)  # IN_LIST, list(TRANSFORM)
get_filename_component(DIR ${DIR} ABSOLUTE)
set(bad "")

# check(FOLDER [FILES f...] ALLOWED folder... [FORBID regex]): FILES (names in FOLDER) narrows
# the check to those files, EXCEPT leaves them out.
function(check folder)
  cmake_parse_arguments(ARG "" "FORBID" "FILES;EXCEPT;ALLOWED" ${ARGN})
  if(ARG_FILES)
    list(TRANSFORM ARG_FILES PREPEND ${DIR}/${folder}/ OUTPUT_VARIABLE files)
  else()
    file(GLOB_RECURSE files ${DIR}/${folder}/*.hpp ${DIR}/${folder}/*.cpp)
  endif()
  foreach(name ${ARG_EXCEPT})
    list(REMOVE_ITEM files ${DIR}/${folder}/${name})
  endforeach()
  string(JOIN " " allowed ${ARG_ALLOWED})
  foreach(f ${files})
    if(NOT EXISTS ${f})
      continue()
    endif()
    file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line ${lines})
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]*)[>\"].*" "\\1" path "${line}")
      if(path MATCHES "^(core/[a-z_]+|render|ui|app|cli)/")
        if(NOT CMAKE_MATCH_1 IN_LIST ARG_ALLOWED)
          list(APPEND bad "${f}: includes ${path} (${folder} may include ${allowed})")
        endif()
      elseif(ARG_FORBID AND path MATCHES "${ARG_FORBID}")
        list(APPEND bad "${f}: includes ${path}")
      endif()
    endforeach()
  endforeach()
  set(bad ${bad} PARENT_SCOPE)
endfunction()

set(no_gl "^(imgui|GLFW/|GL/|epoxy/)")
check(core/model ALLOWED core/model FORBID ${no_gl})
check(core/io ALLOWED core/model core/io FORBID ${no_gl})
check(core/analysis ALLOWED core/model core/analysis FORBID ${no_gl})
check(core/loading ALLOWED core/model core/io core/analysis core/loading FORBID ${no_gl})
check(core/scene ALLOWED core/model core/analysis core/scene FORBID ${no_gl})
check(core/terrain ALLOWED core/model core/io core/analysis core/terrain FORBID ${no_gl})
check(core/print ALLOWED core/model core/io core/analysis core/scene core/terrain core/print FORBID ${no_gl})
check(core/postgis ALLOWED core/model core/io core/analysis core/postgis FORBID ${no_gl})
check(core/workspace ALLOWED core/model core/io core/analysis core/loading core/scene core/postgis core/terrain core/workspace FORBID ${no_gl})
set(core core/model core/io core/analysis core/loading core/scene core/terrain core/print core/postgis core/workspace)
check(render ALLOWED core/model core/analysis core/scene render FORBID "^imgui")  # render knows no ImGui
check(ui ALLOWED core/model core/io core/analysis core/loading core/scene core/postgis core/terrain core/workspace render ui)
check(cli ALLOWED ${core} cli FORBID ${no_gl})  # cli uses core only
# The app library knows no command line; the program's own sources wire the viewer to it.
check(app EXCEPT main.cpp view_command.cpp ALLOWED ${core} render ui app)
check(app FILES main.cpp view_command.cpp ALLOWED ${core} render ui app cli)

if(bad)
  string(REPLACE ";" "\n" bad "${bad}")
  message("${bad}")  # as it is: a FATAL_ERROR message would wrap the lines
  message(FATAL_ERROR "these includes run against the layers of STYLE.md")
endif()
message(STATUS "every include under ${DIR} points down the layers")
