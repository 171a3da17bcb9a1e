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

# The layout report: no overlapping or clipped text in these lessons
# at 1280x800 with the lesson column open (lesson 17 with 7 servers, at the
# busiest of its first 400 steps; the others at a busy moment of their script).
if(TARGET paxos-lab AND XVFB_RUN_EXECUTABLE)
  foreach(_case
      "03_send_accept|--lesson-page;1"
      "06_leader_crash|--steps;40"
      "11_prepare_promise|--steps;200;--busiest"
      "12_repropose|--lesson-page;4"
      "15_five_servers_paxos|--page;3;--steps;60"
      "16_duelling_leaders|--lesson-page;3"
      "15_five_servers_paxos|--steps;200;--busiest"
      "17_sandbox|--servers;7;--steps;400;--busiest"
      "13_round_numbers|--lesson-page;2"
      "06_leader_crash|--lesson-page;3;--servers;7"
      "08_two_server_partition|--lesson-page;2;--servers;5")
    string(REPLACE "|" ";" _parts "${_case}")
    list(POP_FRONT _parts _lesson)
    string(REPLACE ";" "_" _tag "${_parts}")
    string(REPLACE "-" "" _tag "${_tag}")
    string(REPLACE ";" " " _args "${_parts}")
    add_test(NAME gui_layout_report_${_lesson}_${_tag}
      COMMAND ${CMAKE_COMMAND}
        -DXVFB_RUN=${XVFB_RUN_EXECUTABLE}
        -DAPP=$<TARGET_FILE:paxos-lab>
        -DLESSON=${PROJECT_SOURCE_DIR}/lessons/${_lesson}.toml
        "-DARGS=${_args}"
        -DOUT=${CMAKE_CURRENT_BINARY_DIR}/layout_${_lesson}_${_tag}.json
        -P ${CMAKE_CURRENT_LIST_DIR}/layout_report.cmake)
    set_tests_properties(gui_layout_report_${_lesson}_${_tag} PROPERTIES TIMEOUT 120
      ENVIRONMENT_MODIFICATION "ASAN_OPTIONS=string_append::detect_leaks=0")
  endforeach()
endif()
