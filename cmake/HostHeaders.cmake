# Header-only libraries from Debian (nlohmann/json, fast_float).
# Natively they come through find_package / the system include path. Emscripten
# uses its own sysroot where /usr/include is absent (and adding it breaks
# libc++), so the wasm build gets a folder of symlinks to just these headers.
if(EMSCRIPTEN)
  set(GAPSCORE_HOSTINC "${CMAKE_BINARY_DIR}/hostinc")
  file(MAKE_DIRECTORY "${GAPSCORE_HOSTINC}")
  foreach(dir nlohmann fast_float)
    if(NOT EXISTS "${GAPSCORE_HOSTINC}/${dir}")
      file(CREATE_LINK "/usr/include/${dir}" "${GAPSCORE_HOSTINC}/${dir}" SYMBOLIC)
    endif()
  endforeach()
  add_library(gapscore_host_headers INTERFACE)
  target_include_directories(gapscore_host_headers SYSTEM INTERFACE "${GAPSCORE_HOSTINC}")
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  find_path(FAST_FLOAT_INCLUDE_DIR fast_float/fast_float.h REQUIRED)
  add_library(gapscore_host_headers INTERFACE)
  target_link_libraries(gapscore_host_headers INTERFACE nlohmann_json::nlohmann_json)
  target_include_directories(gapscore_host_headers SYSTEM INTERFACE "${FAST_FLOAT_INCLUDE_DIR}")
endif()
