# cmake -P print_libclang.cmake: runs cmake/libclang.cmake as a configure
# step would and prints what it chose, one NAME=VALUE a line.
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/libclang.cmake)
foreach(v LLVM_ROOT_DIR LLVM_VERSION LLVM_VERSION_MAJOR LIBCLANG CLANG_RESOURCE_DIR)
  message(STATUS "${v}=${${v}}")
endforeach()
