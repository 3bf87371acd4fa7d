# libclang.cmake - finds libclang the one way the project, the benchmark
# and the fuzz harnesses all use. libclang 17 is the oldest with the C API
# the parser needs (operator kinds).
#
# Where it looks, and which one it takes:
#   -DLLVM_CONFIG=/path/to/llvm-config   that LLVM, and no other;
#   -DLLVM_ROOT=/path/to/llvm            a root holding lib/libclang.so and
#                                        include/clang-c/Index.h, no other;
#   otherwise the newest LLVM of version 17 or later among
#     - the versioned llvm-config-N on PATH and the roots /usr/lib/llvm-N
#       (N from 30 down to 17; Debian's libclang-N-dev fills /usr/lib/llvm-N
#       without shipping an llvm-config, which comes with llvm-N), and
#     - the unversioned llvm-config first on PATH (often an older LLVM).
#   A root counts only when it has both the library and the C API headers;
#   each one found but not taken is named with the reason.
#
# Sets LLVM_ROOT_DIR, LLVM_INCLUDE_DIR, LLVM_LIBRARY_DIR, LLVM_BIN_DIR,
# LLVM_VERSION, LLVM_VERSION_MAJOR, LIBCLANG (the library) and
# CLANG_RESOURCE_DIR (clang's builtin headers, stddef.h and the like, of the
# same LLVM).
include_guard(GLOBAL)

set(NDISLINT_LIBCLANG_MIN 17)
set(NDISLINT_LIBCLANG_NEWEST 30)
# Where distributions put each LLVM version (/usr/lib/llvm-N); a test
# points it at a tree of its own.
if(NOT NDISLINT_LLVM_PREFIX)
  set(NDISLINT_LLVM_PREFIX /usr/lib)
endif()

