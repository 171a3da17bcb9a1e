# Hostile input: every input the issue names, as a file here (or
# made at test time), run through the real CLI: exit 2 with a file:line
# message, within the test timeout, no raw control characters printed.
if(TARGET paxos-lab-cli)
  set(_hostile ${CMAKE_CURRENT_LIST_DIR})
  set(_work ${PROJECT_BINARY_DIR}/tests/hostile-work)
  # name | how to get the input | exit | stderr regex | text that must not appear
  set(_cases
    "toml_bracket_nul|FILE=${_hostile}/toml_bracket_nul.toml|2|toml_bracket_nul.toml:1:2: expected text, got a NUL byte|"
    "toml_ef_b9_bf|FILE=${_hostile}/toml_ef_b9_bf.toml|2|toml_ef_b9_bf.toml:1:1: expected ASCII outside strings|"
    "huge_at|FILE=${_hostile}/huge_at.toml|2|huge_at.toml:7:[0-9]+: expected an integer from 0 to 1000000000 for 'at'|"
    "huge_delay|FILE=${_hostile}/huge_delay.toml|2|huge_delay.toml:7:[0-9]+: expected an integer from 1 to 1000000|"
    "huge_retransmit_ticks|FILE=${_hostile}/huge_retransmit_ticks.toml|2|huge_retransmit_ticks.toml:7:[0-9]+: expected an integer from 1 to 1000000|"
    "huge_fd_timeout_ticks|FILE=${_hostile}/huge_fd_timeout_ticks.toml|2|huge_fd_timeout_ticks.toml:7:[0-9]+: expected an integer from 1 to 1000000|"
    "huge_client_retry_forever|FILE=${_hostile}/huge_client_retry_forever.toml|2|huge_client_retry_forever.toml:6:[0-9]+: expected an integer from 1 to 1000000 for 'max_steps'|"
    "huge_max_steps|FILE=${_hostile}/huge_max_steps.toml|2|huge_max_steps.toml:5:[0-9]+: expected an integer from 1 to 1000000|"
    "huge_delay_step_ticks|FILE=${_hostile}/huge_delay_step_ticks.toml|2|huge_delay_step_ticks.toml:16:[0-9]+: expected an integer from 1 to 1000000 for 'ticks'|"
    "lesson_scenario_file_dev_zero|FILE=${_hostile}/lessons/scenario_file_dev_zero.toml|2|scenario_file_dev_zero.toml:6:1: expected 'scenario_file' to be a path relative.*got an absolute path|"
    "lesson_scenario_file_escape|FILE=${_hostile}/lessons/scenario_file_escape.toml|2|scenario_file_escape.toml:6:1: expected 'scenario_file'.*leads outside them|root:"
    "dev_zero|FILE=/dev/zero|2|/dev/zero: expected a scenario file \\(a regular file\\), got a device, FIFO or socket|"
    "directory|FILE=${_hostile}|2|expected a scenario file, got a directory|"
    "fifo|GEN=fifo|2|fifo.toml: expected a scenario file \\(a regular file\\)|"
    "deep_dotted_key|GEN=deep_dotted_key|2|deep_dotted_key.toml:1:[0-9]+: expected a dotted key of at most 16 parts|"
    "long_unknown_key|GEN=long_unknown_key|2|long_unknown_key.toml:6:1: expected a key of at most 128 characters|"
    "too_large|GEN=too_large|2|too_large.toml: expected a scenario file of at most 1 MiB|"
    "escape_codes_in_name|FILE=${_hostile}/escape_codes_in_name.toml|0|^$|")
  foreach(_case IN LISTS _cases)
    string(REPLACE "|" ";" _f "${_case}")
    list(GET _f 0 _name)
    list(GET _f 1 _input)
    list(GET _f 2 _exit)
    list(GET _f 3 _regex)
    list(GET _f 4 _forbid)
    add_test(NAME hostile.${_name}
             COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:paxos-lab-cli> -D${_input} -DWORK=${_work}
                     -DEXIT=${_exit} "-DERR_REGEX=${_regex}" "-DERR_FORBID=${_forbid}" -P ${_hostile}/run_case.cmake)
    set_tests_properties(hostile.${_name} PROPERTIES TIMEOUT 120 LABELS hostile)
  endforeach()
  add_test(NAME hostile.lessons_verify_dev_zero
           COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:paxos-lab-cli> -DCMD=lessons-verify
                   -DFILE=${_hostile}/lessons/scenario_file_dev_zero.toml -DWORK=${_work} -DEXIT=2
                   "-DERR_REGEX=scenario_file_dev_zero.toml:6:1: expected 'scenario_file'" -P ${_hostile}/run_case.cmake)
  set_tests_properties(hostile.lessons_verify_dev_zero PROPERTIES TIMEOUT 120 LABELS hostile)
endif()
