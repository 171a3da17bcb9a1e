# tests/gui: a smoke test of the real paxos-lab binary under Xvfb (Mesa
# software GL): it writes a screenshot and the checker verifies it is a PNG of
# the window size that is not blank. Registered only where xvfb-run exists.
find_program(XVFB_RUN_EXECUTABLE xvfb-run)
if(TARGET paxos-lab AND NOT TARGET paxoslab_png_check)
  add_executable(paxoslab_png_check ${CMAKE_CURRENT_LIST_DIR}/tools/png_check.cpp)
  target_link_libraries(paxoslab_png_check PRIVATE paxoslab::imgui)  # brings libstb
endif()
if(TARGET paxos-lab AND XVFB_RUN_EXECUTABLE)
  add_test(NAME gui_smoke_screenshot
    COMMAND ${CMAKE_COMMAND}
      -DXVFB_RUN=${XVFB_RUN_EXECUTABLE}
      -DAPP=$<TARGET_FILE:paxos-lab>
      -DSCENARIO=${PROJECT_SOURCE_DIR}/scenarios/fig05_leader_crash.toml
      -DOUT=${CMAKE_CURRENT_BINARY_DIR}/gui_smoke.png
      -DCHECKER=$<TARGET_FILE:paxoslab_png_check>
      -P ${CMAKE_CURRENT_LIST_DIR}/smoke.cmake)
  set_tests_properties(gui_smoke_screenshot PROPERTIES TIMEOUT 120)
  # The smoke test runs the real window stack (GLFW, X11, Mesa's llvmpipe under
  # Xvfb). In the sanitizer build LeakSanitizer reports a few small blocks the
  # X/Mesa libraries keep until exit (stacks end in libraries built without
  # frame pointers, so they cannot be suppressed by name). Leak checking stays
  # on for every unit test, which covers our own code; here ASan still aborts
  # on any memory error.
  set_tests_properties(gui_smoke_screenshot PROPERTIES
    ENVIRONMENT_MODIFICATION "ASAN_OPTIONS=string_append::detect_leaks=0")
endif()
