# libclang.cmake - finds libclang the one way the project, the benchmark
# and the fuzz harnesses all use: llvm-config, newest first (Debian 12
# ships libclang-19-dev), or -DLLVM_CONFIG=/path/to/llvm-config. libclang
# 17 is the oldest with the C API the parser needs (operator kinds).
#
# Sets LLVM_INCLUDE_DIR, LLVM_LIBRARY_DIR, LLVM_BIN_DIR, LLVM_VERSION,
# LLVM_VERSION_MAJOR, LIBCLANG (the library) and CLANG_RESOURCE_DIR
# (clang's builtin headers, stddef.h and the like, of the same LLVM).
find_program(LLVM_CONFIG NAMES llvm-config-19 llvm-config-18 llvm-config-17 llvm-config
             PATHS /usr/lib/llvm-19/bin /usr/lib/llvm-18/bin /usr/lib/llvm-17/bin)
if(NOT LLVM_CONFIG)
  message(FATAL_ERROR "llvm-config not found: install libclang-19-dev (or pass -DLLVM_CONFIG=...)")
endif()
execute_process(COMMAND ${LLVM_CONFIG} --includedir OUTPUT_VARIABLE LLVM_INCLUDE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${LLVM_CONFIG} --libdir OUTPUT_VARIABLE LLVM_LIBRARY_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${LLVM_CONFIG} --bindir OUTPUT_VARIABLE LLVM_BIN_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${LLVM_CONFIG} --version OUTPUT_VARIABLE LLVM_VERSION OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX MATCH "^[0-9]+" LLVM_VERSION_MAJOR "${LLVM_VERSION}")
if(LLVM_VERSION_MAJOR LESS 17)
  message(FATAL_ERROR "libclang ${LLVM_VERSION} is too old: ndislint needs libclang 17 or newer")
endif()
find_library(LIBCLANG NAMES clang libclang PATHS ${LLVM_LIBRARY_DIR} NO_DEFAULT_PATH)
if(NOT LIBCLANG)
  message(FATAL_ERROR "libclang not found in ${LLVM_LIBRARY_DIR}")
endif()
set(CLANG_RESOURCE_DIR "${LLVM_LIBRARY_DIR}/clang/${LLVM_VERSION_MAJOR}")
if(NOT EXISTS "${CLANG_RESOURCE_DIR}/include/stddef.h")
  message(FATAL_ERROR "clang resource folder not found at ${CLANG_RESOURCE_DIR}")
endif()