# _ndislint_llvm_from_config(CONFIG PREFIX): asks an llvm-config for its
# root and version; sets PREFIX_ROOT and PREFIX_VERSION (empty on failure).
function(_ndislint_llvm_from_config config prefix)
  execute_process(COMMAND ${config} --prefix OUTPUT_VARIABLE root
                  RESULT_VARIABLE rc1 OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  execute_process(COMMAND ${config} --version OUTPUT_VARIABLE version
                  RESULT_VARIABLE rc2 OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT rc1 EQUAL 0 OR NOT rc2 EQUAL 0)
    set(root "")
    set(version "")
  endif()
  set(${prefix}_ROOT "${root}" PARENT_SCOPE)
  set(${prefix}_VERSION "${version}" PARENT_SCOPE)
endfunction()

# _ndislint_llvm_check(ROOT VERSION_HINT PREFIX): whether ROOT holds a
# usable libclang; sets PREFIX_OK, PREFIX_WHY (when not), PREFIX_VERSION
# (the full version: the hint, or read from lib/libclang-X.Y.Z.so) and
# PREFIX_LIB.
function(_ndislint_llvm_check root hint prefix)
  set(ok FALSE)
  set(why "")
  set(version "${hint}")
  set(lib "")
  string(REGEX MATCH "^[0-9]+" hint_major "${hint}")
  if(hint_major AND hint_major LESS NDISLINT_LIBCLANG_MIN)
    set(why "version ${hint} is older than ${NDISLINT_LIBCLANG_MIN}")
  elseif(NOT EXISTS "${root}/include/clang-c/Index.h")
    set(why "no include/clang-c/Index.h (the libclang-N-dev package is not installed)")
  else()
    file(GLOB libs "${root}/lib/libclang.so" "${root}/lib/libclang-[0-9]*.so" "${root}/lib/libclang.dylib")
    if(NOT libs)
      set(why "no lib/libclang.so")
    else()
      list(GET libs 0 lib)
      if(NOT version MATCHES "^[0-9]+\\.")
        file(GLOB named "${root}/lib/libclang-[0-9]*.[0-9]*.[0-9]*.so")
        if(named)
          list(GET named 0 one)
          get_filename_component(one "${one}" NAME)
          string(REGEX REPLACE "^libclang-([0-9.]+)\\.so$" "\\1" version "${one}")
        elseif(hint MATCHES "^[0-9]+$")
          set(version "${hint}")
        endif()
      endif()
      string(REGEX MATCH "^[0-9]+" major "${version}")
      if(NOT major)
        set(why "its version cannot be told")
      elseif(major LESS NDISLINT_LIBCLANG_MIN)
        set(why "version ${version} is older than ${NDISLINT_LIBCLANG_MIN}")
      elseif(NOT EXISTS "${root}/lib/clang/${major}/include/stddef.h")
        set(why "no clang resource folder lib/clang/${major}/include")
      else()
        set(ok TRUE)
      endif()
    endif()
  endif()
  set(${prefix}_OK ${ok} PARENT_SCOPE)
  set(${prefix}_WHY "${why}" PARENT_SCOPE)
  set(${prefix}_VERSION "${version}" PARENT_SCOPE)
  set(${prefix}_LIB "${lib}" PARENT_SCOPE)
endfunction()

set(_chosen_root "")
set(_chosen_version "")
set(_chosen_lib "")
set(_chosen_from "")
set(_skipped "")

if(LLVM_CONFIG)
  # Given by the user: that one or nothing.
  _ndislint_llvm_from_config("${LLVM_CONFIG}" _given)
  if(NOT _given_ROOT)
    message(FATAL_ERROR "LLVM_CONFIG=${LLVM_CONFIG} does not answer --prefix and --version")
  endif()
  _ndislint_llvm_check("${_given_ROOT}" "${_given_VERSION}" _c)
  if(NOT _c_OK)
    message(FATAL_ERROR "LLVM_CONFIG=${LLVM_CONFIG} (LLVM ${_given_VERSION} at ${_given_ROOT}) cannot be used: ${_c_WHY}; ndislint needs libclang ${NDISLINT_LIBCLANG_MIN} or newer")
  endif()
  set(_chosen_root "${_given_ROOT}")
  set(_chosen_version "${_c_VERSION}")
  set(_chosen_lib "${_c_LIB}")
  set(_chosen_from "LLVM_CONFIG=${LLVM_CONFIG}")
elseif(LLVM_ROOT)
  _ndislint_llvm_check("${LLVM_ROOT}" "" _c)
  if(NOT _c_OK)
    message(FATAL_ERROR "LLVM_ROOT=${LLVM_ROOT} cannot be used: ${_c_WHY}; ndislint needs libclang ${NDISLINT_LIBCLANG_MIN} or newer")
  endif()
  set(_chosen_root "${LLVM_ROOT}")
  set(_chosen_version "${_c_VERSION}")
  set(_chosen_lib "${_c_LIB}")
  set(_chosen_from "LLVM_ROOT=${LLVM_ROOT}")
else()
  # Candidates, newest first: each version's llvm-config-N, then its root.
  set(_n ${NDISLINT_LIBCLANG_NEWEST})
  while(_n GREATER_EQUAL NDISLINT_LIBCLANG_MIN AND NOT _chosen_root)
    unset(_cfg CACHE)
    find_program(_cfg NAMES llvm-config-${_n} NO_CACHE)
    set(_roots "")
    set(_hints "")
    if(_cfg)
      _ndislint_llvm_from_config("${_cfg}" _v)
      if(_v_ROOT)
        list(APPEND _roots "${_v_ROOT}")
        list(APPEND _hints "${_v_VERSION}")
      endif()
    endif()
    if(IS_DIRECTORY "${NDISLINT_LLVM_PREFIX}/llvm-${_n}")
      list(APPEND _roots "${NDISLINT_LLVM_PREFIX}/llvm-${_n}")
      list(APPEND _hints "${_n}")
    endif()
    list(LENGTH _roots _count)
    set(_i 0)
    while(_i LESS _count AND NOT _chosen_root)
      list(GET _roots ${_i} _r)
      list(GET _hints ${_i} _h)
      _ndislint_llvm_check("${_r}" "${_h}" _c)
      if(_c_OK)
        set(_chosen_root "${_r}")
        set(_chosen_version "${_c_VERSION}")
        set(_chosen_lib "${_c_LIB}")
        set(_chosen_from "${_r}")
      else()
        list(APPEND _skipped "LLVM ${_h} at ${_r}: ${_c_WHY}")
      endif()
      math(EXPR _i "${_i} + 1")
    endwhile()
    math(EXPR _n "${_n} - 1")
  endwhile()
  # The unversioned llvm-config on PATH: taken only if it is newer than
  # every versioned one found (a self-built LLVM, say).
  unset(_plain CACHE)
  find_program(_plain NAMES llvm-config NO_CACHE)
  if(_plain)
    _ndislint_llvm_from_config("${_plain}" _p)
    if(_p_ROOT)
      string(REGEX MATCH "^[0-9]+" _p_major "${_p_VERSION}")
      string(REGEX MATCH "^[0-9]+" _chosen_major "${_chosen_version}")
      if(NOT _chosen_root OR (_p_major GREATER _chosen_major))
        _ndislint_llvm_check("${_p_ROOT}" "${_p_VERSION}" _c)
        if(_c_OK)
          set(_chosen_root "${_p_ROOT}")
          set(_chosen_version "${_c_VERSION}")
          set(_chosen_lib "${_c_LIB}")
          set(_chosen_from "${_plain}")
        else()
          list(APPEND _skipped "LLVM ${_p_VERSION} of ${_plain} (${_p_ROOT}): ${_c_WHY}")
        endif()
      elseif(NOT _p_ROOT STREQUAL _chosen_root)
        list(APPEND _skipped "LLVM ${_p_VERSION} of ${_plain} (${_p_ROOT}): older than LLVM ${_chosen_version}")
      endif()
    endif()
  endif()
  foreach(_s IN LISTS _skipped)
    message(STATUS "libclang: skipped ${_s}")
  endforeach()
  if(NOT _chosen_root)
    message(FATAL_ERROR "no libclang ${NDISLINT_LIBCLANG_MIN} or newer found (looked at llvm-config-N, /usr/lib/llvm-N and llvm-config): install libclang-19-dev, or pass -DLLVM_ROOT=DIR or -DLLVM_CONFIG=FILE")
  endif()
endif()

set(LLVM_ROOT_DIR "${_chosen_root}")
set(LLVM_VERSION "${_chosen_version}")
string(REGEX MATCH "^[0-9]+" LLVM_VERSION_MAJOR "${LLVM_VERSION}")
set(LLVM_INCLUDE_DIR "${LLVM_ROOT_DIR}/include")
set(LLVM_LIBRARY_DIR "${LLVM_ROOT_DIR}/lib")
set(LLVM_BIN_DIR "${LLVM_ROOT_DIR}/bin")
set(LIBCLANG "${_chosen_lib}")
set(CLANG_RESOURCE_DIR "${LLVM_LIBRARY_DIR}/clang/${LLVM_VERSION_MAJOR}")
message(STATUS "libclang: using LLVM ${LLVM_VERSION} at ${LLVM_ROOT_DIR} (${_chosen_from})")
