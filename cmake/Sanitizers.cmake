# Global AddressSanitizer + UndefinedBehaviorSanitizer when PAXOSLAB_SANITIZE is ON
# (the `asan-ubsan` preset).  Applied with add_compile_options/add_link_options so
# every target in the tree, including the generated glad loader, is instrumented.
include_guard(GLOBAL)

if(PAXOSLAB_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "PAXOSLAB_SANITIZE needs GCC or Clang")
  endif()
  set(_paxoslab_san_flags
    -fsanitize=address,undefined
    -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  add_compile_options(${_paxoslab_san_flags})
  add_link_options(${_paxoslab_san_flags})
  message(STATUS "PaxosLab: building with ${_paxoslab_san_flags}")
endif()

# libFuzzer (tests/fuzz/, docs/fuzzing in tests/fuzz/README.md): every target
# gets coverage instrumentation; only the fuzz executables link the driver.
if(PAXOSLAB_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "PAXOSLAB_FUZZ needs clang (use the `fuzz` preset)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# Tests that open a real window (Xvfb + Mesa) should set this as their ENVIRONMENT:
#   set_tests_properties(gui_smoke PROPERTIES ENVIRONMENT "${PAXOSLAB_GL_TEST_ENVIRONMENT}")
# Mesa's software driver is dlclose()d at exit, so LeakSanitizer reports its
# internal allocations with "<unknown module>" frames that no suppression can
# match; leak checking is therefore off for those tests only (ASan/UBSan stay on).
if(PAXOSLAB_SANITIZE)
  set(PAXOSLAB_GL_TEST_ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1")
else()
  set(PAXOSLAB_GL_TEST_ENVIRONMENT "")
endif()
